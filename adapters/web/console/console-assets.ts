import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readAsset, stampPage, STATIC_DIR, type Asset } from '../assets.js';

/** Chart.js's self-contained UMD build, served as a file of this server (no CDN: CSP `script-src 'self'`). */
export const CHART_JS_FILE = path.join(
  path.dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.js',
);

const FILES: Record<string, string> = {
  'console.js': path.join(STATIC_DIR, 'console.js'),
  'console.css': path.join(STATIC_DIR, 'console.css'),
  'chart.umd.js': CHART_JS_FILE,
};

/**
 * The agent console's page and files, read and fingerprinted once at start like the chat's: only
 * these names are served, and the page links each with `?v=<hash>`.
 */
export class ConsoleAssets {
  readonly files = new Map<string, Asset>();
  readonly page: string;

  constructor() {
    for (const [name, file] of Object.entries(FILES)) this.files.set(name, readAsset(file));
    this.page = stampPage(readFileSync(path.join(STATIC_DIR, 'console.html'), 'utf8'), this.files);
  }

  get(name: string): Asset | undefined {
    return this.files.get(name);
  }
}
