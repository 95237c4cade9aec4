import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import { watchKnowledgeBase, type KbWatcher } from '../../src/kb/watch.js';
import { createRetriever, type KnowledgeRetriever } from '../../src/retrieval/retriever.js';
import { capturingLogger, WARN, type LogLine } from '../retrieval/embedding/helpers.js';
import { tempDir } from '../support/temp-dir.js';
import { articleMarkdown } from '../retrieval/helpers.js';

const SOURCE = 'knowledge-base';
const COPIED = [
  'network/vpn-connect-en.md',
  'network/wifi-connect-en.md',
  'security/password-reset-ru.md',
  'devices/printer-not-printing-en.md',
];
const VPN = 'network/vpn-connect-en.md';

let dir: string;
let cleanup: () => Promise<void>;
let retriever: KnowledgeRetriever;
let watcher: KbWatcher | undefined;
let lines: LogLine[];

async function start(debounceMs = 250): Promise<KbWatcher> {
  const kb = await loadKnowledgeBase(dir);
  expect(kb.problems).toEqual([]);
  expect(kb.articles).toHaveLength(COPIED.length);
  retriever = createRetriever(kb.articles, { thresholds: loadConfig({}).retrieval, defaultLang: 'en' });
  const captured = capturingLogger();
  lines = captured.lines;
  watcher = watchKnowledgeBase(dir, retriever, kb.articles, captured.logger, debounceMs);
  return watcher;
}

const topFor = async (text: string): Promise<string | undefined> =>
  (await retriever.search(text)).candidates[0]?.articleId;

const file = (relative: string): string => path.join(dir, relative);

async function editVpn(edit: (markdown: string) => string): Promise<void> {
  await writeFile(file(VPN), edit(await readFile(file(VPN), 'utf8')));
}

const addZorblax = (markdown: string): string =>
  markdown.replace('questions:\n', 'questions:\n  - Zorblax tunnel refuses the handshake\n');

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('kb-watch'));
  for (const f of COPIED) {
    await mkdir(path.dirname(file(f)), { recursive: true });
    await cp(path.join(SOURCE, f), file(f));
  }
});

afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await cleanup();
});

