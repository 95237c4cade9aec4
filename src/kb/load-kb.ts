import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';
import { MAX_ARTICLE_BYTES, parseArticle } from './parse-article.js';
import type { Article, KbProblem, LoadedKb } from './types.js';

/** Hard stop against pointing the loader at a whole disk by mistake. */
const MAX_FILES = 50_000;

/** Folder or file names the knowledge base never reads: hidden ones and `node_modules`. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Lists `.md` files under `dir` (recursively, sorted, skipping hidden folders and symlinks). */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw new HelpdeskError(
      ErrorCodes.KB_UNREADABLE,
      `Knowledge-base folder "${dir}" cannot be read: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (isSkippedName(entry.name)) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        if (found.length >= MAX_FILES) return;
        found.push(path.relative(dir, full).split(path.sep).join('/'));
      }
    }
  };
  await walk(dir);
  return found.sort();
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
 */
export async function loadKnowledgeBase(dir: string): Promise<LoadedKb> {
  const files = await listMarkdownFiles(dir);
  const articles: Article[] = [];
  const problems: KbProblem[] = [];
  const owners = new Map<string, string>();
  for (const file of files) {
    const result = await loadArticleFile(dir, file);
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
  return { articles, problems };
}

/** One line per problem, `file:line: message`, the way compilers print them. */
export function formatProblem(problem: KbProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}
