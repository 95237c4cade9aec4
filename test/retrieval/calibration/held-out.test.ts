import { describe, expect, it } from 'vitest';
import { heldOutFolds } from '../../../src/retrieval/calibration/held-out.js';
import { makeArticle } from '../helpers.js';

const articles = Array.from({ length: 12 }, (_, i) =>
  makeArticle({
    id: `topic-${i}`,
    title: `Topic ${i}`,
    questions: Array.from({ length: 4 }, (_, j) => `question ${j} about topic ${i}`),
    body: `Body of topic ${i}.`,
  }),
);

describe('heldOutFolds', () => {
  it('leaves each phrasing out once, and each article out of one round, as a question it does not cover', () => {
    const folds = heldOutFolds(articles, 4);
    expect(folds).toHaveLength(4);
    const removed = new Map<string, number>();
    const askedIn = new Map<string, number>();
    folds.forEach((fold, k) => {
      const kept = new Set(fold.articles.map((a) => a.id));
      for (const a of articles) if (!kept.has(a.id)) removed.set(a.id, (removed.get(a.id) ?? 0) + 1);
      for (const q of fold.queries) {
        if (q.expected.length === 0) {
          // Its article is not searched in this round.
          expect(articles.some((a) => a.questions.includes(q.query) && !kept.has(a.id))).toBe(true);
          continue;
        }
        const article = fold.articles.find((a) => a.id === q.expected[0])!;
        expect(article.questions).not.toContain(q.query);
        askedIn.set(q.query, k);
      }
    });
    expect([...removed.values()].every((n) => n === 1)).toBe(true);
    expect(removed.size).toBe(articles.length);
    // A phrasing is asked in every round but its article's own round out.
    const inScopeAsked = [...askedIn.keys()].length;
    expect(inScopeAsked).toBe(
      articles.reduce((n, a) => n + a.questions.length, 0) - countInRemovedRound(folds),
    );
  });

  it('holds out the title, and the lead heading with it, when an article has no phrasings', () => {
    const faq = [0, 1, 2, 3, 4, 5].map((i) =>
      makeArticle({ id: `faq-${i}`, title: `How do I do thing ${i}?`, body: `Do it like this ${i}.` }),
    );
    const folds = heldOutFolds(faq, 3);
    const asked = folds.flatMap((f) => f.queries.filter((q) => q.expected.length > 0));
    expect(asked.length).toBeGreaterThan(0);
    for (const fold of folds)
      for (const q of fold.queries.filter((x) => x.expected.length > 0)) {
        const article = fold.articles.find((a) => a.id === q.expected[0])!;
        expect(q.query).toMatch(/^How do I do thing/);
        expect(article.title).toBe('');
        expect(article.sections[0]!.heading).toBe('');
      }
  });

  it('bounds the questions of a round', () => {
    for (const fold of heldOutFolds(articles, 2, 5)) {
      expect(fold.queries.filter((q) => q.expected.length > 0).length).toBeLessThanOrEqual(5);
      expect(fold.queries.filter((q) => q.expected.length === 0).length).toBeLessThanOrEqual(5);
    }
  });

  it('splits the same knowledge base the same way every time', () => {
    expect(heldOutFolds(articles, 5)).toEqual(heldOutFolds([...articles], 5));
  });
});

/** Phrasings whose turn to be held out falls in the round that removes their whole article. */
function countInRemovedRound(folds: ReturnType<typeof heldOutFolds>): number {
  let lost = 0;
  for (const a of articles) {
    const asked = folds.flatMap((f) => f.queries).filter((q) => q.expected[0] === a.id).length;
    lost += a.questions.length - asked;
  }
  return lost;
}
