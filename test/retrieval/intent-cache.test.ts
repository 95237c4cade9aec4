import { afterEach, describe, expect, test, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sqliteIntentCache } from '../../src/retrieval/intent-cache.js';
import { IntentModel, intentTrainingKey, type IntentExample } from '../../src/retrieval/intent-model.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import { smallKb } from '../support/helpdesk-harness.js';
import { TempDb } from '../support/temp-db.js';

const examples: IntentExample[] = [
  { label: 'vpn', features: ['vpn', 'connect', 'globalprotect'] },
  { label: 'vpn', features: ['vpn', 'drops'] },
  { label: 'printer', features: ['printer', 'jam', 'paper'] },
  { label: 'printer', features: ['printer', 'offline'] },
];

describe('trained intent classifiers kept across restarts', () => {
  let temp: TempDb | undefined;
  afterEach(() => temp?.close());

  test('a stored model is the same model, to the last bit; a damaged one is not used', () => {
    temp = new TempDb();
    const cache = sqliteIntentCache(temp.db);
    const model = IntentModel.train(examples) as IntentModel;
    const key = intentTrainingKey(examples);
    cache.put(key, model.toSnapshot());
    temp.reopen();
    const loaded = IntentModel.fromSnapshot(sqliteIntentCache(temp.db).get(key)!) as IntentModel;
    for (const features of [['vpn'], ['printer', 'jam'], ['paper', 'connect'], ['unknown']]) {
      expect(loaded.probabilities(features)).toEqual(model.probabilities(features));
    }
    expect(IntentModel.fromSnapshot({ ...model.toSnapshot(), bias: new Float32Array(1) })).toBeUndefined();
    expect(sqliteIntentCache(temp.db).get('another key')).toBeUndefined();
  });

  test('the key changes with any training sentence; storing a new model drops the old one', () => {
    temp = new TempDb();
    const cache = sqliteIntentCache(temp.db);
    const changed = [...examples.slice(0, 3), { label: 'printer', features: ['printer', 'online'] }];
    expect(intentTrainingKey(changed)).not.toBe(intentTrainingKey(examples));
    expect(intentTrainingKey([...examples])).toBe(intentTrainingKey(examples));
    cache.put(intentTrainingKey(examples), IntentModel.train(examples)!.toSnapshot());
    cache.put(intentTrainingKey(changed), IntentModel.train(changed)!.toSnapshot());
    expect(cache.get(intentTrainingKey(examples))).toBeUndefined();
    expect(cache.get(intentTrainingKey(changed))).toBeDefined();
  });

  test('a retriever built again on an unchanged knowledge base loads its classifier instead of training it', async () => {
    temp = new TempDb();
    const config = loadConfig({});
    const kb = await smallKb();
    const settings = {
      thresholds: config.retrieval,
      defaultLang: 'en' as const,
      intentCache: sqliteIntentCache(temp.db),
    };
    const first = createRetriever(kb, settings);
    const train = vi.spyOn(IntentModel, 'train');
    try {
      const second = createRetriever(kb, settings);
      expect(train).not.toHaveBeenCalled();
      expect(second.usesIntentModel).toBe(true);
      for (const q of ['vpn wont connect', 'printer is jammed', 'забыл пароль', 'the weather']) {
        expect(await second.search(q)).toEqual(await first.search(q));
      }
      // Another knowledge base: trained anew.
      createRetriever(kb.slice(1), settings);
      expect(train).toHaveBeenCalledTimes(1);
    } finally {
      train.mockRestore();
    }
  });
});
