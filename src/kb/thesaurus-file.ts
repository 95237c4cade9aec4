import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { errorMessage } from '../errors.js';
import { normalizePhrase, phraseProblem } from '../text/company-phrases.js';
import { STOPWORDS } from '../text/stopwords.js';
import {
  builtInGroupOf,
  companyThesaurus,
  useCompanyThesaurus,
  type ThesaurusGroups,
} from '../text/synonyms.js';
import { parseYamlDocument } from './front-matter.js';
import { decodeFile } from './parse-article.js';
import type { KbProblem } from './types.js';

/**
 * The company thesaurus, at the top of the knowledge-base folder: groups of words that mean the
 * same, kept by IT staff like the articles. Never read as an article (only `.md` files are); the
 * "_" sorts it apart from them.
 */
export const THESAURUS_FILE = '_thesaurus.yml';

/** A thesaurus is a list of words; beyond this it is a mistake (a dump, the wrong file). */
export const MAX_THESAURUS_BYTES = 256 * 1024;
export const MAX_GROUPS = 2_000;
export const MAX_GROUP_ENTRIES = 200;
/** A group name is one word, the one analysis adds next to every entry (as long as a token may be). */
const MAX_NAME_CHARS = 40;

/** What the company thesaurus file holds, as far as it can be used. */
export interface CompanyThesaurus {
  /** The groups to add to the built-in ones, bad entries left out (empty when broken or absent). */
  groups: ThesaurusGroups;
  /** Each problem with its line; a bad entry or group is skipped, the rest used. */
  problems: KbProblem[];
  /** The file exists but cannot be used at all (not YAML, not a list of groups, unreadable). */
  broken: boolean;
}

const NONE: CompanyThesaurus = { groups: new Map(), problems: [], broken: false };

/** A group as written: its name, where, and its entry nodes. */
interface Written {
  name: string;
  line: number;
  value: Node | null;
}

/**
 * Reads `_thesaurus.yml` of a knowledge-base folder. A missing file is an empty thesaurus; a file
 * that cannot be used is `broken`, with the reason as a problem. Never throws.
 */
export async function readThesaurus(dir: string): Promise<CompanyThesaurus> {
  const full = path.join(dir, THESAURUS_FILE);
  const broken = (message: string, line?: number): CompanyThesaurus => ({
    groups: new Map(),
    problems: [{ file: THESAURUS_FILE, line, kind: 'thesaurus', message }],
    broken: true,
  });
  try {
    const info = await lstat(full).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) return NONE;
    if (!info.isFile()) return broken('not a regular file (symlink, pipe or folder): not used');
    if (info.size > MAX_THESAURUS_BYTES) {
      return broken(`file is ${info.size} bytes; the limit is ${MAX_THESAURUS_BYTES}: not used`);
    }
    const text = decodeFile(THESAURUS_FILE, await readFile(full));
    if (typeof text !== 'string') return broken(`${text.message}: not used`, text.line);
    return parseThesaurus(text);
  } catch (error) {
    return broken(`cannot read file: ${errorMessage(error)}`);
  }
}

/**
 * Validates the text of a company thesaurus: a YAML map of group name -> list of words or phrases
 * (the built-in thesaurus's shape). Bad groups and entries are reported with their line and
 * skipped; YAML that does not parse, or is not such a map, makes the whole file `broken`.
 */
export function parseThesaurus(text: string, file = THESAURUS_FILE): CompanyThesaurus {
  const problems: KbProblem[] = [];
  const report = (line: number | undefined, message: string): void => {
    problems.push({ file, line, kind: 'thesaurus', message });
  };
  const { doc, lineOf, errors, hidden } = parseYamlDocument(text, 1);
  if (errors.length > 0) {
    for (const e of errors) report(e.line, `broken YAML, file not used: ${e.message}`);
    if (hidden > 0) report(errors[errors.length - 1]?.line, `${hidden} more errors not shown`);
    return { groups: new Map(), problems, broken: true };
  }
  const top = doc.contents;
  if (top === null || (isScalar(top) && top.value === null)) return NONE;
  if (!isMap(top)) {
    report(
      top.range ? lineOf(top.range[0]) : 1,
      'the file must list groups: a group name and a colon on one line, then its words below it, ' +
        'each on a line starting with "- " (see the comments at the top of the file): not used',
    );
    return { groups: new Map(), problems, broken: true };
  }
  const written: Written[] = [];
  for (const pair of top.items) {
    const key = pair.key as Node | null;
    const line = key?.range ? lineOf(key.range[0]) : 1;
    if (written.length >= MAX_GROUPS) {
      report(line, `more than ${MAX_GROUPS} groups: the rest are skipped`);
      break;
    }
    const value = pair.value as Node | null;
    if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
      report(line, 'a group name must be a word: group skipped');
      continue;
    }
    written.push({ name: String(key.value).trim().toLowerCase(), line, value });
  }
  return { groups: validGroups(written, lineOf, report), problems, broken: false };
}

