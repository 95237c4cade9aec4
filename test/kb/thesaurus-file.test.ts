import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { formatProblem, loadKnowledgeBase } from '../../src/kb/load-kb.js';
import {
  MAX_GROUP_ENTRIES,
  MAX_THESAURUS_BYTES,
  parseThesaurus,
  readThesaurus,
  THESAURUS_FILE,
} from '../../src/kb/thesaurus-file.js';
import { buildRetriever } from '../../src/retrieval/build-retriever.js';
import { INTENT_CACHE_MIGRATIONS } from '../../src/retrieval/intent-cache.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import { migrate, openDatabase } from '../../src/storage/db.js';
import { companyThesaurus, expandSynonyms, useCompanyThesaurus } from '../../src/text/synonyms.js';
import { articleMarkdown } from '../retrieval/helpers.js';
import { capturingLogger, WARN } from '../retrieval/embedding/helpers.js';
import { tempDir } from '../support/temp-dir.js';

/** The problems of a thesaurus text as `kb:check` prints them. */
const problemsOf = (text: string): string[] => parseThesaurus(text).problems.map(formatProblem);

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('thesaurus'));
});

afterEach(async () => {
  // The thesaurus is process-wide: the next test starts from the built-in one.
  useCompanyThesaurus(new Map());
  await cleanup();
});

describe('parseThesaurus', () => {
  it('reads groups of words and phrases, in file order', () => {
    const { groups, problems, broken } = parseThesaurus(
      '# our words\nexpenses:\n  - Concur\n  - expense report\n  - авансов* отч*\nvpn:\n  - tunnel\n',
    );
    expect(problems).toEqual([]);
    expect(broken).toBe(false);
    expect([...groups]).toEqual([
      ['expenses', ['Concur', 'expense report', 'авансов* отч*']],
      ['vpn', ['tunnel']],
    ]);
  });

  it('reports each bad group or entry at its line and keeps the rest', () => {
    const text = [
      /* 1 */ '# company words',
      /* 2 */ 'expenses:',
      /* 3 */ '  - concur',
      /* 4 */ '  - 42',
      /* 5 */ '  - ""',
      /* 6 */ '  - впн',
      /* 7 */ '  - concur',
      /* 8 */ '  - [nested, list]',
      /* 9 */ `  - ${'very long phrase '.repeat(5)}`,
      /* 10 */ '  - expense report',
      /* 11 */ 'travel:',
      /* 12 */ '  - Concur',
      /* 13 */ '  - expenses',
      /* 14 */ 'empty:',
      /* 15 */ 'two words:',
      /* 16 */ '  - a thing',
      /* 17 */ 'notalist: just a string',
      /* 18 */ 'и:',
      /* 19 */ '  - что-то',
      /* 20 */ 'аутлук:',
      /* 21 */ '  - почтовик',
      /* 22 */ 'slang:',
      /* 23 */ '  - "*star"',
      /* 24 */ '  - на*',
      /* 25 */ '  - back\\slash',
      /* 26 */ '  - flurb',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      '_thesaurus.yml:4: 42 is not text: put it in quotes ("42"): skipped',
      '_thesaurus.yml:5: empty entry: skipped',
      '_thesaurus.yml:6: "впн" already means "vpn" in the built-in thesaurus; list it under "vpn:" to add to that group: skipped',
      '_thesaurus.yml:8: not a word or phrase: skipped',
      '_thesaurus.yml:9: entry is 84 characters long; the limit is 60 (a word or a short phrase): skipped',
      '_thesaurus.yml:12: "Concur" is already in group "expenses" (line 3); a word can mean only one thing: skipped',
      '_thesaurus.yml:13: "expenses" is the name of group "expenses" (line 2); a word can mean only one thing: skipped',
      '_thesaurus.yml:14: group "empty" is empty: list its words below it, each on a line starting with "- "',
      '_thesaurus.yml:15: group name "two words" must be one word of letters and digits (it is the word all its entries are filed under): group skipped',
      '_thesaurus.yml:17: group "notalist" must be a list: its words below it, each on a line starting with "- "',
      '_thesaurus.yml:18: group name "и" is a stop word, which search ignores: name the group after the word your articles use: group skipped',
      '_thesaurus.yml:20: "аутлук" is already a word of the built-in group "outlook": list the words under "outlook:" instead: group skipped',
      '_thesaurus.yml:23: "*star" must start with a letter or a digit: skipped',
      '_thesaurus.yml:24: "на*": keep at least 3 letters before the *, or it matches too many words: skipped',
      "_thesaurus.yml:25: entry may only use letters, digits, spaces, hyphens, the signs . + # & ' / @ : and a * ending a word: skipped",
    ]);
    const { groups, broken } = parseThesaurus(text);
    expect(broken).toBe(false);
    // "concur" twice in one group is kept once; "travel" has nothing left
    expect([...groups]).toEqual([
      ['expenses', ['concur', 'expense report']],
      ['slang', ['flurb']],
    ]);
  });

  it('adds the words of a group listed twice to the first, and says so', () => {
    const { groups, problems } = parseThesaurus('vpn:\n  - tunnel\nvpn:\n  - туннел*\n');
    expect(problems.map(formatProblem)).toEqual([
      '_thesaurus.yml:3: group "vpn" is already listed at line 1: its words are added there',
    ]);
    expect([...groups]).toEqual([['vpn', ['tunnel', 'туннел*']]]);
  });

  it('leaves out what a group already holds: its own name and the built-in spellings', () => {
    const { groups, problems } = parseThesaurus('VPN:\n  - vpn\n  - впн\n  - впн*\n  - tunnel\n');
    expect(problems).toEqual([]);
    expect([...groups]).toEqual([['vpn', ['впн*', 'tunnel']]]);
  });

  it('caps the words of one group', () => {
    const words = Array.from({ length: MAX_GROUP_ENTRIES + 5 }, (_, i) => `  - word${i}`);
    const { groups, problems } = parseThesaurus(`many:\n${words.join('\n')}\n`);
    expect(groups.get('many')).toHaveLength(MAX_GROUP_ENTRIES);
    expect(problems.map(formatProblem)).toEqual([
      `_thesaurus.yml:${MAX_GROUP_ENTRIES + 2}: group "many" has more than ${MAX_GROUP_ENTRIES} words: the rest are skipped`,
    ]);
  });

  it('is an empty thesaurus when the file holds only comments', () => {
    expect(parseThesaurus('# nothing yet\n#vpn:\n#  - tunnel\n')).toEqual({
      groups: new Map(),
      problems: [],
      broken: false,
    });
  });

  it('marks a file that is not YAML as broken, at the line of the mistake', () => {
    const result = parseThesaurus('vpn:\n  - tunnel\nprinter:\n  - "принтак\n  - mfp\n');
    expect(result.broken).toBe(true);
    expect(result.groups.size).toBe(0);
    expect(result.problems.map(formatProblem)[0]).toMatch(/^_thesaurus\.yml:4: broken YAML, file not used: /);
  });

  it('marks a file that is a list or a sentence rather than groups as broken', () => {
    const list = parseThesaurus('# words\n- vpn\n- tunnel\n');
    expect(list.broken).toBe(true);
    expect(list.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^_thesaurus\.yml:2: the file must list groups: .*: not used$/),
    ]);
    expect(parseThesaurus('just some words\n').broken).toBe(true);
  });
});

