import { describe, expect, test } from 'vitest';
import { confusablePairs, fewPhrasings } from '../../src/kb/authoring.js';
import { parseArticle } from '../../src/kb/parse-article.js';
import { loadConfig } from '../../src/config.js';
import type { Article } from '../../src/kb/types.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import { smallKb } from '../support/helpdesk-harness.js';

function article(
  id: string,
  title: string,
  questions: string[],
  body = 'Steps.\n\n## Do it\n1. One',
): Article {
  return {
    id,
    title,
    lang: 'en',
    tags: [],
    questions,
    escalate: false,
    body,
    sections: [{ id: `${id}#0`, articleId: id, index: 0, heading: title, body }],
    file: `${id}.md`,
    hash: id,
    idLine: 2,
  };
}

const config = loadConfig({});
const retrieverOf = (articles: Article[]) =>
  createRetriever(articles, { thresholds: config.retrieval, defaultLang: 'en' });

describe('authoring help', () => {
  test('articles with fewer than three phrasings are pointed out, at their questions line', () => {
    const warnings = fewPhrasings(
      [article('a', 'A', ['one', 'two']), article('b', 'B', ['one', 'two', 'three'])],
      () => 7,
    );
    expect(warnings).toEqual([
      { file: 'a.md', line: 7, message: expect.stringMatching(/^only 2 example phrasing/) },
    ]);
    const parsed = (text: string) => parseArticle('a.md', new TextEncoder().encode(text)).article;
    const front = '---\nid: a\ntitle: A\nlang: en\n';
    expect(parsed(`${front}questions:\n  - x\n---\nSteps.`)?.questionsLine).toBe(5);
    expect(parsed(`${front}---\nSteps.`)?.questionsLine).toBeUndefined();
  });

  test('two articles that answer the same questions are flagged once; distinct ones are not', async () => {
    const kb = await smallKb();
    const english = kb.filter((a) => a.lang === 'en');
    const vpn = english.find((a) => a.id === 'vpn-connect-en') as Article;
    const copy = { ...vpn, id: 'vpn-copy-en', file: 'vpn-copy-en.md', hash: 'copy' };
    const flagged = await confusablePairs([...english, copy], retrieverOf([...english, copy]), () => 1);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.message).toMatch(/"vpn-(connect|copy)-en" are answered by "vpn-(copy|connect)-en"/);
    const none = await confusablePairs(english, retrieverOf(english), () => 1);
    expect(none.filter((w) => w.message.includes('vpn-'))).toEqual([]);
  });
});
