import { readFile } from 'node:fs/promises';
import type { Lang } from '../config.js';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';

/** One labelled query; `expected: []` marks it out of scope (the bot must not answer). */
export interface LabelledQuery {
  query: string;
  lang: Lang;
  expected: string[];
}

/** Reads a JSONL query file, naming the line of any malformed entry. */
export async function readQueries(file: string): Promise<LabelledQuery[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new HelpdeskError(
      ErrorCodes.CLI_USAGE,
      `cannot read queries file ${file}: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  const out: LabelledQuery[] = [];
  // A byte-order mark, as some Windows editors write, is not part of the first line's JSON.
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${file}:${i + 1}: not valid JSON`, { cause: error });
      }
      const q = (typeof value === 'object' && value !== null ? value : {}) as Partial<LabelledQuery>;
      if (
        typeof q.query !== 'string' ||
        (q.lang !== 'en' && q.lang !== 'ru') ||
        !Array.isArray(q.expected) ||
        !q.expected.every((e) => typeof e === 'string')
      ) {
        throw new HelpdeskError(
          ErrorCodes.BAD_INPUT,
          `${file}:${i + 1}: expected {"query": string, "lang": "en"|"ru", "expected": string[]}`,
        );
      }
      if (q.query.trim() === '')
        throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${file}:${i + 1}: empty query`);
      out.push({ query: q.query, lang: q.lang, expected: q.expected });
    });
  return out;
}

/**
 * Expected article ids that the knowledge base does not have, with how many queries name them:
 * such a query can only count as a miss, so a typo in an id would silently lower every figure.
 */
export function unknownExpectations(
  queries: readonly LabelledQuery[],
  known: ReadonlySet<string>,
): Map<string, number> {
  const unknown = new Map<string, number>();
  for (const q of queries)
    for (const id of q.expected) if (!known.has(id)) unknown.set(id, (unknown.get(id) ?? 0) + 1);
  return unknown;
}

/**
 * Lines that repeat an earlier query (same language and text), and how many of those name other
 * expected articles: a benchmark may hold both, but a repeated line weighs twice in every figure
 * and a conflicting one cannot be right both times.
 */
export function repeatedQueries(queries: readonly LabelledQuery[]): { total: number; conflicting: number } {
  const seen = new Map<string, string>();
  let total = 0;
  let conflicting = 0;
  for (const q of queries) {
    const key = `${q.lang}\n${q.query.trim().toLowerCase()}`;
    const expected = [...q.expected].sort().join(',');
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, expected);
      continue;
    }
    total += 1;
    if (earlier !== expected) conflicting += 1;
  }
  return { total, conflicting };
}
