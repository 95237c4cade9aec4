/**
 * Finds passwords and access tokens that employees paste into chat ("my password is X",
 * "пароль: X", Slack/GitHub/AWS/Azure tokens, JWTs, private keys, long random strings) and
 * replaces them before anything is stored, searched or shown to an agent. Errs on the side of
 * hiding: a redacted error code costs a follow-up question, a leaked password costs an account.
 */

/** What replaces a secret in stored and relayed text. */
export const REDACTED = '[redacted]';

/** What was found, for logs and tests (the user gets one warning whatever the kind). */
export type SecretKind = 'password' | 'token' | 'private-key' | 'random-string';

/** The text with secrets replaced by `[redacted]`, and what was found. */
export interface Redaction {
  text: string;
  /** Kinds found, once each; empty when the text was clean. */
  found: SecretKind[];
}

/** Word boundaries that also work for Cyrillic (`\b` is ASCII-only). */
const START = '(?<![\\p{L}\\p{N}_])';
const END = '(?![\\p{L}\\p{N}_])';

const TOKEN_PATTERNS: RegExp[] = [
  // JSON Web Tokens: header.payload.signature, base64url.
  /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g,
  // Slack bot/user/app tokens and incoming webhooks.
  /xox[abposr]-[A-Za-z0-9-]{8,}/g,
  /xapp-[A-Za-z0-9-]{8,}/g,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g,
  // Teams / Office 365 incoming webhooks and Azure AD client secrets (`xxxQ~...`).
  /https:\/\/[a-z0-9.-]+\.webhook\.office\.com\/[^\s]+/gi,
  /[A-Za-z0-9_.-]{3,4}\dQ~[A-Za-z0-9_.~-]{30,40}/g,
  /[A-Za-z0-9_.-]{3,4}Q~[A-Za-z0-9_.~-]{30,40}/g,
  // GitHub personal, OAuth, app and fine-grained tokens.
  /gh[pousr]_[A-Za-z0-9]{30,}/g,
  /github_pat_[A-Za-z0-9_]{30,}/g,
  // AWS access key ids and Google API keys.
  /(?:AKIA|ASIA)[0-9A-Z]{16}/g,
  /AIza[0-9A-Za-z_-]{35}/g,
];

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const AUTH_HEADER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi;
const URL_SECRET_PARAM =
  /([?&](?:token|access_token|id_token|key|api_key|apikey|secret|client_secret|password|pwd|sig|signature|code)=)[^&\s#]+/gi;
/** `scheme://user:password@host` in connection strings and clone URLs. */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)(@)/gi;
/** `curl -u user:password`, `--user user:password`. */
const CLI_USER = /((?:^|\s)(?:-u|--user)\s+[^\s:]+:)(\S+)/g;

/** Words after which the next value is a credential. */
const SECRET_WORDS =
  'passwords?|passwd|pwd|pass|passcode|pin|secret|token|api[ _-]?key|access[ _-]?key|client[ _-]?secret|' +
  'парол[ьяеюи]|паролем|пасс|пин(?:-?код)?|токен[а-я]*|ключ[а-я]*|секрет';

/**
 * Up to three words between the keyword and its value: "password for vpn is X", "пароль от
 * почты X". Each is short and has no separator, so it cannot swallow the value itself.
 */
const FOR_WHAT = '(?:\\s+[\\p{L}\\p{N}._-]{1,20}){0,3}?';
/** "password: X", "пароль = X": an explicit separator, so the value is redacted whatever it looks like. */
const EXPLICIT = new RegExp(
  `${START}(${SECRET_WORDS})${END}(${FOR_WHAT}\\s*(?:is|это)?\\s*[:=]\\s*)(["'«]?)([^\\s"'»]{3,})\\3`,
  'giu',
);
/** `password: "correct horse battery staple"`: a quoted passphrase may contain spaces. */
const QUOTED = new RegExp(
  `${START}(${SECRET_WORDS})${END}(${FOR_WHAT}\\s*[:=]?\\s*)(["'«])([^"'»\\n]{3,80})["'»]`,
  'giu',
);
/** A keyword without a separator: "my password is X", "пароль от почты X" (see `redactImplicit`). */
const KEYWORD = new RegExp(`${START}(?:${SECRET_WORDS})${END}`, 'giu');
/** How many words after a keyword may hold its value: "password for the vpn is X". */
const IMPLICIT_REACH = 5;

