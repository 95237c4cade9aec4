import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project folder (the one holding `package.json`), found by walking up from this file. The
 * same code runs from `src/` under `tsx` and from `dist/src/` after `npm run build`, so files read
 * at run time (the web chat's static files, the Teams manifest) are located from here rather than
 * next to the module, where the compiled copy has none.
 */
export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}
