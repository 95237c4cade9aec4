import type { KbProblem } from '../../src/kb/types.js';

/** Folder with one broken file per problem kind and two valid articles (relative to project root). */
export const KB_BROKEN_DIR = 'test/fixtures/kb-broken';

/** Folder with three valid articles in nested folders, plus a hidden draft and a README.txt. */
export const KB_MINI_DIR = 'test/fixtures/kb-mini';

export interface ExpectedProblem {
  kind: KbProblem['kind'];
  line: number;
  message: RegExp;
}

/**
 * What loading test/fixtures/kb-broken must report: every broken file exactly at this line
 * (YAML may add follow-up errors for the same mistake, on the same line).
 */
export const KB_BROKEN_PROBLEMS: Record<string, ExpectedProblem> = {
  'alias-bomb.md': { kind: 'yaml', line: 2, message: /^broken YAML: .*alias/i },
  'binary.md': { kind: 'binary', line: 3, message: /NUL bytes: it is binary, not markdown/ },
  'empty-body.md': { kind: 'empty-body', line: 6, message: /^article body is empty$/ },
  'empty.md': { kind: 'no-front-matter', line: 1, message: /^file is empty/ },
  'escalate-not-boolean.md': { kind: 'field', line: 5, message: /^escalate: must be true or false$/ },
  'invalid-id-question-mark.md': {
    kind: 'field',
    line: 3,
    message: /^id: "what\?" must match \[a-z0-9-\]\+$/,
  },
  'invalid-id-uppercase.md': { kind: 'field', line: 4, message: /^id: "Invalid-ID" must match/ },
  'invalid-lang.md': { kind: 'field', line: 4, message: /^lang: "de" must be en or ru$/ },
  'invalid-utf8.md': { kind: 'encoding', line: 6, message: /not valid UTF-8/ },
  'missing-id.md': { kind: 'field', line: 2, message: /^id: is required$/ },
  'missing-lang.md': { kind: 'field', line: 2, message: /^lang: is required/ },
  'missing-title.md': { kind: 'field', line: 2, message: /^title: is required$/ },
  'no-front-matter.md': { kind: 'no-front-matter', line: 1, message: /must start with a "---" line/ },
  'questions-not-list.md': { kind: 'field', line: 6, message: /^questions: must be a list of strings$/ },
  'tags-not-list.md': { kind: 'field', line: 5, message: /^tags: must be a list of strings$/ },
  'unclosed-front-matter.md': { kind: 'no-front-matter', line: 1, message: /never closed by a "---" line/ },
  'yaml-bad-indent.md': { kind: 'yaml', line: 7, message: /^broken YAML: / },
  'yaml-unclosed-quote.md': { kind: 'yaml', line: 3, message: /^broken YAML: Missing closing "quote/ },
  'zz-duplicate-id.md': {
    kind: 'duplicate-id',
    line: 3,
    message: /^id "fixture-vpn-en" is already used by valid\/vpn-en\.md$/,
  },
};

/** The valid articles of kb-broken, which must load despite their broken neighbours. */
export const KB_BROKEN_VALID: Record<string, string> = {
  'valid/vpn-en.md': 'fixture-vpn-en',
  'valid/vpn-ru.md': 'fixture-vpn-ru',
};