const FILE_LIKE = /\.(png|jpe?g|gif|pdf|docx?|xlsx?|pptx?|txt|log|zip|exe|msi|dmg|pkg|csv|md)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RANDOM_CANDIDATE = /[A-Za-z0-9+/=_~.-]{24,}/g;

/** True for a value that looks like a chosen password rather than an ordinary word. */
function looksLikePassword(value: string): boolean {
  const v = value.replace(/[.,!?;)]+$/, '');
  if (v.length < 6) return /^\d{4,}$/.test(v);
  const letters = /\p{L}/u.test(v);
  const digits = /\d/.test(v);
  const symbols = /[^\p{L}\p{N}]/u.test(v);
  const innerUpper = /\p{Ll}.*\p{Lu}/u.test(v);
  return (letters && (digits || symbols || innerUpper)) || /^\d{6,}$/.test(v);
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Long strings of letters and digits with high entropy: keys, secrets, session ids. */
function isRandomString(token: string): boolean {
  if (UUID.test(token) || FILE_LIKE.test(token)) return false;
  if (!/[A-Za-z]/.test(token) || !/\d/.test(token)) return false;
  return entropy(token) >= 3.5;
}

/**
 * After each keyword, the first of the next few words that looks like a password ("my password
 * for vpn is Qwerty123", "пароль от почты Tr0ub4dor"); ordinary words ("my password is expired",
 * "пароль не подходит") are left alone. Done by scanning, not by one pattern: a pattern commits
 * to the first word it can reach and would never look at the password after "от почты".
 */
function redactImplicit(text: string, found: Set<SecretKind>): string {
  const spans: [number, number][] = [];
  for (const keyword of text.matchAll(KEYWORD)) {
    const from = keyword.index + keyword[0].length;
    const words = /[^\s"'«»]+/g;
    const rest = text.slice(from, from + 200);
    let seen = 0;
    for (let w = words.exec(rest); w !== null && seen < IMPLICIT_REACH; w = words.exec(rest)) {
      seen += 1;
      const value = w[0].replace(/[.,!?;)]+$/, '');
      if (value === REDACTED || value.includes(REDACTED)) break;
      if (value.length >= 4 && looksLikePassword(value)) {
        spans.push([from + w.index, from + w.index + value.length]);
        break;
      }
    }
  }
  if (spans.length === 0) return text;
  found.add('password');
  let out = '';
  let copied = 0;
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    if (start < copied) continue;
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = end;
  }
  return out + text.slice(copied);
}

/** Replaces every secret in `text`; pure, never throws. */
export function redactSecrets(text: string): Redaction {
  const found = new Set<SecretKind>();
  let out = text.replace(PRIVATE_KEY, () => {
    found.add('private-key');
    return REDACTED;
  });
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, () => {
      found.add('token');
      return REDACTED;
    });
  }
  out = out.replace(AUTH_HEADER, (_m, scheme: string) => {
    found.add('token');
    return `${scheme} ${REDACTED}`;
  });
  out = out.replace(URL_SECRET_PARAM, (_m, name: string) => {
    found.add('token');
    return `${name}${REDACTED}`;
  });
  out = out.replace(URL_USERINFO, (_m, before: string, _password: string, at: string) => {
    found.add('password');
    return `${before}${REDACTED}${at}`;
  });
  out = out.replace(CLI_USER, (_m, before: string) => {
    found.add('password');
    return `${before}${REDACTED}`;
  });
  out = out.replace(QUOTED, (match, word: string, sep: string, quote: string, value: string) => {
    if (value.includes(REDACTED)) return match;
    // Without a separator only something password-like counts ('pin "1234"', not 'token "expired"').
    if (!/[:=]/.test(sep) && !looksLikePassword(value.replace(/\s/g, ''))) return match;
    found.add('password');
    return `${word}${sep}${quote}${REDACTED}${quote}`;
  });
  out = out.replace(EXPLICIT, (match, word: string, sep: string, _q: string, value: string) => {
    if (value === REDACTED) return match;
    found.add('password');
    return `${word}${sep}${REDACTED}`;
  });
  out = redactImplicit(out, found);
  out = out.replace(/\S+/g, (word) => {
    // Links, e-mail addresses and Windows paths are ordinary things to paste; their secret
    // parts (query tokens) were handled above.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word) || word.includes('@') || word.includes('\\')) return word;
    return word.replace(RANDOM_CANDIDATE, (match) => {
      if (!isRandomString(match)) return match;
      found.add('random-string');
      return REDACTED;
    });
  });
  return { text: out, found: [...found] };
}
