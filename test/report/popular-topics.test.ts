import { describe, expect, test } from 'vitest';
import { answerCounts, popularTopics } from '../../src/report/popular-topics.js';
import { Harness, smallKb } from '../support/helpdesk-harness.js';

describe('what employees ask about most', () => {
  test('answered and confirmed questions count, most first; then the knowledge base in its order', async () => {
    const h = await Harness.create();
    try {
      await h.user('U-1').say('vpn wont connect');
      await h.user('U-2').say('vpn wont connect');
      await h.user('U-3').say('I forgot my password');
      await h.user('U-4').say('talk to a person');
      const counts = answerCounts(h.db, new Date('2026-01-01T00:00:00Z'));
      expect(counts.get('vpn-connect-en')).toBe(2);
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(3);
      expect(answerCounts(h.db, new Date('2027-01-01T00:00:00Z')).size).toBe(0);

      const kb = await smallKb();
      const topics = popularTopics(kb, counts, 'en', 3);
      expect(topics.map((t) => t.articleId)).toEqual([
        'vpn-connect-en',
        [...counts.keys()].find((id) => id !== 'vpn-connect-en'),
        kb.find((a) => a.lang === 'en' && !counts.has(a.id))?.id,
      ]);
      expect(topics[0]?.question).toBe(kb.find((a) => a.id === 'vpn-connect-en')?.questions[0]);
      expect(popularTopics(kb, new Map(), 'ru', 50).every((t) => t.articleId.endsWith('-ru'))).toBe(true);
      expect(popularTopics(kb, counts, 'en', 0)).toEqual([]);
    } finally {
      h.close();
    }
  });
});
