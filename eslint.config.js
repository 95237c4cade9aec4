import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.exp/**', 'node_modules/**', 'data/**', 'models/**', 'coverage/**', 'dist/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config.ts only.' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Adapters reach the core through its one public entry, never past it.
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!index\\.js$)',
              message: 'Adapters import the core only from src/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core knows no channel; only the entry points in src/cli compose adapters.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)adapters/', message: 'The core imports no adapter.' }] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', '*.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
