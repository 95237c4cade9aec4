import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { parseDialogs, readDialogs } from '../../src/dialogs/format.js';
import { decisionOf } from '../../src/dialogs/observe.js';
import { runDialogs } from '../../src/dialogs/run-dialogs.js';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import { KB_SMALL } from '../support/helpdesk-harness.js';

const config = () => loadConfig({ NODE_ENV: 'test', EMBEDDINGS: 'off' });
const line = (d: unknown) => JSON.stringify(d);

describe('dialog evaluation', () => {
  test('the format: bad lines fail with their line number', () => {
    expect(parseDialogs(`${line({ name: 'a', turns: [{ say: 'hi' }] })}\n\n`)).toHaveLength(1);
    expect(() => parseDialogs(`\n${line({ name: 'a', turns: [] })}`)).toThrow(/:2:/);
    expect(() =>
      parseDialogs(line({ name: 'a', turns: [{ say: 'x', expect: { decisionn: 'answer' } }] })),
    ).toThrow(/:1:/);
    expect(() => parseDialogs(line({ name: 'a', turns: [{ press: '(' }] }))).toThrow(/regular expression/);
  });

  test('the decision is read from the replies the core returns', () => {
    expect(decisionOf([{ type: 'text', text: 'Hi!' }])).toBe('small-talk');
    expect(decisionOf([{ type: 'choices', prompt: 'p', choices: [], decision: 'ask-back' }])).toBe(
      'ask-back',
    );
    const article = {
      type: 'article',
      articleId: 'a',
      title: 't',
      sectionHeading: 'h',
      steps: 's',
      url: 'u',
    } as const;
    expect(
      decisionOf([article, { type: 'choices', prompt: 'Did it?', choices: [], decision: 'answer' }]),
    ).toBe('answer');
  });

  test('whole conversations through the real core: passes and failures are counted per expectation', async () => {
    const { articles } = await loadKnowledgeBase(KB_SMALL);
    const dialogs = parseDialogs(
      [
        line({
          name: 'vpn, then No',
          lang: 'en',
          turns: [
            {
              say: "vpn won't connect",
              expect: { decision: 'answer', article: ['vpn-connect-en'], lang: 'en' },
            },
            { press: '^No$', expect: { notText: 'printer' } },
          ],
        }),
        line({
          name: 'deliberately wrong',
          turns: [
            { say: 'забыл пароль', expect: { lang: 'en', article: ['vpn-connect-en'] } },
            { press: 'nothing' },
          ],
        }),
        line({
          name: 'person, agent, rating',
          turns: [
            { say: 'talk to a person', expect: { decision: 'handoff' } },
            { say: '/claim' },
            { say: '/tier3', expect: { text: 'No Tier 3 agents' } },
            { say: '/resolve', expect: { text: 'rate' } },
            { say: 'five stars', expect: { text: 'Thank you for your rating' } },
          ],
        }),
      ].join('\n'),
    );
    const report = await runDialogs(articles, dialogs, config());
    expect(report).toMatchObject({ dialogs: 3, passed: 2, turns: 9, turnsPassed: 7 });
    expect(report.byExpectation.lang).toEqual({ n: 2, passed: 1 });
    expect(report.byExpectation.article).toEqual({ n: 2, passed: 1 });
    expect(report.failures.map((f) => f.expectation).sort()).toEqual(['article', 'lang', 'press']);
  });

  test('the development set passes on the sample knowledge base', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const { articles } = await loadKnowledgeBase(path.join(root, 'knowledge-base'));
    const dialogs = await readDialogs(path.join(root, 'test/fixtures/dialogs.jsonl'));
    expect(dialogs.length).toBeGreaterThanOrEqual(80);
    const report = await runDialogs(articles, dialogs, config());
    expect(report.failures).toEqual([]);
  }, 120_000);
});
