import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, HelpdeskError } from '../../src/errors.js';
import {
  formatProblem,
  listMarkdownFiles,
  loadArticleFile,
  loadKnowledgeBase,
} from '../../src/kb/load-kb.js';
import { MAX_ARTICLE_BYTES } from '../../src/kb/parse-article.js';
import { PROJECT_ROOT } from '../support/run-cli.js';
import { KB_BROKEN_DIR, KB_BROKEN_PROBLEMS, KB_BROKEN_VALID, KB_MINI_DIR } from './kb-broken-expected.js';

const article = (id: string, lang = 'en', body = 'Some steps to follow.'): string =>
  `---\nid: ${id}\ntitle: Title of ${id}\nlang: ${lang}\n---\n${body}\n`;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kb-load-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(file: string, content: string | Uint8Array): Promise<void> {
  const full = path.join(dir, file);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, content);
}

describe('loadKnowledgeBase on test/fixtures/kb-mini', () => {
  it('loads nested folders, ignoring hidden folders and non-.md files', async () => {
    const kb = await loadKnowledgeBase(path.join(PROJECT_ROOT, KB_MINI_DIR));
    expect(kb.problems).toEqual([]);
    expect(kb.articles.map((a) => [a.file, a.id, a.lang])).toEqual([
      ['accounts/passwords/password-reset-en.md', 'password-reset-en', 'en'],
      ['network/vpn-en.md', 'vpn-en', 'en'],
      ['network/vpn-ru.md', 'vpn-ru', 'ru'],
    ]);
    const reset = kb.articles[0]!;
    expect(reset.escalate).toBe(true);
    const vpn = kb.articles[1]!;
    expect(vpn.tags).toEqual(['vpn', 'network']);
    expect(vpn.sections.map((s) => s.heading)).toEqual([
      'Connect to the VPN',
      'Connect',
      "If that didn't help",
    ]);
    expect(vpn.sections[0]?.body).not.toContain('# Connect to the VPN');
  });
});

describe('loadKnowledgeBase on test/fixtures/kb-broken', () => {
  it('reports each broken file at the expected line and still loads the valid articles', async () => {
    const kb = await loadKnowledgeBase(path.join(PROJECT_ROOT, KB_BROKEN_DIR));
    expect(kb.articles.map((a) => [a.file, a.id])).toEqual(Object.entries(KB_BROKEN_VALID));

    const reported = [...new Set(kb.problems.map((p) => p.file))].sort();
    expect(reported).toEqual(Object.keys(KB_BROKEN_PROBLEMS).sort());
    for (const [file, expected] of Object.entries(KB_BROKEN_PROBLEMS)) {
      const problems = kb.problems.filter((p) => p.file === file);
      for (const problem of problems) {
        expect(problem, file).toMatchObject({ kind: expected.kind, line: expected.line });
      }
      expect(problems[0]?.message, file).toMatch(expected.message);
    }
  });

  it('never reports the hidden folder or the .txt file', async () => {
    const kb = await loadKnowledgeBase(path.join(PROJECT_ROOT, KB_BROKEN_DIR));
    const files = kb.problems.map((p) => p.file);
    expect(files.some((f) => f.includes('.drafts') || f.endsWith('.txt'))).toBe(false);
  });
});