describe('the shipped knowledge-base/_thesaurus.yml', () => {
  it('uses no group as shipped, and its examples work once uncommented', async () => {
    const shipped = await readFile(path.join('knowledge-base', THESAURUS_FILE), 'utf8');
    expect(parseThesaurus(shipped)).toEqual({ groups: new Map(), problems: [], broken: false });
    const examples = shipped.slice(shipped.indexOf('# Examples')).split('\n').slice(2);
    const { groups, problems } = parseThesaurus(examples.map((l) => l.replace(/^# ?/, '')).join('\n'));
    expect(problems).toEqual([]);
    expect([...groups.keys()]).toEqual(['expenses', 'vpn']);
  });
});

describe('readThesaurus', () => {
  it('is empty and not broken without a file', async () => {
    expect(await readThesaurus(dir)).toEqual({ groups: new Map(), problems: [], broken: false });
  });

  it('refuses a file that is too large, not UTF-8, or a folder, without throwing', async () => {
    const file = path.join(dir, THESAURUS_FILE);
    await writeFile(file, `big:\n${'  - word\n'.repeat(MAX_THESAURUS_BYTES / 9 + 1)}`);
    expect((await readThesaurus(dir)).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^_thesaurus\.yml: file is \d+ bytes; the limit is 262144: not used$/),
    ]);
    await writeFile(
      file,
      Buffer.concat([Buffer.from('vpn:\n  - tunnel\n  - '), Buffer.from([0xff, 0xfe, 0x41])]),
    );
    const latin1 = await readThesaurus(dir);
    expect(latin1.broken).toBe(true);
    expect(latin1.problems.map(formatProblem)).toEqual([
      '_thesaurus.yml:3: file is not valid UTF-8 (save it as UTF-8): not used',
    ]);
    await writeFile(file, '');
    const other = await tempDir('thesaurus-folder');
    try {
      await mkdir(path.join(other.dir, THESAURUS_FILE));
      const folder = await readThesaurus(other.dir);
      expect(folder.broken).toBe(true);
      expect(folder.problems[0]?.message).toMatch(/not a regular file/);
    } finally {
      await other.cleanup();
    }
  });
});

describe('loadKnowledgeBase with a company thesaurus', () => {
  const article = articleMarkdown({
    id: 'expense-report-en',
    title: 'Submit an expense report',
    questions: ['How do I submit an expense report?'],
    body: 'Open the finance portal and attach the receipts.',
  });

  it('puts the thesaurus to use, reports its problems with the articles, and never loads it as an article', async () => {
    await writeFile(path.join(dir, 'expense-report-en.md'), article);
    await writeFile(path.join(dir, THESAURUS_FILE), 'expense:\n  - zorbo\n  - 7\n');
    const kb = await loadKnowledgeBase(dir);
    expect(kb.articles.map((a) => a.file)).toEqual(['expense-report-en.md']);
    expect(kb.problems.map(formatProblem)).toEqual([
      '_thesaurus.yml:3: 7 is not text: put it in quotes ("7"): skipped',
    ]);
    expect([...kb.thesaurus]).toEqual([['expense', ['zorbo']]]);
    expect(expandSynonyms('my zorbo')).toBe('my zorbo expense');
  });

  it("reports the thesaurus's problems in the bot's start-up log, with file and line", async () => {
    await writeFile(path.join(dir, 'expense-report-en.md'), article);
    await writeFile(path.join(dir, THESAURUS_FILE), 'expense:\n  - zorbo\n  - впн\n');
    const { logger, lines } = capturingLogger();
    const db = openDatabase(':memory:');
    migrate(db, INTENT_CACHE_MIGRATIONS);
    try {
      const config = loadConfig({ EMBEDDINGS: 'off' });
      const built = await buildRetriever({ config, logger, db, kbDir: dir });
      expect(built.problems.map((p) => p.line)).toEqual([3]);
      expect(lines.filter((l) => l.level >= WARN)).toEqual([
        expect.objectContaining({
          file: THESAURUS_FILE,
          line: 3,
          msg: expect.stringMatching(
            /^thesaurus entry skipped: _thesaurus\.yml:3: "впн" already means "vpn"/,
          ),
        }),
      ]);
      expect(lines.find((l) => l.msg.startsWith('knowledge base indexed'))).toMatchObject({
        thesaurusGroups: 1,
      });
    } finally {
      db.close();
    }
  });

  it('serves the built-in thesaurus alone when the file is broken, or gone', async () => {
    await writeFile(path.join(dir, 'expense-report-en.md'), article);
    await writeFile(path.join(dir, THESAURUS_FILE), 'expense:\n  - zorbo\n');
    await loadKnowledgeBase(dir);
    expect(companyThesaurus().size).toBe(1);
    await writeFile(path.join(dir, THESAURUS_FILE), 'expense: [zorbo\n');
    const broken = await loadKnowledgeBase(dir);
    expect(broken.articles).toHaveLength(1);
    expect(broken.problems.map((p) => p.file)).toEqual([THESAURUS_FILE]);
    expect(broken.thesaurus.size).toBe(0);
    expect(companyThesaurus().size).toBe(0);
    expect(expandSynonyms('my zorbo')).toBe('my zorbo');
    expect(expandSynonyms('впн')).toBe('впн vpn');
  });
});

describe('a company synonym in search', () => {
  const articles = [
    articleMarkdown({
      id: 'expense-report-en',
      title: 'Submit an expense report',
      questions: ['How do I submit an expense report?', 'Where do I claim travel expenses?'],
      body: 'Open the finance portal, create an expense report and attach the receipts.',
    }),
    articleMarkdown({
      id: 'vpn-connect-en',
      title: 'Connect to the VPN',
      questions: ['How do I connect to the VPN from home?'],
      body: 'Start GlobalProtect and sign in with your company account.',
    }),
    articleMarkdown({
      id: 'printer-add-en',
      title: 'Add a printer',
      questions: ['How do I add the office printer?'],
      body: 'Open Settings, then Printers, and pick the printer on your floor.',
    }),
  ];

  /** The article the real retriever, built over `dir` as the bot builds it, ranks first. */
  const topFor = async (query: string): Promise<string | undefined> => {
    const kb = await loadKnowledgeBase(dir);
    const retriever = createRetriever(kb.articles, {
      thresholds: loadConfig({}).retrieval,
      defaultLang: 'en',
    });
    return (await retriever.search(query)).candidates[0]?.articleId;
  };

  it('finds the article for a word only the company uses once the thesaurus names it', async () => {
    for (const [i, markdown] of articles.entries()) await writeFile(path.join(dir, `a${i}.md`), markdown);
    expect(await topFor('how do I file my zorbo')).not.toBe('expense-report-en');
    await writeFile(path.join(dir, THESAURUS_FILE), 'expense:\n  - zorbo\n');
    expect(await topFor('how do I file my zorbo')).toBe('expense-report-en');
    // and a company word added to a built-in group
    expect(await topFor('help with blorptunnel')).not.toBe('vpn-connect-en');
    await writeFile(path.join(dir, THESAURUS_FILE), 'expense:\n  - zorbo\nvpn:\n  - blorptunnel\n');
    expect(await topFor('help with blorptunnel')).toBe('vpn-connect-en');
  });
});
