import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_ARTICLE_BYTES, parseArticle, type ParseResult } from '../../src/kb/parse-article.js';
import { MAX_YAML_ERRORS } from '../../src/kb/front-matter.js';
import type { Article, KbProblem } from '../../src/kb/types.js';

const encoder = new TextEncoder();

function parse(content: string | Uint8Array, file = 'folder/article.md'): ParseResult {
  return parseArticle(file, typeof content === 'string' ? encoder.encode(content) : content);
}

function ok(content: string | Uint8Array, file?: string): Article {
  const result = parse(content, file);
  expect(result.problems).toEqual([]);
  if (!result.article) throw new Error('expected an article');
  return result.article;
}

/** The single problem of a file that must be rejected; fails if it loaded or has several. */
function onlyProblem(content: string | Uint8Array, file = 'folder/article.md'): KbProblem {
  const result = parse(content, file);
  expect(result.article).toBeUndefined();
  expect(result.problems).toHaveLength(1);
  const problem = result.problems[0]!;
  expect(problem.file).toBe(file);
  return problem;
}

const VALID = [
  '---', // 1
  'id: vpn-connect-en', // 2
  'title: "  Connect to the VPN  "', // 3
  'lang: en', // 4
  'tags: [VPN, Network, 2024]', // 5
  'questions:', // 6
  '  - How do I connect to the VPN?', // 7
  '  - VPN keeps dropping', // 8
  'escalate: true', // 9
  '---', // 10
  '', // 11
  'Use the VPN client to reach internal sites.', // 12
  '', // 13
  '## Connect', // 14
  '1. Open the client.', // 15
  '', // 16
  "## If that didn't help", // 17
  'Call the IT desk.', // 18
  '',
].join('\n');

