import builtIn from './data/thesaurus.json' with { type: 'json' };
import { normalizePhrase, phrasePattern } from './company-phrases.js';
import { memoized } from './memo.js';

/** Groups of a thesaurus: canonical token -> the spellings that stand for it, in order. */
export type ThesaurusGroups = ReadonlyMap<string, readonly string[]>;

/**
 * Spellings people use for the same IT thing, mapped to one canonical token (`data/thesaurus.json`):
 * Russian slang and transliterations of product names ("аутлук", "впн", "тимс"), split or
 * hyphenated forms ("wi-fi"), common abbreviations, and concept groups ("cx...") that map chat
 * symptoms to one helpdesk concept. Applied to articles and messages alike, so an article that
 * says "VPN" matches a message that says "впн". Each spelling is a regular expression body over
 * whole lowercased words; a space in it matches any separator.
 */
export const BUILT_IN_THESAURUS: ThesaurusGroups = new Map(Object.entries(builtIn.groups));

/** One regex over the variants that can start with a given character, tried at word starts. */
interface Bucket {
  pattern: RegExp;
  canonical: string[];
}

/**
 * The lowercase characters a match of the variant can start with, or undefined when its first
 * atoms do not tell (a class, an escape, a capital letter). A leading group gives the first
 * characters of each of its alternatives, and when it may match nothing ("(?:при|по)?слал"),
 * those of what follows too; a lookaround takes no character and is skipped. Variants filed under
 * their first characters are only tried at words that start with one of them.
 */
export function firstCharacters(body: string): string[] | undefined {
  const found = new Set<string>();
  const end = alternativesFrom(body, 0, found);
  if (end === undefined || end.nullable || end.at !== body.length) return undefined;
  return [...found].sort();
}

/** Parse position after a run of alternatives, and whether one of them may match nothing. */
interface Parsed {
  at: number;
  nullable: boolean;
}

/**
 * First characters of "a|b|c" from `at` up to a closing ")" or the end, added to `found`;
 * undefined if untellable. Without `found` it only finds the end of the group.
 */
function alternativesFrom(body: string, at: number, found?: Set<string>): Parsed | undefined {
  let nullable = false;
  let i = at;
  for (;;) {
    const sequence = sequenceFrom(body, i, found);
    if (!sequence) return undefined;
    nullable ||= sequence.nullable;
    i = sequence.at;
    if (body[i] !== '|') return { at: i, nullable };
    i += 1;
  }
}

