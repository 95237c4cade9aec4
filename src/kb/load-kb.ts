import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';
import { MAX_ARTICLE_BYTES, parseArticle } from './parse-article.js';
import { applyThesaurus, readThesaurus } from './thesaurus-file.js';
import type { Article, KbProblem, LoadedKb } from './types.js';

/** Hard stop against pointing the loader at a whole disk by mistake. */
const MAX_FILES = 50_000;

/** Folder or file names the knowledge base never reads: hidden ones and `node_modules`. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** What a walk of the knowledge-base folder found. */
export interface KbScan {
  /** Markdown files, relative to the folder with forward slashes, sorted. */
  files: string[];
  /** Sub-folders walked (relative, sorted); the live re-index watches each of them. */
  folders: string[];
  /** Sub-folders that could not be read, entries that are not regular files, the file cap. */
  problems: KbProblem[];
}

const toRelative = (dir: string, full: string): string => path.relative(dir, full).split(path.sep).join('/');

/**
 * Why an entry named like an article is not read, or undefined when it is irrelevant. Symbolic
 * links are never followed (a link could pull in any file on the machine, or loop), and a pipe
 * would block the read forever; both are reported so that an editor knows why an article is missing.
 */
async function skippedEntryReason(full: string, name: string, isLink: boolean): Promise<string | undefined> {
  if (name.toLowerCase().endsWith('.md')) {
    return isLink
      ? 'symbolic link: not followed, copy the file instead'
      : 'not a regular file (pipe or device)';
  }
  if (!isLink) return undefined;
  const target = await stat(full).catch(() => undefined);
  return target?.isDirectory()
    ? 'symbolic link to a folder: not followed, copy the folder instead'
    : undefined;
}

/**
 * Walks `dir` for `.md` files, skipping hidden folders and `node_modules`. A sub-folder that cannot
 * be read is reported and the rest still loads; only the folder itself failing throws
 * `KB_UNREADABLE`.
 */
export async function scanKnowledgeBase(dir: string): Promise<KbScan> {
  const unreadable = (error: unknown) =>
    new HelpdeskError(
      ErrorCodes.KB_UNREADABLE,
      `Knowledge-base folder "${dir}" cannot be read: ${errorMessage(error)}`,
      { cause: error },
    );
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw unreadable(error);
  }
  const files: string[] = [];
  const folders: string[] = [];
  const problems: KbProblem[] = [];
  let capped = false;
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if (current === dir) throw error;
      const folder = `${toRelative(dir, current)}/`;
      problems.push({
        file: folder,
        kind: 'unreadable',
        message: `cannot read folder: ${errorMessage(error)}`,
      });
      return;
    }
    if (current !== dir) folders.push(toRelative(dir, current));
    for (const entry of entries) {
      if (isSkippedName(entry.name)) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        if (!entry.name.toLowerCase().endsWith('.md')) continue;
        if (files.length >= MAX_FILES) capped = true;
        else files.push(toRelative(dir, full));
      } else {
        const reason = await skippedEntryReason(full, entry.name, entry.isSymbolicLink());
        if (reason) problems.push({ file: toRelative(dir, full), kind: 'not-a-file', message: reason });
      }
    }
  };
  try {
    await walk(dir);
  } catch (error) {
    throw unreadable(error);
  }
  if (capped) {
    problems.push({
      file: '.',
      kind: 'too-many-files',
      message: `more than ${MAX_FILES} markdown files: only the first ${MAX_FILES} found are loaded`,
    });
  }
  return { files: files.sort(), folders: folders.sort(), problems };
}

/** Lists `.md` files under `dir` (recursively, sorted, skipping hidden folders and symlinks). */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  return (await scanKnowledgeBase(dir)).files;
}

/** Reads one file relative to `dir` and parses it; read failures become problems. */
export async function loadArticleFile(
  dir: string,
  file: string,
): Promise<{ article?: Article; problems: KbProblem[] }> {
  const full = path.join(dir, file);
  try {
    // lstat: a symlink, pipe or device named `.md` is not an article (reading a pipe never ends).
    const info = await lstat(full);
    if (!info.isFile()) {
      return {
        problems: [{ file, kind: 'unreadable', message: 'not a regular file (symlink, pipe or folder)' }],
      };
    }
    if (info.size > MAX_ARTICLE_BYTES) {
      return {
        problems: [
          {
            file,
            kind: 'too-large',
            message: `file is ${info.size} bytes; the limit is ${MAX_ARTICLE_BYTES}`,
          },
        ],
      };
    }
    return parseArticle(file, await readFile(full));
  } catch (error) {
    return { problems: [{ file, kind: 'unreadable', message: `cannot read file: ${errorMessage(error)}` }] };
  }
}

/**
 * Loads every article under `dir`. A bad file is reported and skipped while the rest loads; when
 * two files claim the same id, the first in path order wins and the second is reported.
 * The folder's company thesaurus (`_thesaurus.yml`) is put to use first, since it shapes how
 * every article is analysed; its problems are reported with the articles'. A broken one leaves
 * the built-in thesaurus alone, as does a folder without one.
 */
export async function loadKnowledgeBase(dir: string): Promise<LoadedKb> {
  const { files, problems } = await scanKnowledgeBase(dir);
  const thesaurus = await readThesaurus(dir);
  const groups = thesaurus.broken ? new Map<string, string[]>() : thesaurus.groups;
  problems.push(...thesaurus.problems);
  applyThesaurus(groups);
  const articles: Article[] = [];
  const owners = new Map<string, string>();
  // The next few files are read while one is parsed: one at a time, the process mostly waited
  // for the file system's round trips (open, stat, read, close for each file). They are taken in
  // path order all the same.
  const reading = new Map<number, ReturnType<typeof loadArticleFile>>();
  const readAhead = (i: number) => {
    if (i < files.length) reading.set(i, loadArticleFile(dir, files[i]!));
  };
  for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
  for (const [i, file] of files.entries()) {
    const result = await reading.get(i)!;
    reading.delete(i);
    readAhead(i + READ_AHEAD);
    problems.push(...result.problems);
    const article = result.article;
    if (!article) continue;
    const owner = owners.get(article.id);
    if (owner !== undefined) {
      problems.push({
        file,
        line: article.idLine,
        kind: 'duplicate-id',
        message: `id "${article.id}" is already used by ${owner}`,
      });
      continue;
    }
    owners.set(article.id, file);
    articles.push(article);
  }
  return { articles, problems, thesaurus: groups };
}

/** Article files read ahead of the one being parsed at start-up. */
const READ_AHEAD = 16;

/** One line per problem, `file:line: message`, the way compilers print them. */
export function formatProblem(problem: KbProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}
