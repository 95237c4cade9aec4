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
  // At a word start only: otherwise "eyJeyJeyJ..." is rescanned from every "eyJ" (quadratic).
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g,
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
/**
 * `scheme://user:` at a word start (so a long run of letters is not rescanned from every
 * position); what follows up to the last `@` before the path is the password (it may hold `@`).
 */
const URL_USERINFO = /(?<![\p{L}\p{N}+.-])([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/]{1,200}:)([^\s/]{1,500})/giu;
/** `curl -u user:password`, `-uuser:password`, `--user=user:password`, quoted or not. */
const CLI_USER = /(?<!\S)(-u|--user)(=|\s*)(["']?)([^\s:"']{1,100}):/g;

/** Words after which the next value is a credential. */
const SECRET_WORDS =
  'passwords?|passwd|pwd|pass|passcode|pin|secret|token|api[ _-]?key|access[ _-]?key|client[ _-]?secret|' +
  'парол[ьяеюи]|паролем|пасс|пин(?:-?код)?|токен[а-я]*|ключ[а-я]*|секрет';

/** Words that say "the value comes next": "password is X", "пароль теперь X". */
const COPULA = 'is|was|now|это|теперь|сейчас';

/**
 * What a credential is for, between the keyword and its value: "password for vpn is X",
 * "пароль от почты X". Only after a preposition and at most two words, so "password change
 * error: 0x80070005" keeps its error code.
 */
const FOR_WHAT = `(?:\\s+(?:for|to|of|on|at|от|для|к|на|в)(?:\\s+(?!(?:${COPULA})(?![\\p{L}\\p{N}]))[\\p{L}\\p{N}._-]{1,20}){1,2})?`;
/** A separator after the keyword. One optional copula, so no two runs of spaces are adjacent. */
const SEPARATOR = '\\s*(?:(?:is|это)\\s*)?[:=]\\s*';
/** "password: X", "пароль = X": an explicit separator, so the value is redacted whatever it looks like. */
const EXPLICIT = new RegExp(
  `${START}(${SECRET_WORDS})${END}(${FOR_WHAT}${SEPARATOR})(["'«]?)([^\\s"'»]{3,})\\3`,
  'giu',
);
/** `password: "correct horse battery staple"`, `my password is "..."`: a quoted passphrase. */
const QUOTED = new RegExp(
  `${START}(${SECRET_WORDS})${END}(${FOR_WHAT}(?:${SEPARATOR}|\\s+(?:is|это)\\s*))(["'«])([^"'»\\n]{3,80})(["'»])`,
  'giu',
);
/** A keyword and what follows it, for `redactImplicit`. */
const IMPLICIT = new RegExp(
  `${START}(?:${SECRET_WORDS})${END}(${FOR_WHAT})(\\s+(?:${COPULA}|-|—|–)\\s+|\\s+)(["'«]?)([^\\s"'»]{4,100})(?![^\\s"'»])`,
  'giu',
);

const FILE_LIKE = /\.(png|jpe?g|gif|pdf|docx?|xlsx?|pptx?|txt|log|zip|exe|msi|dmg|pkg|csv|md)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RANDOM_CANDIDATE = /[A-Za-z0-9+/=_~.-]{24,}/g;

/** A capital after a small letter ("qWerty"), found in linear time (`/a.*B/` is quadratic). */
function hasInnerCapital(value: string): boolean {
  const small = value.search(/\p{Ll}/u);
  return small >= 0 && /\p{Lu}/u.test(value.slice(small + 1));
}

/** True for a value that looks like a chosen password rather than an ordinary word. */
function looksLikePassword(value: string): boolean {
  const v = value.replace(/[.,!?;)]+$/, '');
  if (v.length < 6) return /^\d{4,}$/.test(v);
  const letters = /\p{L}/u.test(v);
  const digits = /\d/.test(v);
  const symbols = /[^\p{L}\p{N}]/u.test(v);
  const innerUpper = hasInnerCapital(v);
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

/** Letters, digits and a capital inside or a symbol: "Tr0ub4dorE", "Весна2026!". */
function looksStrong(value: string): boolean {
  return /\p{L}/u.test(value) && /\d/.test(value) && (hasInnerCapital(value) || /[^\p{L}\p{N}]/u.test(value));
}

/** Addresses, hosts and error codes are what a message is about, not a secret. */
function looksLikeName(value: string): boolean {
  return value.includes('@') || /^0x[0-9a-f]+$/i.test(value) || /\p{L}\.\p{L}/u.test(value);
}

/**
 * A keyword without a separator: "my password is Qwerty123", "пароль Qwerty123", "my password for
 * vpn is X" redact the value when it looks like a password. After "for/от + words" without a
 * copula ("пароль от почты Tr0ub4dor") only a strong value at the end of the sentence counts, so
 * "password for printer HP-LaserJet ..." keeps the model name.
 */
function redactImplicit(text: string, found: Set<SecretKind>): string {
  return text.replace(
    IMPLICIT,
    (match, forWhat: string, sep: string, _quote: string, raw: string, offset: number) => {
      const value = raw.replace(/[.,!?;:)]+$/, '');
      if (raw.includes(REDACTED) || !looksLikePassword(value) || looksLikeName(value)) return match;
      const copula = sep.trim() !== '';
      if (forWhat && !copula) {
        const after = text.slice(offset + match.length);
        if (!looksStrong(raw) || !/^\s*(?:[.!?]|$)/.test(after)) return match;
      }
      found.add('password');
      return `${match.slice(0, match.length - raw.length)}${REDACTED}`;
    },
  );
}

/** The password of `curl -u user:password` (quoted or not), up to the closing quote or a space. */
function redactCliUser(text: string, found: Set<SecretKind>): string {
  let out = '';
  let copied = 0;
  for (const m of text.matchAll(CLI_USER)) {
    const start = m.index + m[0].length;
    if (start < copied) continue;
    const quote = m[3] ?? '';
    // `docker run -u 1000:1000` is a user and group id, not a password.
    if (/^\d+$/.test(m[4] ?? '') && /^\d+(?:\s|$)/.test(text.slice(start))) continue;
    const end = quote ? text.indexOf(quote, start) : text.slice(start).search(/\s|$/) + start;
    const stop = end < start ? text.length : end;
    if (stop === start) continue;
    found.add('password');
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = stop;
  }
  return out + text.slice(copied);
}

/**
 * Replaces every secret in `text`; pure, never throws. `randomStrings: false` skips the guess at
 * long random strings (keys without a known prefix), which file paths and model names also match.
 */
export function redactSecrets(text: string, options: { randomStrings?: boolean } = {}): Redaction {
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
  out = out.replace(URL_USERINFO, (match, before: string, rest: string) => {
    const at = rest.lastIndexOf('@');
    if (at <= 0) return match; // host:port, no password
    found.add('password');
    return `${before}${REDACTED}${rest.slice(at)}`;
  });
  out = redactCliUser(out, found);
  out = out.replace(
    QUOTED,
    (match, word: string, sep: string, open: string, value: string, close: string) => {
      if (value.includes(REDACTED)) return match;
      // After "is" alone, only something password-like: 'the password is "incorrect"' stays.
      if (!/[:=]/.test(sep) && !looksLikePassword(value.replace(/\s/g, ''))) return match;
      found.add('password');
      return `${word}${sep}${open}${REDACTED}${close}`;
    },
  );
  out = out.replace(EXPLICIT, (match, word: string, sep: string, _q: string, value: string) => {
    if (value === REDACTED) return match;
    found.add('password');
    return `${word}${sep}${REDACTED}`;
  });
  out = redactImplicit(out, found);
  // Long random-looking strings: a guess, right for chat, wrong for logs full of paths and ids.
  if (options.randomStrings === false) return { text: out, found: [...found] };
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