describe('watchKnowledgeBase refresh', () => {
  it('re-indexes an edited file and finds the new wording', async () => {
    const w = await start();
    expect(await topFor('zorblax handshake')).toBeUndefined();
    await editVpn(addZorblax);
    expect(await w.refresh(VPN)).toBe('indexed');
    expect(await topFor('zorblax handshake')).toBe('vpn-connect-en');
    expect(await topFor("VPN won't connect")).toBe('vpn-connect-en');
    expect(await w.refresh(VPN)).toBe('unchanged');
    expect(await w.refresh('network/wifi-connect-en.md')).toBe('unchanged');
  });

  it('rejects a file with broken YAML and keeps the previous version serving', async () => {
    const w = await start();
    const before = retriever.getArticle('vpn-connect-en')!;
    await editVpn((md) => addZorblax(md).replace('title: Connect', 'title: "Connect'));
    expect(await w.refresh(VPN)).toBe('rejected');
    expect(retriever.getArticle('vpn-connect-en')?.hash).toBe(before.hash);
    expect(await topFor("VPN won't connect")).toBe('vpn-connect-en');
    expect(await topFor('zorblax handshake')).toBeUndefined();
    const warning = lines.find((l) => l.level === WARN);
    expect(warning?.msg).toMatch(/previous version kept: network\/vpn-connect-en\.md:\d+: broken YAML/);

    // fixing the file brings the new version in
    await editVpn((md) => md.replace('title: "Connect', 'title: Connect'));
    expect(await w.refresh(VPN)).toBe('indexed');
    expect(await topFor('zorblax handshake')).toBe('vpn-connect-en');
  });

  it('rejects a file that lost a required field, keeping the old version', async () => {
    const w = await start();
    await editVpn((md) => md.replace(/^lang: en\n/m, ''));
    expect(await w.refresh(VPN)).toBe('rejected');
    expect(retriever.getArticle('vpn-connect-en')).toBeDefined();
    expect(await topFor("VPN won't connect")).toBe('vpn-connect-en');
  });

  it('removes the article of a deleted file', async () => {
    const w = await start();
    await unlink(file(VPN));
    expect(await w.refresh(VPN)).toBe('removed');
    expect(retriever.getArticle('vpn-connect-en')).toBeUndefined();
    const d = await retriever.search("VPN won't connect");
    expect(d.candidates.map((c) => c.articleId)).not.toContain('vpn-connect-en');
    expect(await w.refresh(VPN)).toBe('unchanged');
    expect(retriever.listArticles()).toHaveLength(COPIED.length - 1);
  });

  it('indexes a new file and rejects a new file that reuses an existing id', async () => {
    const w = await start();
    const fresh = articleMarkdown({
      id: 'badge-lost-en',
      title: 'Lost office badge',
      questions: ['I lost my badge'],
      body: 'Report a lost badge at reception to get a temporary one.',
    });
    await writeFile(file('badge-lost-en.md'), fresh);
    expect(await w.refresh('badge-lost-en.md')).toBe('indexed');
    expect(await topFor('lost my badge')).toBe('badge-lost-en');

    const duplicate = articleMarkdown({
      id: 'vpn-connect-en',
      title: 'Duplicate of the VPN article',
      questions: ['Quuxnet gateway is down'],
      body: 'Somebody copied the VPN article and forgot to change the id.',
    });
    await writeFile(file('vpn-copy.md'), duplicate);
    expect(await w.refresh('vpn-copy.md')).toBe('rejected');
    expect(retriever.getArticle('vpn-connect-en')?.file).toBe(VPN);
    expect(await topFor('quuxnet gateway')).toBeUndefined();
    expect(
      lines.some((l) => l.level === WARN && /already used by network\/vpn-connect-en\.md/.test(l.msg)),
    ).toBe(true);
    // deleting the rejected duplicate does not touch the original
    await unlink(file('vpn-copy.md'));
    expect(await w.refresh('vpn-copy.md')).toBe('unchanged');
    expect(retriever.getArticle('vpn-connect-en')).toBeDefined();
  });

  it('follows an id change inside a file', async () => {
    const w = await start();
    await editVpn((md) => md.replace('id: vpn-connect-en', 'id: vpn-setup-en'));
    expect(await w.refresh(VPN)).toBe('indexed');
    expect(retriever.getArticle('vpn-connect-en')).toBeUndefined();
    expect(retriever.getArticle('vpn-setup-en')?.file).toBe(VPN);
    expect(await topFor("VPN won't connect")).toBe('vpn-setup-en');
  });

  it('keeps a renamed article whatever order the two paths are refreshed in', async () => {
    const w = await start();
    const moved = 'network/vpn/vpn-connect-en.md';
    await mkdir(path.dirname(file(moved)), { recursive: true });
    await cp(file(VPN), file(moved));
    await rm(file(VPN));
    // the new path's event first, then the old one's
    expect(await w.refresh(moved)).not.toBe('rejected');
    expect(await w.refresh(VPN)).toBe('unchanged');
    expect(retriever.getArticle('vpn-connect-en')).toBeDefined();
    expect(await topFor("VPN won't connect")).toBe('vpn-connect-en');
    // the article now belongs to the new path: deleting it removes the article
    await rm(file(moved));
    expect(await w.refresh(moved)).toBe('removed');
    expect(retriever.getArticle('vpn-connect-en')).toBeUndefined();
  });

  it('keeps a renamed article when the old path is refreshed first', async () => {
    const w = await start();
    const moved = 'network/vpn-renamed-en.md';
    await cp(file(VPN), file(moved));
    await rm(file(VPN));
    // the old path's refresh already hands the id to the file that claims it
    expect(await w.refresh(VPN)).toBe('removed');
    expect(retriever.getArticle('vpn-connect-en')?.file).toBe(moved);
    expect(await w.refresh(moved)).toBe('unchanged');
    expect(await topFor("VPN won't connect")).toBe('vpn-connect-en');
  });

  it('hands the id of a deleted article to a duplicate rejected earlier, as a restart would', async () => {
    const w = await start();
    const copy = 'network/zz-vpn-copy.md';
    await writeFile(file(copy), addZorblax(await readFile(file(VPN), 'utf8')));
    expect(await w.refresh(copy)).toBe('rejected');
    await unlink(file(VPN));
    expect(await w.refresh(VPN)).toBe('removed');
    expect(retriever.getArticle('vpn-connect-en')?.file).toBe(copy);
    expect(await topFor('zorblax handshake')).toBe('vpn-connect-en');
    const restarted = await loadKnowledgeBase(dir);
    expect(restarted.articles.find((a) => a.id === 'vpn-connect-en')?.file).toBe(copy);
  });

  it('hands the old id over when a file changes its id', async () => {
    const w = await start();
    const copy = 'network/zz-vpn-copy.md';
    await writeFile(file(copy), await readFile(file(VPN), 'utf8'));
    expect(await w.refresh(copy)).toBe('rejected');
    await editVpn((md) => md.replace('id: vpn-connect-en', 'id: vpn-setup-en'));
    expect(await w.refresh(VPN)).toBe('indexed');
    expect(retriever.getArticle('vpn-setup-en')?.file).toBe(VPN);
    expect(retriever.getArticle('vpn-connect-en')?.file).toBe(copy);
  });

  it('skips symlinks and pipes, as start-up does, and never blocks on a pipe', async () => {
    const w = await start();
    const outside = await tempDir('kb-outside');
    try {
      await writeFile(
        path.join(outside.dir, 'o.md'),
        articleMarkdown({ id: 'outside-en', title: 'Outside', body: 'Served from outside.' }),
      );
      await symlink(path.join(outside.dir, 'o.md'), file('link.md'));
      expect(await w.refresh('link.md')).toBe('unchanged');
      expect(retriever.getArticle('outside-en')).toBeUndefined();
      execFileSync('mkfifo', [file('pipe.md')]);
      expect(await w.refresh('pipe.md')).toBe('unchanged');
      // an indexed file replaced by a symlink is no longer an article
      await rm(file(VPN));
      await symlink(path.join(outside.dir, 'o.md'), file(VPN));
      expect(await w.refresh(VPN)).toBe('removed');
      expect(retriever.getArticle('vpn-connect-en')).toBeUndefined();
      expect((await loadKnowledgeBase(dir)).articles.map((a) => a.id)).not.toContain('outside-en');
      expect(lines.some((l) => l.level === WARN && /not a regular file/.test(l.msg))).toBe(true);
    } finally {
      await outside.cleanup();
    }
  });

  it('follows a folder moved out of the knowledge base and back in', async () => {
    const w = await start();
    const outside = await tempDir('kb-outside');
    try {
      await rename(file('network'), path.join(outside.dir, 'network'));
      await w.refreshFolder('network');
      expect(retriever.getArticle('vpn-connect-en')).toBeUndefined();
      expect(retriever.getArticle('wifi-connect-en')).toBeUndefined();
      expect(retriever.listArticles()).toHaveLength(COPIED.length - 2);
      await rename(path.join(outside.dir, 'network'), file('network'));
      await w.refreshFolder('network');
      expect(retriever.getArticle('vpn-connect-en')?.file).toBe(VPN);
      expect(retriever.listArticles()).toHaveLength(COPIED.length);
    } finally {
      await outside.cleanup();
    }
  });
});

