import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/index.js';

/**
 * Where the page's files live (plain JS and CSS: no build step). From the project folder, so
 * that the compiled server in `dist/` serves the same files.
 */
export const STATIC_DIR = path.join(PROJECT_ROOT, 'adapters', 'web', 'static');

/** The strict policy of every HTML page: scripts and styles only from files of this server. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers of an HTML page. */
export const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'cache-control': 'no-cache',
} as const;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The files `/static/<name>` serves: only these names, so no path can reach anything else. */
export const STATIC_FILES = ['chat.js', 'chat.css', 'i18n.json', 'favicon.svg'] as const;

/** One static file, read once at start. */
export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** The page's UI strings per language (`static/i18n.json`), also used by the article pages. */
export type UiStrings = Record<'en' | 'ru', Record<string, string>>;

/** A file read once, typed by its extension and fingerprinted for `?v=` links and ETags. */
export function readAsset(file: string): Asset {
  const body = readFileSync(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { body, type: TYPES[path.extname(file)] ?? 'application/octet-stream', etag: `"${hash}"` };
}

/** A page template with each `{{v:<name>}}` replaced by that file's fingerprint. */
export function stampPage(template: string, files: ReadonlyMap<string, Asset>): string {
  return template.replace(/\{\{v:([\w.-]+)\}\}/g, (_m, name: string) =>
    (files.get(name)?.etag ?? '').replace(/"/g, ''),
  );
}

/**
 * The page and its files, read and fingerprinted once at start. The chat page links each file
 * with `?v=<hash>`, so browsers may cache them for long and still get a new version at once.
 */
export class Assets {
  readonly files = new Map<string, Asset>();
  readonly page: string;
  readonly strings: UiStrings;

  constructor(dir = STATIC_DIR) {
    for (const name of STATIC_FILES) this.files.set(name, readAsset(path.join(dir, name)));
    this.page = stampPage(readFileSync(path.join(dir, 'index.html'), 'utf8'), this.files);
    this.strings = JSON.parse(readFileSync(path.join(dir, 'i18n.json'), 'utf8')) as UiStrings;
  }

  /** The stored file `name`, if it is one of ours. */
  get(name: string): Asset | undefined {
    return this.files.get(name);
  }
}
