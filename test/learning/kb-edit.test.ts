import { cpSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import { addQuestionToArticle } from '../../src/learning/kb-edit.js';
import { KB_SMALL } from '../support/helpdesk-harness.js';
import { useTempDir } from '../support/temp-dir.js';

let dir = '';
useTempDir('kb-edit', (d) => (dir = d), 'each');

const VPN = 'network/vpn-connect-en.md';

describe('adding a learned question to an article file', () => {
  test('one line is added to questions; everything else, comments included, stays; kb:check passes', async () => {
    cpSync(KB_SMALL, dir, { recursive: true });
    const file = path.join(dir, VPN);
    const before = readFileSync(file, 'utf8').replace('escalate: false', 'escalate: false # keep me');
    writeFileSync(file, before);
    expect(await addQuestionToArticle(dir, VPN, 'vpn-connect-en', '  the  office wiki will not open ')).toBe(
      'added',
    );
    const after = readFileSync(file, 'utf8');
    const added = after.split('\n').filter((l) => !before.split('\n').includes(l));
    expect(added).toEqual(['  - the office wiki will not open']);
    expect(after.replace('  - the office wiki will not open\n', '')).toBe(before);
    // Already there (any case): nothing is written.
    expect(await addQuestionToArticle(dir, VPN, 'vpn-connect-en', 'The office wiki will NOT open')).toBe(
      'present',
    );
    expect(readFileSync(file, 'utf8')).toBe(after);
    const { problems, articles } = await loadKnowledgeBase(dir);
    expect(problems).toEqual([]);
    expect(articles.find((a) => a.id === 'vpn-connect-en')?.questions).toContain(
      'the office wiki will not open',
    );
    // No temp file is left behind.
    expect(readdirSync(path.join(dir, 'network')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  test('an article without questions gets the list; CRLF files stay CRLF', async () => {
    mkdirSync(path.join(dir, 'a'));
    const text =
      '---\r\nid: fax-en\r\ntitle: Send a fax\r\nlang: en\r\n---\r\nUse the fax.\r\n\r\n## Steps\r\n1. Dial.\r\n';
    writeFileSync(path.join(dir, 'a/fax.md'), text);
    await addQuestionToArticle(dir, 'a/fax.md', 'fax-en', 'how do I fax');
    const after = readFileSync(path.join(dir, 'a/fax.md'), 'utf8');
    expect(after).toBe(text.replace('lang: en\r\n', 'lang: en\r\nquestions:\r\n  - how do I fax\r\n'));
  });

  test('refuses paths outside the folder, symlinks, and an edit that would break the article', async () => {
    cpSync(KB_SMALL, dir, { recursive: true });
    await expect(addQuestionToArticle(dir, '../etc/passwd', 'x', 'q')).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    symlinkSync(path.join(dir, VPN), path.join(dir, 'link.md'));
    await expect(addQuestionToArticle(dir, 'link.md', 'vpn-connect-en', 'q')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(addQuestionToArticle(dir, VPN, 'other-id', 'q')).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(addQuestionToArticle(dir, VPN, 'vpn-connect-en', 'x'.repeat(1001))).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect(readFileSync(path.join(dir, VPN), 'utf8')).toBe(readFileSync(path.join(KB_SMALL, VPN), 'utf8'));
  });
});