/** The usable groups of `written`, each problem reported. */
function validGroups(
  written: readonly Written[],
  lineOf: (offset: number) => number,
  report: (line: number | undefined, message: string) => void,
): ThesaurusGroups {
  const nameLines = new Map<string, number>();
  for (const { name, line } of written) if (!nameLines.has(name)) nameLines.set(name, line);
  /** Entry (normalized) -> group and line it was first listed in. */
  const owners = new Map<string, { group: string; line: number }>();
  const groups = new Map<string, string[]>();
  for (const { name, line, value } of written) {
    const nameProblem = groupNameProblem(name);
    if (nameProblem) {
      report(line, `${nameProblem}: group skipped`);
      continue;
    }
    const firstLine = nameLines.get(name)!;
    if (firstLine !== line)
      report(line, `group "${name}" is already listed at line ${firstLine}: its words are added there`);
    const owner = owners.get(name);
    if (owner) {
      report(
        line,
        `"${name}" is already a word of group "${owner.group}" (line ${owner.line}): group skipped`,
      );
      continue;
    }
    if (
      value === null ||
      (isScalar(value) && value.value === null) ||
      (isSeq(value) && value.items.length === 0)
    ) {
      report(line, `group "${name}" is empty: list its words below it, each on a line starting with "- "`);
      continue;
    }
    if (!isSeq(value)) {
      report(line, `group "${name}" must be a list: its words below it, each on a line starting with "- "`);
      continue;
    }
    const entries = groups.get(name) ?? [];
    for (const [index, item] of value.items.entries()) {
      const node = item as Node | null;
      const at = node?.range ? lineOf(node.range[0]) : line;
      if (index >= MAX_GROUP_ENTRIES) {
        report(at, `group "${name}" has more than ${MAX_GROUP_ENTRIES} words: the rest are skipped`);
        break;
      }
      const problem = entryProblem(name, node, nameLines, owners);
      if (problem) report(at, `${problem}: skipped`);
      else if (isScalar(node) && typeof node.value === 'string') {
        const key = normalizePhrase(node.value);
        // Already in the group: its own name, listed twice, or a built-in spelling of it.
        const redundant =
          key === name || owners.has(key) || (!key.includes('*') && builtInGroupOf(key) === name);
        if (redundant) continue;
        owners.set(key, { group: name, line: at });
        entries.push(node.value);
      }
    }
    if (entries.length > 0) groups.set(name, entries);
  }
  return groups;
}

/** Why `name` cannot name a group, or undefined. */
function groupNameProblem(name: string): string | undefined {
  if (!/^[\p{L}\p{N}]+$/u.test(name)) {
    return `group name "${name}" must be one word of letters and digits (it is the word all its entries are filed under)`;
  }
  if (name.length > MAX_NAME_CHARS) return `group name "${name}" is longer than ${MAX_NAME_CHARS} letters`;
  if (STOPWORDS.has(name)) {
    return `group name "${name}" is a stop word, which search ignores: name the group after the word your articles use`;
  }
  const builtIn = builtInGroupOf(name);
  if (builtIn !== undefined && builtIn !== name) {
    return `"${name}" is already a word of the built-in group "${builtIn}": list the words under "${builtIn}:" instead`;
  }
  return undefined;
}

/**
 * Why an entry of group `group` cannot be used, or undefined: not text, a phrase `phraseProblem`
 * refuses, or a word that already belongs to another group (of the file or built in).
 */
function entryProblem(
  group: string,
  node: Node | null,
  names: ReadonlyMap<string, number>,
  owners: ReadonlyMap<string, { group: string; line: number }>,
): string | undefined {
  if (!isScalar(node) || node.value === null) return 'not a word or phrase';
  if (typeof node.value !== 'string')
    return `${String(node.value)} is not text: put it in quotes ("${String(node.value)}")`;
  const phrase = node.value;
  const invalid = phraseProblem(phrase);
  if (invalid) return invalid;
  const key = normalizePhrase(phrase);
  const bare = key.replace(/\*/g, '');
  const owner = owners.get(key);
  if (owner && owner.group !== group) {
    return `"${phrase}" is already in group "${owner.group}" (line ${owner.line}); a word can mean only one thing`;
  }
  const namedLine = names.get(bare);
  if (bare !== group && namedLine !== undefined) {
    return `"${phrase}" is the name of group "${bare}" (line ${namedLine}); a word can mean only one thing`;
  }
  const builtIn = builtInGroupOf(phrase);
  if (builtIn !== undefined && builtIn !== group) {
    return `"${phrase}" already means "${builtIn}" in the built-in thesaurus; list it under "${builtIn}:" to add to that group`;
  }
  return undefined;
}

/** True when two sets of groups hold the same words in the same order. */
export function sameGroups(a: ThesaurusGroups, b: ThesaurusGroups): boolean {
  if (a.size !== b.size) return false;
  for (const [name, words] of a) {
    const other = b.get(name);
    if (!other || other.length !== words.length || other.some((w, i) => w !== words[i])) return false;
  }
  const names = [...b.keys()];
  return [...a.keys()].every((name, i) => names[i] === name);
}

/**
 * Puts company groups to use (see `useCompanyThesaurus`) unless they are the ones in use. True
 * when analysis changed, so that everything analysed before must be analysed again. What serves
 * instead of a broken file is the caller's choice: the built-in thesaurus alone at start-up, the
 * previous one on a live reload.
 */
export function applyThesaurus(groups: ThesaurusGroups): boolean {
  if (sameGroups(groups, companyThesaurus())) return false;
  useCompanyThesaurus(groups);
  return true;
}