describe('loadKnowledgeBase on a temporary folder', () => {
  it('skips a broken file and keeps loading the rest', async () => {
    await put('a-first.md', article('a-first'));
    await put('b-broken.md', '---\nid: b-broken\ntitle: "unclosed\nlang: en\n---\nBody\n');
    await put('c-last.md', article('c-last', 'ru', 'Шаги.'));
    const kb = await loadKnowledgeBase(dir);
    expect(kb.articles.map((a) => a.id)).toEqual(['a-first', 'c-last']);
    expect(kb.problems).toHaveLength(1);
    expect(kb.problems[0]).toMatchObject({ file: 'b-broken.md', kind: 'yaml', line: 3 });
  });

  it('loads CRLF files and files with a UTF-8 BOM', async () => {
    await put('crlf.md', article('crlf-en').replace(/\n/g, '\r\n'));
    await put('bom.md', `\uFEFF${article('bom-en')}`);
    await put(
      'bom-crlf.md',
      `\uFEFF${article('bom-crlf-ru', 'ru', 'Текст.\n\n## Шаги\nСделайте так.')}`.replace(/\n/g, '\r\n'),
    );
    const kb = await loadKnowledgeBase(dir);
    expect(kb.problems).toEqual([]);
    expect(kb.articles.map((a) => a.id).sort()).toEqual(['bom-crlf-ru', 'bom-en', 'crlf-en']);
    const bomCrlf = kb.articles.find((a) => a.id === 'bom-crlf-ru');
    expect(bomCrlf?.sections.map((s) => [s.heading, s.body])).toEqual([
      ['Title of bom-crlf-ru', 'Текст.'],
      ['Шаги', 'Сделайте так.'],
    ]);
  });

  it('reports the second of two files with the same id, at its id line, naming the first', async () => {
    await put('network/vpn.md', article('vpn-en'));
    await put('zz/copy.md', '---\ntitle: Copy\nlang: en\nid: vpn-en\n---\nOther text.\n');
    await put('aa/other.md', article('other-en'));
    const kb = await loadKnowledgeBase(dir);
    expect(kb.articles.map((a) => [a.id, a.file])).toEqual([
      ['other-en', 'aa/other.md'],
      ['vpn-en', 'network/vpn.md'],
    ]);
    expect(kb.problems).toEqual([
      {
        file: 'zz/copy.md',
        line: 4,
        kind: 'duplicate-id',
        message: 'id "vpn-en" is already used by network/vpn.md',
      },
    ]);
  });

  it('reports a file over the size limit without reading it as an article', async () => {
    await put('big.md', article('big', 'en', 'x'.repeat(MAX_ARTICLE_BYTES)));
    await put('small.md', article('small'));
    const kb = await loadKnowledgeBase(dir);
    expect(kb.articles.map((a) => a.id)).toEqual(['small']);
    expect(kb.problems).toHaveLength(1);
    expect(kb.problems[0]).toMatchObject({ file: 'big.md', kind: 'too-large' });
    expect(kb.problems[0]?.message).toMatch(new RegExp(`; the limit is ${MAX_ARTICLE_BYTES}$`));
  });

  it('reports binary, non-UTF-8 and empty files and loads the valid one', async () => {
    await put('binary.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
    await put('latin1.md', Buffer.concat([Buffer.from(article('latin1')), Buffer.from([0x0a, 0xe9, 0x0a])]));
    await put('empty.md', '');
    await put('good.md', article('good'));
    const kb = await loadKnowledgeBase(dir);
    expect(kb.articles.map((a) => a.id)).toEqual(['good']);
    expect(kb.problems.map((p) => [p.file, p.kind, p.line])).toEqual([
      ['binary.md', 'binary', 2],
      ['empty.md', 'no-front-matter', 1],
      ['latin1.md', 'encoding', 8],
    ]);
  });

  it('finishes quickly on a YAML alias bomb and loads the other files', async () => {
    const levels = ['x0: &x0 ["a","a","a","a","a","a","a","a","a","a"]'];
    for (let i = 1; i < 15; i++)
      levels.push(
        `x${i}: &x${i} [${Array(10)
          .fill(`*x${i - 1}`)
          .join(',')}]`,
      );
    await put('bomb.md', `---\nid: bomb\ntitle: Bomb\nlang: en\n${levels.join('\n')}\n---\nBody\n`);
    await put('fine.md', article('fine'));
    const started = performance.now();
    const kb = await loadKnowledgeBase(dir);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(kb.articles.map((a) => a.id)).toEqual(['fine']);
    expect(kb.problems).toHaveLength(1);
    expect(kb.problems[0]).toMatchObject({ file: 'bomb.md', kind: 'yaml' });
  });

  it('lists .md files recursively and sorted, with forward slashes, case-insensitive extension', async () => {
    await put('z.md', article('z'));
    await put('a/b/c/deep.md', article('deep'));
    await put('a/UPPER.MD', article('upper'));
    await put('notes.txt', 'not markdown');
    await put('article.md.bak', article('backup'));
    await put('README', 'readme');
    await put('.hidden/secret.md', article('hidden'));
    await put('.dotfile.md', article('dotfile'));
    await put('node_modules/pkg/readme.md', article('pkg'));
    expect(await listMarkdownFiles(dir)).toEqual(['a/UPPER.MD', 'a/b/c/deep.md', 'z.md']);
  });

  it('skips symbolic links to files and folders, and pipes, reporting each', async () => {
    await put('real/real.md', article('real'));
    await symlink(path.join(dir, 'real/real.md'), path.join(dir, 'link.md'));
    await symlink(path.join(dir, 'real'), path.join(dir, 'linked-folder'));
    await symlink(path.join(dir, 'loop.md'), path.join(dir, 'loop.md'));
    await symlink(path.join(dir, 'real/real.md'), path.join(dir, 'not-an-article.txt'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    const kb = await loadKnowledgeBase(dir);
    expect(kb.articles.map((a) => a.file)).toEqual(['real/real.md']);
    expect(kb.problems.map(formatProblem)).toEqual([
      'link.md: symbolic link: not followed, copy the file instead',
      'linked-folder: symbolic link to a folder: not followed, copy the folder instead',
      'loop.md: symbolic link: not followed, copy the file instead',
      'pipe.md: not a regular file (pipe or device)',
    ]);
  });

  it('reports a sub-folder it cannot read and loads the rest', async () => {
    await put('a.md', article('a'));
    await put('z.md', article('z'));
    // Too deep a path cannot be read even by root (unlike a folder without permissions).
    const level = 'd'.repeat(200);
    const script = `cd "$1" && for i in $(seq 1 22); do mkdir ${level} && cd ${level}; done && echo x > deep.md`;
    execFileSync('bash', ['-c', script, 'deep', dir]);
    const kb = await loadKnowledgeBase(dir);
    expect(kb.articles.map((a) => a.id)).toEqual(['a', 'z']);
    expect(kb.problems).toHaveLength(1);
    expect(kb.problems[0]).toMatchObject({
      kind: 'unreadable',
      message: expect.stringMatching(/^cannot read folder: .*ENAMETOOLONG/),
    });
    execFileSync('rm', ['-rf', path.join(dir, level)]);
  });

  it('loads an empty folder as an empty knowledge base', async () => {
    expect(await loadKnowledgeBase(dir)).toEqual({ articles: [], problems: [], thesaurus: new Map() });
  });

  it('throws KB_UNREADABLE naming the folder when it does not exist', async () => {
    const missing = path.join(dir, 'does-not-exist');
    const error = await loadKnowledgeBase(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskError);
    expect((error as HelpdeskError).code).toBe(ErrorCodes.KB_UNREADABLE);
    expect((error as HelpdeskError).message).toContain(`"${missing}"`);
  });

  it('throws KB_UNREADABLE when given a file instead of a folder', async () => {
    await put('file.md', article('file'));
    await expect(loadKnowledgeBase(path.join(dir, 'file.md'))).rejects.toMatchObject({
      code: ErrorCodes.KB_UNREADABLE,
      message: expect.stringContaining('not a directory'),
    });
  });

  it('turns a file that cannot be read into an "unreadable" problem', async () => {
    const result = await loadArticleFile(dir, 'gone.md');
    expect(result.article).toBeUndefined();
    expect(result.problems).toEqual([
      { file: 'gone.md', kind: 'unreadable', message: expect.stringMatching(/^cannot read file: .*ENOENT/) },
    ]);
  });
});

describe('formatProblem', () => {
  it('prints file:line: message, or file: message when there is no line', () => {
    expect(formatProblem({ file: 'a/b.md', line: 7, kind: 'yaml', message: 'broken YAML: x' })).toBe(
      'a/b.md:7: broken YAML: x',
    );
    expect(formatProblem({ file: 'big.md', kind: 'too-large', message: 'file is 9 bytes' })).toBe(
      'big.md: file is 9 bytes',
    );
  });
});
