import { createHash } from 'node:crypto';
import { parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { splitSections } from './sections.js';
import type { Article, KbProblem } from './types.js';

/** Files above this size are refused: an article is a page of steps, not a data dump. */
export const MAX_ARTICLE_BYTES = 512 * 1024;
export const ID_PATTERN = /^[a-z0-9-]+$/;
const MAX_ID_LENGTH = 120;

/**
 * True for text that can be an article id (the rule `id:` is held to): what a link, a button or
 * an API path names is checked with it before any look-up.
 */
export function isArticleId(text: string): boolean {
  return text.length <= MAX_ID_LENGTH && ID_PATTERN.test(text);
}
const MAX_TITLE_LENGTH = 300;
const MAX_LIST_ITEMS = 200;
const MAX_ITEM_LENGTH = 1000;

export type ParseResult = { article: Article; problems: [] } | { article?: undefined; problems: KbProblem[] };

function fail(problems: KbProblem[]): ParseResult {
  return { problems };
}

/**
 * Decodes raw bytes as UTF-8, refusing binary content and invalid encodings (line endings made
 * "\n", a byte-order mark dropped). Also reads the knowledge base's other text files.
 */
export function decodeFile(file: string, bytes: Uint8Array): string | KbProblem {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    return {
      file,
      kind: 'too-large',
      message: `file is ${bytes.length} bytes; the limit is ${MAX_ARTICLE_BYTES}`,
    };
  }
  if (looksLikeUtf16(bytes)) {
    return { file, line: 1, kind: 'encoding', message: 'file is UTF-16 text; save it as UTF-8' };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).filter((b) => b === 0x0a).length + 1;
    return { file, line, kind: 'binary', message: 'file contains NUL bytes: it is binary, not markdown' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  } catch {
    const badAt = firstInvalidUtf8Line(bytes);
    return { file, line: badAt, kind: 'encoding', message: 'file is not valid UTF-8 (save it as UTF-8)' };
  }
}

/**
 * UTF-16 (what some Windows editors save as "Unicode"): a byte-order mark, or Latin text whose
 * every other byte is zero.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const head = bytes.subarray(0, 64);
  if (head.length < 8) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  head.forEach((b, i) => {
    if (b === 0) {
      if (i % 2 === 0) evenZeros += 1;
      else oddZeros += 1;
    }
  });
  const half = head.length / 2;
  return Math.max(evenZeros, oddZeros) >= 0.8 * half && Math.min(evenZeros, oddZeros) === 0;
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line += 1;
      start = i + 1;
    }
  }
  return 1;
}

function stringList(value: unknown): string[] | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return 'must be a list of strings';
  if (value.length > MAX_LIST_ITEMS) return `has ${value.length} items; the limit is ${MAX_LIST_ITEMS}`;
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' && typeof item !== 'number') return 'must be a list of strings';
    const s = String(item).trim();
    if (s === '') return 'contains an empty item';
    if (s.length > MAX_ITEM_LENGTH) return `has an item longer than ${MAX_ITEM_LENGTH} characters`;
    out.push(s);
  }
  return out;
}

/**
 * Parses and validates one article file. Never throws: every problem, whatever the bytes, is
 * returned with the file and line so that `kb:check` and the live loader can report it.
 */
export function parseArticle(file: string, bytes: Uint8Array): ParseResult {
  const text = decodeFile(file, bytes);
  if (typeof text !== 'string') return fail([text]);

  if (text.trim() === '') {
    return fail([
      {
        file,
        line: 1,
        kind: 'no-front-matter',
        message: 'file is empty: an article needs "---" front matter (id, title, lang) and a body',
      },
    ]);
  }
  const split = splitFrontMatter(text);
  if ('error' in split)
    return fail([{ file, line: split.line, kind: 'no-front-matter', message: split.error }]);

  const yaml = parseFrontMatter(split.yaml, split.yamlStartLine);
  if (yaml.errors.length > 0) {
    return fail(
      yaml.errors.map((e) => ({ file, line: e.line, kind: 'yaml', message: `broken YAML: ${e.message}` })),
    );
  }
  const data = yaml.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail([
      {
        file,
        line: split.yamlStartLine,
        kind: 'yaml',
        message: 'front matter must be a mapping of fields (id, title, lang, ...)',
      },
    ]);
  }
  const fm = data as Record<string, unknown>;
  const problems: KbProblem[] = [];
  const field = (key: string, message: string): void => {
    const line = yaml.keyLines.get(key) ?? split.yamlStartLine;
    problems.push({ file, line, kind: 'field', message: `${key}: ${message}` });
  };

  const id = fm.id;
  if (id === undefined || id === null || id === '') field('id', 'is required');
  else if (typeof id !== 'string') field('id', `must be text; quote it: id: "${String(id).slice(0, 80)}"`);
  else if (!ID_PATTERN.test(id)) field('id', `"${id.slice(0, 80)}" must match [a-z0-9-]+`);
  else if (id.length > MAX_ID_LENGTH) field('id', `is longer than ${MAX_ID_LENGTH} characters`);

  const title = fm.title;
  if (title === undefined || title === null || (typeof title === 'string' && title.trim() === ''))
    field('title', 'is required');
  else if (typeof title !== 'string' && typeof title !== 'number') field('title', 'must be text');
  else if (String(title).length > MAX_TITLE_LENGTH)
    field('title', `is longer than ${MAX_TITLE_LENGTH} characters`);

  const lang = fm.lang;
  if (lang === undefined || lang === null || lang === '') field('lang', 'is required (en or ru)');
  else if (lang !== 'en' && lang !== 'ru') field('lang', `"${String(lang).slice(0, 20)}" must be en or ru`);

  const tags = stringList(fm.tags);
  if (typeof tags === 'string') field('tags', tags);
  const questions = stringList(fm.questions);
  if (typeof questions === 'string') field('questions', questions);

  const escalate = fm.escalate ?? false;
  if (typeof escalate !== 'boolean') field('escalate', 'must be true or false');

  const bodyText = split.body.trim();
  if (!/[\p{L}\p{N}]/u.test(bodyText)) {
    problems.push({ file, line: split.bodyStartLine, kind: 'empty-body', message: 'article body is empty' });
  }
  if (problems.length > 0) return fail(problems);

  const articleId = id as string;
  const articleTitle = String(title).trim();
  const sections = splitSections(articleId, articleTitle, bodyText);
  if (sections.length === 0) {
    // Headings only: nothing the bot could quote as an answer.
    return fail([
      {
        file,
        line: split.bodyStartLine,
        kind: 'empty-body',
        message: 'article body has headings but no text',
      },
    ]);
  }
  return {
    article: {
      id: articleId,
      title: articleTitle,
      lang: lang as 'en' | 'ru',
      tags: (tags as string[]).map((t) => t.toLowerCase()),
      questions: questions as string[],
      escalate: escalate as boolean,
      body: bodyText,
      sections,
      file,
      hash: createHash('sha256').update(bytes).digest('hex'),
      idLine: yaml.keyLines.get('id') ?? split.yamlStartLine,
      questionsLine: yaml.keyLines.get('questions'),
    },
    problems: [],
  };
}