describe('parseArticle: valid articles', () => {
  it('returns every field, normalised, with the sections and the id line', () => {
    const article = ok(VALID, 'network/vpn-connect-en.md');
    expect(article.id).toBe('vpn-connect-en');
    expect(article.title).toBe('Connect to the VPN');
    expect(article.lang).toBe('en');
    expect(article.tags).toEqual(['vpn', 'network', '2024']);
    expect(article.questions).toEqual(['How do I connect to the VPN?', 'VPN keeps dropping']);
    expect(article.escalate).toBe(true);
    expect(article.file).toBe('network/vpn-connect-en.md');
    expect(article.idLine).toBe(2);
    expect(article.body.startsWith('Use the VPN client')).toBe(true);
    expect(article.body.endsWith('Call the IT desk.')).toBe(true);
    expect(article.body).not.toContain('escalate');
    expect(article.sections.map((s) => [s.id, s.heading])).toEqual([
      ['vpn-connect-en#0', 'Connect to the VPN'],
      ['vpn-connect-en#1', 'Connect'],
      ['vpn-connect-en#2', "If that didn't help"],
    ]);
  });

  it('hashes the raw bytes with sha256 so a changed file gets a new hash', () => {
    const bytes = encoder.encode(VALID);
    const result = parseArticle('a.md', bytes);
    expect(result.article?.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    const changed = ok(VALID.replace('Call the IT desk.', 'Call the IT desk now.'));
    expect(changed.hash).not.toBe(result.article?.hash);
  });

  it('defaults tags and questions to empty lists and escalate to false', () => {
    const article = ok('---\nid: a\ntitle: T\nlang: ru\n---\nТекст статьи.\n');
    expect(article).toMatchObject({ lang: 'ru', tags: [], questions: [], escalate: false });
  });

  it('treats empty tags/questions fields as empty lists', () => {
    const article = ok('---\nid: a\ntitle: T\nlang: en\ntags:\nquestions: []\n---\nBody.\n');
    expect(article.tags).toEqual([]);
    expect(article.questions).toEqual([]);
  });

  it('accepts "..." as the closing fence and a numeric title', () => {
    const article = ok('---\nid: a\ntitle: 2024\nlang: en\n...\nBody.\n');
    expect(article.title).toBe('2024');
    expect(article.body).toBe('Body.');
  });

  it('loads CRLF line endings like LF, without carriage returns in the text', () => {
    const crlf = ok(VALID.replace(/\n/g, '\r\n'));
    const lf = ok(VALID);
    expect({ ...crlf, hash: '' }).toEqual({ ...lf, hash: '' });
    expect(crlf.body).not.toContain('\r');
    expect(crlf.questions.join('')).not.toContain('\r');
  });

  it('loads a file with a UTF-8 byte order mark (also with CRLF)', () => {
    const bom = ok(`\uFEFF${VALID}`);
    expect(bom.id).toBe('vpn-connect-en');
    expect(bom.idLine).toBe(2);
    const both = ok(`\uFEFF${VALID.replace(/\n/g, '\r\n')}`);
    expect(both.id).toBe('vpn-connect-en');
    expect(both.sections).toHaveLength(3);
  });

  it('keeps line numbers right in CRLF files', () => {
    const problem = onlyProblem('---\r\nid: a\r\ntitle: T\r\nlang: fr\r\n---\r\nBody\r\n');
    expect(problem).toMatchObject({ kind: 'field', line: 4 });
  });
});

interface Case {
  name: string;
  content: string | Uint8Array;
  kind: KbProblem['kind'];
  line: number;
  message: RegExp;
}

const FM = (lines: string[], body = 'Body text.'): string => ['---', ...lines, '---', body, ''].join('\n');

const CASES: Case[] = [
  {
    name: 'bad indentation in a YAML list (line of the bad item)',
    content: FM(['id: a', 'title: T', 'lang: en', 'questions:', '  - one', ' - two']),
    kind: 'yaml',
    line: 7,
    message: /^broken YAML: /,
  },
  {
    name: 'unclosed double quote (line where the quote opens)',
    content: FM(['id: a', 'title: "Reset your password', 'lang: en', 'tags: [password]']),
    kind: 'yaml',
    line: 3,
    message: /^broken YAML: .*quote/i,
  },
  {
    name: 'unclosed single quote in a list item',
    content: FM(['id: a', 'title: T', 'lang: en', 'questions:', "  - 'one", '  - two', 'tags: [x]']),
    kind: 'yaml',
    line: 6,
    message: /^broken YAML: .*quote/i,
  },
  {
    name: 'unclosed flow sequence (line where it opens)',
    content: FM(['id: a', 'tags: [vpn, network', 'lang: en', 'title: T']),
    kind: 'yaml',
    line: 3,
    message: /^broken YAML: .*\]/,
  },
  {
    name: 'tab indentation',
    content: FM(['id: a', '\ttitle: T', 'lang: en']),
    kind: 'yaml',
    line: 3,
    message: /^broken YAML: .*tab/i,
  },
  {
    name: 'duplicate key (line of the second one)',
    content: FM(['id: a', 'title: T', 'lang: en', 'id: b']),
    kind: 'yaml',
    line: 5,
    message: /^broken YAML: .*unique/i,
  },
  {
    name: 'front matter that is not a mapping',
    content: FM(['- id: a', '- title: T']),
    kind: 'yaml',
    line: 2,
    message: /must be a mapping/,
  },
  {
    name: 'empty front matter',
    content: FM([]),
    kind: 'yaml',
    line: 2,
    message: /must be a mapping/,
  },
  {
    name: 'no front matter',
    content: '# VPN\n\nJust markdown.\n',
    kind: 'no-front-matter',
    line: 1,
    message: /must start with a "---" line/,
  },
  {
    name: 'front matter after a blank first line',
    content: '\n---\nid: a\ntitle: T\nlang: en\n---\nBody\n',
    kind: 'no-front-matter',
    line: 1,
    message: /must start with a "---" line/,
  },
  {
    name: 'unclosed front matter',
    content: '---\nid: a\ntitle: T\nlang: en\n\nBody without a closing fence.\n',
    kind: 'no-front-matter',
    line: 1,
    message: /never closed/,
  },
  {
    name: 'missing id',
    content: FM(['title: T', 'lang: en']),
    kind: 'field',
    line: 2,
    message: /^id: is required/,
  },
  {
    name: 'empty id',
    content: FM(['title: T', 'id: ""', 'lang: en']),
    kind: 'field',
    line: 3,
    message: /^id: is required/,
  },
  {
    name: 'missing title',
    content: FM(['id: a', 'lang: en']),
    kind: 'field',
    line: 2,
    message: /^title: is required/,
  },
  {
    name: 'blank title',
    content: FM(['id: a', 'lang: en', 'title: "   "']),
    kind: 'field',
    line: 4,
    message: /^title: is required/,
  },
  {
    name: 'title that is not text',
    content: FM(['id: a', 'lang: en', 'title: [a, b]']),
    kind: 'field',
    line: 4,
    message: /^title: must be text/,
  },
  {
    name: 'missing lang',
    content: FM(['id: a', 'title: T']),
    kind: 'field',
    line: 2,
    message: /^lang: is required \(en or ru\)/,
  },
  {
    name: 'uppercase id',
    content: FM(['title: T', 'lang: en', 'id: VPN-Connect']),
    kind: 'field',
    line: 4,
    message: /^id: "VPN-Connect" must match \[a-z0-9-\]\+/,
  },
  {
    name: 'id with a question mark',
    content: FM(['title: T', 'id: what?', 'lang: en']),
    kind: 'field',
    line: 3,
    message: /^id: "what\?" must match/,
  },
  {
    name: 'id with a space',
    content: FM(['id: vpn connect', 'title: T', 'lang: en']),
    kind: 'field',
    line: 2,
    message: /^id: "vpn connect" must match/,
  },
  {
    name: 'numeric id',
    content: FM(['id: 42', 'title: T', 'lang: en']),
    kind: 'field',
    line: 2,
    message: /^id: must be text; quote it: id: "42"/,
  },
  {
    name: 'overlong id',
    content: FM([`id: ${'a'.repeat(121)}`, 'title: T', 'lang: en']),
    kind: 'field',
    line: 2,
    message: /^id: is longer than 120 characters/,
  },
  {
    name: 'overlong title',
    content: FM(['id: a', `title: ${'T'.repeat(301)}`, 'lang: en']),
    kind: 'field',
    line: 3,
    message: /^title: is longer than 300 characters/,
  },
  {
    name: 'invalid lang',
    content: FM(['id: a', 'title: T', 'lang: de']),
    kind: 'field',
    line: 4,
    message: /^lang: "de" must be en or ru/,
  },
  {
    name: 'uppercase lang',
    content: FM(['id: a', 'title: T', 'lang: EN']),
    kind: 'field',
    line: 4,
    message: /^lang: "EN" must be en or ru/,
  },
  {
    name: 'tags as a comma string',
    content: FM(['id: a', 'title: T', 'lang: en', 'tags: vpn, network']),
    kind: 'field',
    line: 5,
    message: /^tags: must be a list of strings/,
  },
  {
    name: 'tags containing a mapping',
    content: FM(['id: a', 'title: T', 'lang: en', 'tags:', '  - vpn', '  - name: x']),
    kind: 'field',
    line: 5,
    message: /^tags: must be a list of strings/,
  },
  {
    name: 'tags with an empty item',
    content: FM(['id: a', 'title: T', 'lang: en', 'tags: [vpn, ""]']),
    kind: 'field',
    line: 5,
    message: /^tags: contains an empty item/,
  },
  {
    name: 'too many tags',
    content: FM([
      'id: a',
      'title: T',
      'lang: en',
      `tags: [${Array.from({ length: 201 }, (_, i) => `t${i}`)}]`,
    ]),
    kind: 'field',
    line: 5,
    message: /^tags: has 201 items; the limit is 200/,
  },
  {
    name: 'questions as a single string',
    content: FM(['id: a', 'title: T', 'lang: en', 'questions: How do I connect?']),
    kind: 'field',
    line: 5,
    message: /^questions: must be a list of strings/,
  },
  {
    name: 'questions with an overlong item',
    content: FM(['id: a', 'title: T', 'lang: en', 'questions:', `  - ${'q'.repeat(1001)}`]),
    kind: 'field',
    line: 5,
    message: /^questions: has an item longer than 1000 characters/,
  },
  {
    name: 'escalate as a word',
    content: FM(['id: a', 'title: T', 'lang: en', 'escalate: yes']),
    kind: 'field',
    line: 5,
    message: /^escalate: must be true or false/,
  },
  {
    name: 'escalate as a quoted "true"',
    content: FM(['id: a', 'escalate: "true"', 'title: T', 'lang: en']),
    kind: 'field',
    line: 3,
    message: /^escalate: must be true or false/,
  },
  {
    name: 'escalate as a number',
    content: FM(['id: a', 'title: T', 'lang: en', 'escalate: 1']),
    kind: 'field',
    line: 5,
    message: /^escalate: must be true or false/,
  },
  {
    name: 'empty body (line of the first body line)',
    content: '---\nid: a\ntitle: T\nlang: en\n---\n\n   \n',
    kind: 'empty-body',
    line: 6,
    message: /^article body is empty$/,
  },
  {
    name: 'body with only markdown punctuation',
    content: '---\nid: a\ntitle: T\nlang: en\n---\n***\n---\n',
    kind: 'empty-body',
    line: 6,
    message: /body is empty/,
  },
  {
    name: 'body with headings but no text under them',
    content: '---\nid: a\ntitle: T\nlang: en\n---\n## Steps\n\n## More steps\n',
    kind: 'empty-body',
    line: 6,
    message: /^article body has headings but no text$/,
  },
  {
    name: 'binary file (line of the first NUL byte)',
    content: Uint8Array.from([...encoder.encode('---\nid: a\ntitle: T\nlang: en\n---\nBo'), 0, 0x64, 0x79]),
    kind: 'binary',
    line: 6,
    message: /NUL bytes: it is binary/,
  },
  {
    name: 'PNG image renamed to .md',
    content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    kind: 'binary',
    line: 3,
    message: /binary/,
  },
  {
    name: 'UTF-16 with a byte-order mark',
    content: Uint8Array.from(Buffer.from('\uFEFF---\nid: a\ntitle: T\nlang: en\n---\nBody\n', 'utf16le')),
    kind: 'encoding',
    line: 1,
    message: /UTF-16 text; save it as UTF-8/,
  },
  {
    name: 'UTF-16 without a byte-order mark',
    content: Uint8Array.from(Buffer.from('---\nid: a\ntitle: T\nlang: en\n---\nBody\n', 'utf16le')),
    kind: 'encoding',
    line: 1,
    message: /UTF-16/,
  },
  {
    name: 'invalid UTF-8 (line of the bad byte)',
    content: Uint8Array.from([
      ...encoder.encode('---\nid: a\ntitle: T\nlang: en\n---\nCaf'),
      0xe9,
      ...encoder.encode(' menu\n'),
    ]),
    kind: 'encoding',
    line: 6,
    message: /not valid UTF-8/,
  },
  {
    name: 'UTF-8 sequence cut off at the end of the file',
    content: Uint8Array.from([...encoder.encode('---\nid: a\n---\nПривет\n'), 0xd0]),
    kind: 'encoding',
    line: 5,
    message: /not valid UTF-8/,
  },
  {
    name: 'empty file',
    content: '',
    kind: 'no-front-matter',
    line: 1,
    message: /file is empty/,
  },
  {
    name: 'whitespace-only file',
    content: '\n  \n\t\n',
    kind: 'no-front-matter',
    line: 1,
    message: /file is empty/,
  },
];

