import { redactSecrets, type SecretKind } from './secrets.js';

/**
 * Turns whatever a channel delivered as "text" into something safe to store, search and relay:
 * user text is hostile (megabytes of logs, control characters, bidi overrides, passwords).
 */
export interface CleanText {
  /** Normalized, redacted and truncated text; may be empty. */
  text: string;
  /** True when the message was longer than the limit and was cut. */
  truncated: boolean;
  /** Secrets found and redacted. */
  secrets: SecretKind[];
}

// Control characters except tab and newline, C1 controls, zero-width and bidi control marks.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Vertical tab, form feed, next line and the Unicode line and paragraph separators: line breaks. */
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\u000B\u000C\u0085\u2028\u2029]/g;
/**
 * The file, group, record and unit separators and the zero-width space (text pasted from web
 * pages): deleted, they would glue two words into one.
 */
// eslint-disable-next-line no-control-regex
const WORD_BREAKS = /[\u001C-\u001F\u200B]/g;

/**
 * Terminal escape sequences (colours, cursor moves, window titles) pasted from a console: removed
 * whole, since deleting only the ESC character would leave "[31m" in the stored text.
 */
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]|\u001B[@-Z\\-_]/g;

/** Room kept past the limit so a secret cut in half by truncation is still recognised. */
const SECRET_SLACK = 512;

/** Cuts to at most `max` code points without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text.slice(0, max * 2))
    .slice(0, max)
    .join('');
}

/** Cleans, redacts, then truncates (redacting first so a truncated secret is still caught). */
export function cleanUserText(raw: unknown, maxChars: number): CleanText {
  if (typeof raw !== 'string' || raw.length === 0) return { text: '', truncated: false, secrets: [] };
  const capped =
    raw.length > (maxChars + SECRET_SLACK) * 2 ? raw.slice(0, (maxChars + SECRET_SLACK) * 2) : raw;
  const normalized = capped
    .normalize('NFC')
    .replace(ESCAPE_SEQUENCES, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(LINE_BREAKS, '\n')
    .replace(WORD_BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(/[ \u00A0]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const redacted = redactSecrets(cut(normalized, maxChars + SECRET_SLACK));
  const truncated = Array.from(redacted.text.slice(0, (maxChars + 1) * 2)).length > maxChars;
  return { text: cut(redacted.text, maxChars).trim(), truncated, secrets: redacted.found };
}
