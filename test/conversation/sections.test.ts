import { describe, expect, test } from 'vitest';
import { ActionIds, parseAction } from '../../src/conversation/actions.js';
import { chooseSection, isFallbackSection, nextSection } from '../../src/conversation/sections.js';
import { makeArticle } from '../retrieval/helpers.js';

const phishing = makeArticle({
  id: 'phish-en',
  title: 'Report a phishing e-mail',
  body: [
    'Phishing e-mails try to make you click a link.',
    '## How to recognise phishing',
    '- A link whose address is odd; do not click it.',
    '## Report the message',
    '1. Click **Report phishing**.',
    '## If you clicked a link or entered your password',
    '1. Change your password.',
    "## If that didn't help",
    'Call IT.',
  ].join('\n'),
});

const slow = makeArticle({
  id: 'slow-en',
  title: 'Laptop is slow',
  body: [
    'A slow laptop usually recovers with these steps.',
    '## 1. Restart properly',
    'Restart from the Start menu.',
    '## 2. Find what uses the resources (Windows 11)',
    '1. Open Task Manager.',
    '## 3. Reduce startup apps',
    '1. Turn off startup apps you do not need.',
    '## 4. macOS',
    '1. Open Activity Monitor.',
    "## If that didn't help",
    'Ask IT.',
  ].join('\n'),
});

describe('section choice', () => {
  test('the section fits what happened, not the topic the heading repeats', () => {
    expect(chooseSection(phishing, 'I think I clicked a phishing link')?.heading).toMatch(/clicked/);
    expect(chooseSection(phishing, 'how do I report phishing')?.heading).toBe('Report the message');
  });

  test('never the "if that didn\'t help" section, even when retrieval picked it', () => {
    const fallback = phishing.sections.find(isFallbackSection);
    expect(fallback?.heading).toBe("If that didn't help");
    expect(chooseSection(phishing, 'help', fallback?.id)?.heading).not.toBe("If that didn't help");
  });

  test('a numbered procedure starts at step 1 unless the message names a later step', () => {
    expect(chooseSection(slow, 'my laptop is super slow', 'slow-en#2')?.heading).toBe('1. Restart properly');
    expect(chooseSection(slow, 'how do I reduce startup apps')?.heading).toBe('3. Reduce startup apps');
  });

  test('after "No", the next step; a macOS section only for a Mac', () => {
    const shown = ['slow-en#1'];
    expect(nextSection(slow, 'my laptop is slow', shown)?.heading).toMatch(/^2\./);
    expect(chooseSection(slow, 'my macbook is slow, activity monitor')?.heading).toBe('4. macOS');
    const all = ['slow-en#1', 'slow-en#2', 'slow-en#3'];
    expect(nextSection(slow, 'my laptop is slow', all)).toBeUndefined();
  });

  test('section and whole-article buttons parse back; malformed ids do not', () => {
    expect(parseAction(ActionIds.section('slow-en', 3))).toEqual({
      kind: 'section',
      articleId: 'slow-en',
      index: 3,
    });
    expect(parseAction(ActionIds.wholeArticle('slow-en'))).toEqual({
      kind: 'whole-article',
      articleId: 'slow-en',
    });
    expect(parseAction(ActionIds.area('network'))).toEqual({ kind: 'area', areaId: 'network' });
    expect(parseAction(ActionIds.ticketAdd)).toEqual({ kind: 'ticket-add' });
    expect(parseAction('section:slow-en:x')).toEqual({ kind: 'unknown' });
    expect(parseAction('section:Slow:1')).toEqual({ kind: 'unknown' });
  });
});