describe('parseArticle: every problem kind is reported with file, line and a clear message', () => {
  it.each(CASES)('$name', ({ content, kind, line, message }) => {
    const result = parse(content, 'docs/broken.md');
    expect(result.article).toBeUndefined();
    expect(result.problems.length).toBeGreaterThan(0);
    // YAML may add follow-up errors for the same mistake; they must all point at the same line.
    if (kind !== 'yaml') expect(result.problems).toHaveLength(1);
    for (const problem of result.problems) {
      expect(problem).toMatchObject({ file: 'docs/broken.md', kind, line });
    }
    expect(result.problems[0]!.message).toMatch(message);
  });
});

describe('parseArticle: more than one problem in a file', () => {
  it('reports every bad field at once, each at its own line', () => {
    const result = parse(FM(['id: Bad?', 'title: T', 'lang: de', 'tags: x', 'escalate: maybe']));
    expect(result.article).toBeUndefined();
    expect(result.problems.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [2, 'id'],
      [4, 'lang'],
      [5, 'tags'],
      [6, 'escalate'],
    ]);
  });

  it('reports missing fields and an empty body together', () => {
    const result = parse('---\ntags: [a]\n---\n\n');
    expect(result.problems.map((p) => p.kind)).toEqual(['field', 'field', 'field', 'empty-body']);
    expect(result.problems.map((p) => p.message.split(':')[0])).toEqual([
      'id',
      'title',
      'lang',
      'article body is empty',
    ]);
  });

  it('reports every YAML error line, all pointing inside the front matter', () => {
    const result = parse(FM(['id: a', 'title: T', 'lang: en', 'questions:', '  - one', ' - two']));
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) expect(p).toMatchObject({ kind: 'yaml', line: 7 });
  });

  it('points at the bad line, not past the front matter, when an indented key breaks a value', () => {
    const problems = parse(FM(['id: a', 'title: T', '  lang: en'])).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.kind).toBe('yaml');
      expect([3, 4]).toContain(p.line);
    }
  });
});

