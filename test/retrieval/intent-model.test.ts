import { describe, expect, it } from 'vitest';
import {
  CHAR_GRAM,
  INTENT_TRAINING,
  IntentModel,
  MAX_INTENT_WORK,
  intentFeatures,
  type IntentExample,
} from '../../src/retrieval/intent-model.js';
import { analyzeDocument, contentWords, functionWords } from '../../src/text/analyze.js';

const example = (label: string, text: string): IntentExample => ({
  label,
  features: intentFeatures(analyzeDocument(text), contentWords(text)),
});
const features = (text: string) => intentFeatures(analyzeDocument(text), contentWords(text));

/** Two neighbouring intents that share most words: only "why" and "how" tell them apart. */
const examples = [
  example('verify-how', 'how do I verify my identity'),
  example('verify-how', 'how can I prove my identity'),
  example('verify-how', 'how to complete identity verification'),
  example('verify-why', 'why do I need to verify my identity'),
  example('verify-why', 'why is identity verification required'),
  example('verify-why', 'why must I prove who I am'),
  example('card-lost', 'I lost my card'),
  example('card-lost', 'my card was stolen'),
];

describe('intentFeatures', () => {
  it('has the stems and the character n-grams of the words, once each', () => {
    const f = intentFeatures(['printer', 'printer'], ['printer']);
    expect(f).toContain('w:printer');
    expect(f).toContain('#<pri');
    expect(f).toContain('#ter>');
    expect(new Set(f).size).toBe(f.length);
    expect(f.filter((x) => x.startsWith('#'))).toHaveLength('<printer>'.length - CHAR_GRAM + 1);
  });

  it('keeps function words apart from content stems', () => {
    const f = intentFeatures(['verifi'], ['verify'], ['do', 'need']);
    expect(f).toEqual(expect.arrayContaining(['w:verifi', 'f:do', 'f:need']));
    expect(f).not.toContain('w:need');
  });
});

describe('IntentModel', () => {
  const model = IntentModel.train(examples)!;

  it('learns the words that separate neighbouring articles', () => {
    const why = model.probabilities(features('why should I verify my identity at all'));
    expect([...why.entries()].sort((a, b) => b[1] - a[1])[0]![0]).toBe('verify-why');
    const how = model.probabilities(features('how would I verify identity'));
    expect([...how.entries()].sort((a, b) => b[1] - a[1])[0]![0]).toBe('verify-how');
  });

  it('tells apart articles whose phrasings differ only in words keyword search ignores', () => {
    const withFunctionWords = (text: string) =>
      intentFeatures(analyzeDocument(text), contentWords(text), functionWords(text));
    const training = [
      ['must-i', 'do I need to verify my identity'],
      ['must-i', 'need I verify identity at all'],
      ['can-i', 'can you verify my identity'],
      ['can-i', 'can I verify identity online'],
    ].map(([label, text]) => ({ label: label!, features: withFunctionWords(text!) }));
    const trained = IntentModel.train(training)!;
    const top = (text: string) =>
      [...trained.probabilities(withFunctionWords(text)).entries()].sort((a, b) => b[1] - a[1])[0]![0];
    expect(top('I need to verify my identity')).toBe('must-i');
    expect(top('can we verify identity')).toBe('can-i');
  });

  it('gives a probability distribution over the allowed articles only', () => {
    const p = model.probabilities(features('stolen card'), (id) => id !== 'verify-how');
    expect([...p.keys()].sort()).toEqual(['card-lost', 'verify-why']);
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(p.get('card-lost')!).toBeGreaterThan(0.5);
  });

  it('says nothing about a message it shares no feature with', () => {
    expect(model.probabilities(features('zzzz qqqq')).size).toBe(0);
    expect(model.probabilities([]).size).toBe(0);
  });

  it('is deterministic: the same examples train the same model', () => {
    const again = IntentModel.train(examples)!;
    const f = features('identity check why');
    expect([...again.probabilities(f)]).toEqual([...model.probabilities(f)]);
  });

  it('trains the same model in the background, letting other work run between slices', async () => {
    let ranBetween = false;
    setImmediate(() => (ranBetween = true));
    const background = await IntentModel.trainInBackground(examples, INTENT_TRAINING, MAX_INTENT_WORK, 2);
    expect(ranBetween).toBe(true);
    const f = features('why verify');
    expect([...background!.probabilities(f)]).toEqual([...model.probabilities(f)]);
  });

  it('is not trained for fewer than two articles or beyond the work budget', () => {
    expect(IntentModel.train([])).toBeUndefined();
    expect(IntentModel.train(examples.filter((e) => e.label === 'card-lost'))).toBeUndefined();
    const work = 3 * examples.reduce((sum, e) => sum + e.features.length, 0);
    expect(IntentModel.train(examples, INTENT_TRAINING, work - 1)).toBeUndefined();
    expect(IntentModel.train(examples, INTENT_TRAINING, work)).toBeDefined();
    expect(MAX_INTENT_WORK).toBeGreaterThan(work);
    expect(model.size).toBe(3);
  });
});