/** First characters of one alternative, read atom by atom until an atom that must match one. */
function sequenceFrom(body: string, at: number, found?: Set<string>): Parsed | undefined {
  let i = at;
  let collecting = found !== undefined;
  while (i < body.length && body[i] !== '|' && body[i] !== ')') {
    let atomNullable: boolean;
    if (body[i] === '(') {
      const lookaround = /^\(\?<?[=!]/.test(body.slice(i, i + 4));
      const open = body.startsWith('(?:', i) ? 3 : lookaround ? (body[i + 2] === '<' ? 4 : 3) : 1;
      const inner = alternativesFrom(body, i + open, lookaround || !collecting ? undefined : found);
      if (!inner || body[inner.at] !== ')') return undefined;
      i = inner.at + 1;
      atomNullable = lookaround || inner.nullable;
    } else {
      const c = body[i]!;
      if (collecting && !/[\p{Ll}\p{N}]/u.test(c)) return undefined;
      if (collecting) found?.add(c);
      i = c === '\\' ? i + 2 : c === '[' ? closingBracket(body, i) + 1 : i + 1;
      atomNullable = false;
    }
    const quantifier = body[i];
    if (quantifier === '?' || quantifier === '*') {
      atomNullable = true;
      i += 1;
    } else if (quantifier === '+') {
      i += 1;
    } else if (quantifier === '{') {
      atomNullable ||= body[i + 1] === '0';
      i = body.indexOf('}', i) + 1;
    }
    if (body[i] === '?') i += 1;
    if (!atomNullable) collecting = false;
  }
  return { at: i, nullable: collecting };
}

/**
 * Fewest characters a variant can match: literals, escapes and classes count one each; optional
 * or repeated-from-zero parts and lookarounds count nothing; an alternation counts its shortest
 * branch; anchors and `\b` count nothing. Covers the regex syntax the variants use and throws on
 * any other (`\p{..}`, `\u..`, `\x..`, back-references, named groups), so that a new variant
 * cannot be sorted by a wrong length without notice: the thesaurus is compiled when this module
 * loads.
 */
export function minMatchLength(body: string): number {
  const unsupported = /\\[pPuxkc1-9]|\(\?<[^=!]/.exec(body);
  if (unsupported) throw new Error(`thesaurus variant uses unsupported syntax "${unsupported[0]}": ${body}`);
  // A space compiles to [\s_-]*, and "\w" matches "_" too: the two would split a run of
  // underscores every possible way ("new" + 2,000 "_" took 4.7 s). "[a-z0-9]" says what is meant.
  if (/\\[wWS]|(?<!\\)\.(?![^[]*\])/.test(body)) {
    throw new Error(`thesaurus variant uses \\w, \\S or ".", which overlap the separators: ${body}`);
  }
  let i = 0;
  const sequence = (): number => {
    let shortest = Infinity;
    let length = 0;
    while (i < body.length && body[i] !== ')') {
      if (body[i] === '|') {
        shortest = Math.min(shortest, length);
        length = 0;
        i += 1;
        continue;
      }
      let atom = 1;
      if (body[i] === '(') {
        const lookaround = /^\(\?<?[=!]/.test(body.slice(i, i + 4));
        i += body.startsWith('(?:', i) ? 3 : lookaround ? (body[i + 2] === '<' ? 4 : 3) : 1;
        const inner = sequence();
        i += 1;
        atom = lookaround ? 0 : inner;
      } else if (body[i] === '[') {
        i = closingBracket(body, i) + 1;
      } else if (body[i] === '^' || body[i] === '$' || /^\\[bB]/.test(body.slice(i, i + 2))) {
        atom = 0;
        i += body[i] === '\\' ? 2 : 1;
      } else {
        i += body[i] === '\\' ? 2 : 1;
      }
      const quantifier = body[i];
      if (quantifier === '?' || quantifier === '*') {
        atom = 0;
        i += 1;
      } else if (quantifier === '+') {
        i += 1;
      } else if (quantifier === '{') {
        const end = body.indexOf('}', i);
        atom *= Number(body.slice(i + 1, end).split(',')[0]);
        i = end + 1;
      }
      if (body[i] === '?') i += 1;
      length += atom;
    }
    return Math.min(shortest, length);
  };
  return sequence();
}

/** Index of the `]` that closes the class opening at `open`. */
function closingBracket(body: string, open: number): number {
  let i = open + 1;
  if (body[i] === '^') i += 1;
  if (body[i] === ']') i += 1;
  while (i < body.length && body[i] !== ']') i += body[i] === '\\' ? 2 : 1;
  return i;
}

/**
 * The variants split by the characters they can start with: at each word start only the variants
 * that can match there are tried (an alternation of all 1,200 costs a try of each at every word).
 * A variant that may start with several characters is in each of their buckets; each bucket also
 * holds the few variants whose first character cannot be told, and keeps the global order:
 * longest match first, so "ms teams" wins over "teams" and "диск S" (a network drive) over
 * "диск". The order goes by the fewest characters a variant must match, not by the length of its
 * pattern: "диск(?:а|е|у|ом|и)?" is the longer pattern but the shorter match. Each variant is its
 * own capture group whose index names the canonical token.
 */
function compile(groups: ThesaurusGroups): Compiled {
  const entries: { body: string; canonical: string; firsts: string[] | undefined; shortest: number }[] = [];
  for (const [canonical, variants] of groups) {
    for (const variant of variants) {
      const body = variant.replace(/ /g, '[\\s_-]*');
      entries.push({ body, canonical, firsts: firstCharacters(body), shortest: minMatchLength(body) });
    }
  }
  entries.sort((a, b) => b.shortest - a.shortest || b.body.length - a.body.length);
  const bucketOf = (selected: typeof entries): Bucket | undefined =>
    selected.length === 0
      ? undefined
      : {
          pattern: new RegExp(`(?:${selected.map((e) => `(${e.body})`).join('|')})(?![\\p{L}\\p{N}])`, 'iuy'),
          canonical: selected.map((e) => e.canonical),
        };
  const buckets = new Map<string, Bucket>();
  for (const first of new Set(entries.flatMap((e) => e.firsts ?? []))) {
    const bucket = bucketOf(entries.filter((e) => e.firsts === undefined || e.firsts.includes(first)));
    if (bucket) buckets.set(first, bucket);
  }
  return { buckets, generic: bucketOf(entries.filter((e) => e.firsts === undefined)) };
}

/** Built-in and company patterns, compiled; swapped whole when the company thesaurus changes. */
interface Compiled {
  buckets: Map<string, Bucket>;
  generic: Bucket | undefined;
}

const BUILT_IN_COMPILED = compile(BUILT_IN_THESAURUS);
let compiled = BUILT_IN_COMPILED;
let company: ThesaurusGroups = new Map();
let version = 0;
const canonicalTokens = new Set(BUILT_IN_THESAURUS.keys());

/**
 * The canonical tokens ("printer", "laptop", "cxprojector", and the company's group names): a
 * message may also type them as such. Kept current when the company thesaurus changes.
 */
export const CANONICAL_TOKENS: ReadonlySet<string> = canonicalTokens;

/**
 * Bumped by every change of the company thesaurus: a cache of analysed text outside this module
 * (stems of an article) is valid for one version.
 */
export function thesaurusVersion(): number {
  return version;
}

/** The company groups in use (plain phrases, as `useCompanyThesaurus` received them). */
export function companyThesaurus(): ThesaurusGroups {
  return company;
}

/**
 * Adds a company's groups to the built-in ones, replacing the company groups used so far: a group
 * named like a built-in one extends it, any other is a new group. Entries are plain phrases (see
 * `phrasePattern`), already validated (see `phraseProblem`). Process-wide, like the built-in
 * thesaurus: every analysis from now on uses it, so the caller re-indexes what was analysed
 * before. Throws (and keeps the previous thesaurus) if a pattern does not compile.
 */
export function useCompanyThesaurus(groups: ThesaurusGroups): void {
  const merged = new Map<string, readonly string[]>(BUILT_IN_THESAURUS);
  for (const [name, phrases] of groups) {
    merged.set(name, [...(merged.get(name) ?? []), ...phrases.map(phrasePattern)]);
  }
  compiled = groups.size === 0 ? BUILT_IN_COMPILED : compile(merged);
  company = groups;
  version += 1;
  canonicalTokens.clear();
  for (const name of merged.keys()) canonicalTokens.add(name);
  conceptSpans.clear();
}

/**
 * The built-in group a company entry already belongs to: the canonical token of the built-in
 * spelling that covers the whole phrase (its `*`s left out), or of the group it names.
 */
export function builtInGroupOf(phrase: string): string | undefined {
  const text = normalizePhrase(phrase).replace(/\*/g, '');
  if (BUILT_IN_THESAURUS.has(text)) return text;
  const spans = [...scanConceptSpans(text, BUILT_IN_COMPILED)];
  const whole = spans.length === 1 && spans[0]!.start === 0 && spans[0]!.end === text.length;
  return whole ? spans[0]!.canonical : undefined;
}

/** A recognised variant in a text: where it is and the canonical token it stands for. */
export interface ConceptSpan {
  start: number;
  end: number;
  canonical: string;
}

/**
 * The recognised variants of `text`, left to right, none overlapping (the longest match wins).
 * Memoized (see `memoized`): a message is scanned several times, and each scan runs hundreds of
 * patterns.
 */
export const conceptSpans = memoized((text): readonly ConceptSpan[] => [...scanConceptSpans(text, compiled)]);

function* scanConceptSpans(text: string, patterns: Compiled): Generator<ConceptSpan> {
  const wordStart = /(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu;
  for (let m = wordStart.exec(text); m !== null; m = wordStart.exec(text)) {
    const at = m.index;
    const bucket = patterns.buckets.get(m[0].toLowerCase()) ?? patterns.generic;
    if (!bucket) continue;
    bucket.pattern.lastIndex = at;
    const hit = bucket.pattern.exec(text);
    if (!hit || hit[0].length === 0) continue;
    // The first group that took part names the variant (no copy of hundreds of groups per hit).
    let group = 1;
    while (group < hit.length && hit[group] === undefined) group += 1;
    const canonical = bucket.canonical[group < hit.length ? group - 1 : -1];
    if (canonical === undefined) continue;
    wordStart.lastIndex = at + hit[0].length;
    yield { start: at, end: at + hit[0].length, canonical };
  }
}

/**
 * Adds the canonical token next to each recognised variant (keeping the original words, which
 * still carry meaning for stemming), e.g. "не работает впн" -> "не работает впн vpn".
 * `keptWords` may drop some of a variant's own words: a message's spelling that no article uses
 * ("мфу", the "ms" of "ms teams") would only count as an unmatched word beside its canonical token.
 */
export function expandSynonyms(
  text: string,
  keptWords?: (surface: string, canonical: string) => string,
): string {
  let out = '';
  let copied = 0;
  for (const { start, end, canonical } of conceptSpans(text)) {
    const typed = text.slice(start, end);
    const surface = keptWords === undefined ? typed : keptWords(typed, canonical);
    out += `${text.slice(copied, start)}${surface} ${canonical}`;
    copied = end;
  }
  return out + text.slice(copied);
}