describe('watchKnowledgeBase derived views', () => {
  it('rebuilds them once after a burst of changes, off the message path', async () => {
    const kb = await loadKnowledgeBase(dir);
    retriever = createRetriever(kb.articles, { thresholds: loadConfig({}).retrieval, defaultLang: 'en' });
    let warmUps = 0;
    const sink = {
      upsert: (a: Parameters<KnowledgeRetriever['upsert']>[0]) => retriever.upsert(a),
      remove: (id: string) => retriever.remove(id),
      getArticle: (id: string) => retriever.getArticle(id),
      rebuildInBackground: () => {
        warmUps += 1;
        return retriever.rebuildInBackground();
      },
    };
    watcher = watchKnowledgeBase(dir, sink, kb.articles, capturingLogger().logger, 300);
    await editVpn(addZorblax);
    await writeFile(file('network/wifi-connect-en.md'), addZorblax(await readFile(file(VPN), 'utf8')));
    await unlink(file('devices/printer-not-printing-en.md'));
    expect(await watcher.refresh(VPN)).toBe('indexed');
    expect(await watcher.refresh('network/wifi-connect-en.md')).toBe('rejected');
    expect(await watcher.refresh('devices/printer-not-printing-en.md')).toBe('removed');
    expect(warmUps).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(warmUps).toBe(1);
    expect(await watcher.refresh(VPN)).toBe('unchanged');
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(warmUps).toBe(1);
  });
});

describe('watchKnowledgeBase file-system events', () => {
  it('picks up a new file written into the folder', async () => {
    await start(50);
    await mkdir(file('accounts'), { recursive: true });
    await writeFile(
      file('accounts/badge-lost-en.md'),
      articleMarkdown({
        id: 'badge-lost-en',
        title: 'Lost office badge',
        questions: ['I lost my badge'],
        body: 'Report a lost badge at reception to get a temporary one.',
      }),
    );
    const deadline = Date.now() + 3000;
    while (retriever.getArticle('badge-lost-en') === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(retriever.getArticle('badge-lost-en')?.file).toBe('accounts/badge-lost-en.md');
    expect(await topFor('lost my badge')).toBe('badge-lost-en');
  });

  it('drops the articles of a folder moved out of the knowledge base', async () => {
    await start(50);
    const outside = await tempDir('kb-outside');
    try {
      await rename(file('network'), path.join(outside.dir, 'network'));
      const deadline = Date.now() + 3000;
      const gone = () => !retriever.getArticle('vpn-connect-en') && !retriever.getArticle('wifi-connect-en');
      while (!gone() && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(retriever.getArticle('vpn-connect-en')).toBeUndefined();
      expect(retriever.getArticle('wifi-connect-en')).toBeUndefined();
      expect(retriever.getArticle('password-reset-ru')).toBeDefined();
    } finally {
      await outside.cleanup();
    }
  });
});