describe('parseArticle: hostile input', () => {
  it('reports at most a handful of YAML errors for a file full of them', () => {
    const broken = Array.from({ length: 2000 }, (_, i) => `k${i}: [a, "b`);
    const { problems } = parse(FM(['id: a', 'title: T', 'lang: en', ...broken]));
    expect(problems.length).toBe(MAX_YAML_ERRORS + 1);
    expect(problems.at(-1)?.message).toMatch(/more errors not shown/);
  });

  it('finds a repeated key among thousands of keys', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `extra${i}: ${i}`);
    const { problems } = parse(FM(['id: a', 'title: T', 'lang: en', ...keys, 'title: again']));
    expect(problems).toEqual([expect.objectContaining({ kind: 'yaml', line: 20_005 })]);
    expect(problems[0]?.message).toMatch(/unique.*"title"/);
  });

  it('refuses a YAML alias bomb quickly instead of expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghijkl';
    for (let i = 1; i < names.length; i++) {
      levels.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(',')}]`,
      );
    }
    const started = performance.now();
    const problem = onlyProblem(FM(['id: bomb', 'title: T', 'lang: en', ...levels]));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problem.kind).toBe('yaml');
    expect(problem.line).toBe(2);
    expect(problem.message).toMatch(/alias/i);
  });

  it('reports an unresolved alias instead of throwing', () => {
    const problem = onlyProblem(FM(['id: a', 'title: *nothing', 'lang: en']));
    expect(problem.kind).toBe('yaml');
    expect(problem.message).toMatch(/alias/i);
  });

  it('refuses more than MAX_ARTICLE_BYTES without parsing', () => {
    const big = new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61);
    const problem = onlyProblem(big);
    expect(problem.kind).toBe('too-large');
    expect(problem.message).toBe(`file is ${MAX_ARTICLE_BYTES + 1} bytes; the limit is ${MAX_ARTICLE_BYTES}`);
  });

  it('accepts a file of exactly MAX_ARTICLE_BYTES', () => {
    const head = encoder.encode('---\nid: a\ntitle: T\nlang: en\n---\nBody ');
    const bytes = new Uint8Array(MAX_ARTICLE_BYTES).fill(0x78);
    bytes.set(head);
    expect(parseArticle('a.md', bytes).article?.id).toBe('a');
  });

  it('never throws, whatever the bytes', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const alphabet = encoder.encode('---\n:- "\'[]{}&*!|>#\tab\r 01й');
    for (let round = 0; round < 300; round++) {
      const length = next() % 200;
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        bytes[i] = round % 3 === 0 ? next() % 256 : alphabet[next() % alphabet.length]!;
      }
      const text = round % 2 === 0 ? bytes : Uint8Array.from([...encoder.encode('---\n'), ...bytes]);
      const result = parseArticle('fuzz.md', text);
      expect(result.article !== undefined || result.problems.length > 0).toBe(true);
      for (const p of result.problems) {
        expect(p.file).toBe('fuzz.md');
        expect(p.message.length).toBeGreaterThan(0);
      }
    }
  });
});
