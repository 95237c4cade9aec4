import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { STATIC_DIR, type Asset } from '../assets.js';

/** Chart.js's self-contained UMD build, served as a file of this server (no CDN: CSP `script-src 'self'`). */
export const CHART_JS_FILE = path.join(
  path.dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.js',
);

const FILES: Record<string, { file: string; type: string }> = {
  'console.js': { file: path.join(STATIC_DIR, 'console.js'), type: 'text/javascript; charset=utf-8' },
  'console.css': { file: path.join(STATIC_DIR, 'console.css'), type: 'text/css; charset=utf-8' },
  'chart.umd.js': { file: CHART_JS_FILE, type: 'text/javascript; charset=utf-8' },
};

/**
 * The agent console's page and files, read and fingerprinted once at start like the chat's: only
 * these names are served, and the page links each with `?v=<hash>`.
 */
export class ConsoleAssets {
  readonly files = new Map<string, Asset>();
  readonly page: string;

  constructor() {
    for (const [name, { file, type }] of Object.entries(FILES)) {
      const body = readFileSync(file);
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      this.files.set(name, { body, type, etag: `"${hash}"` });
    }
    const template = readFileSync(path.join(STATIC_DIR, 'console.html'), 'utf8');
    this.page = template.replace(/\{\{v:([\w.-]+)\}\}/g, (_m, name: string) =>
      (this.files.get(name)?.etag ?? '').replace(/"/g, ''),
    );
  }

  get(name: string): Asset | undefined {
    return this.files.get(name);
  }
}
