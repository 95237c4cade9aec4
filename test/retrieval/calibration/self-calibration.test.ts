import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../src/kb/load-kb.js';
import type { Article } from '../../../src/kb/types.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { sqliteCalibrationStore } from '../../../src/retrieval/calibration/calibration-store.js';
import { selfCalibrate, type Calibration } from '../../../src/retrieval/calibration/self-calibrate.js';
import {
  MAX_CALIBRATED_SECTIONS,
  SelfCalibrator,
} from '../../../src/retrieval/calibration/self-calibrator.js';
import { countSections } from '../../../src/kb/sections.js';
import { syntheticArticles } from '../../../src/retrieval/synthetic-kb.js';
import { createRetriever } from '../../../src/retrieval/retriever.js';
import { TempDb } from '../../support/temp-db.js';
import { makeArticle } from '../helpers.js';

const THRESHOLDS = { answerThreshold: 0.88, clarifyThreshold: 0.53, answerMargin: 0.1 };
const LIMIT = 60_000;

/** The sample knowledge base as a company would write it: three phrasings per article. */
let fewPhrasings: Article[];
beforeAll(async () => {
  const kb = await loadKnowledgeBase(path.join(PROJECT_ROOT, 'knowledge-base'));
  fewPhrasings = kb.articles.map((a) => ({ ...a, questions: a.questions.slice(0, 3) }));
});

const retrieverOver = (articles: readonly Article[]) =>
  createRetriever(articles, { thresholds: THRESHOLDS, defaultLang: 'en' });

describe('selfCalibrate on a knowledge base with three phrasings per article', () => {
  it(
    'offers a choice where the built-in decision declined a covered question, and still declines small talk',
    async () => {
      const builtIn = retrieverOver(fewPhrasings);
      const calibrated = retrieverOver(fewPhrasings);
      const calibration = await selfCalibrate(calibrated, THRESHOLDS);
      calibrated.setCalibration(calibration);

      const covered = 'webcam shows black in zoom';
      expect((await builtIn.search(covered)).kind).toBe('decline');
      const choice = await calibrated.search(covered);
      expect(choice.kind).toBe('clarify');
      expect(choice.candidates.slice(0, choice.options).map((c) => c.articleId)).toContain(
        'call-audio-video-en',
      );

      for (const smallTalk of ['can you tell me a joke', 'когда выплатят премию за квартал'])
        expect((await calibrated.search(smallTalk)).kind).toBe('decline');
      // The answer side is left as configured.
      expect(calibration.clarifyThreshold).toBeLessThanOrEqual(THRESHOLDS.clarifyThreshold);
    },
    LIMIT,
  );

  it(
    'estimates its figures from held-out phrasings and says why',
    async () => {
      const r = retrieverOver(fewPhrasings);
      const { estimates, notes, withIntent } = await selfCalibrate(r, THRESHOLDS);
      expect(withIntent).toBe(true);
      expect(estimates.inScope).toBeGreaterThan(100);
      expect(estimates.outOfScope).toBeGreaterThan(100);
      expect(estimates.offTopic).toBe(100);
      expect(estimates.answered + estimates.clarified + estimates.declined).toBeCloseTo(1, 2);
      for (const value of Object.values(estimates)) expect(value).toBeGreaterThanOrEqual(0);
      expect(estimates.top1).toBeGreaterThan(0.7);
      expect(estimates.offTopicDeclined).toBeGreaterThan(0.9);
      expect(notes.join('\n')).toMatch(/held-out phrasings/);
    },
    LIMIT,
  );

  it(
    'keeps the built-in model when too few phrasings can be held out',
    async () => {
      const tiny = [0, 1, 2].map((i) =>
        makeArticle({ id: `a-${i}`, title: `Printer ${i} jams`, body: `Open tray ${i}.` }),
      );
      const r = retrieverOver(tiny);
      const calibration = await selfCalibrate(r, THRESHOLDS);
      expect(calibration.notes.join('\n')).toMatch(/built-in clarify model is kept/);
    },
    LIMIT,
  );
});

describe('SelfCalibrator', () => {
  let temp: TempDb | undefined;
  afterEach(() => temp?.close());

  it(
    'serves a stored calibration of the same articles without running one, and runs again after an edit',
    async () => {
      temp = new TempDb();
      const store = sqliteCalibrationStore(temp.db);
      const r = retrieverOver(fewPhrasings);
      const first = await new SelfCalibrator(r, THRESHOLDS, { store }).refresh();
      expect(first).toBeDefined();
      expect(store.get(first!.key)).toEqual(first);

      // A restart: a fresh retriever over the same articles reads it back.
      const again = retrieverOver(fewPhrasings);
      const marked: Calibration = { ...first!, notes: ['stored'] };
      store.put(marked);
      expect((await new SelfCalibrator(again, THRESHOLDS, { store }).refresh())?.notes).toEqual(['stored']);
      expect(again.currentCalibration?.notes).toEqual(['stored']);

      // An edit changes the key: a new calibration replaces it, and the store keeps only that one.
      await again.upsert(
        makeArticle({
          id: 'badge-en',
          title: 'Lost office badge',
          questions: ['I lost my badge'],
          body: 'Ask reception.',
        }),
      );
      const edited = await new SelfCalibrator(again, THRESHOLDS, { store }).refresh();
      expect(edited?.key).not.toBe(first!.key);
      expect(edited?.notes).not.toEqual(['stored']);
      expect(store.get(first!.key)).toBeUndefined();
    },
    LIMIT,
  );

  it('reads a damaged stored row as none', () => {
    temp = new TempDb();
    const store = sqliteCalibrationStore(temp.db);
    temp.db
      .prepare('INSERT INTO calibrations (key, value, created_at) VALUES (?, ?, ?)')
      .run('k', '{"version": 1, "key": "k", "clarifyThreshold": "high"}', new Date().toISOString());
    expect(store.get('k')).toBeUndefined();
    temp.db.prepare('UPDATE calibrations SET value = ? WHERE key = ?').run('not json', 'k');
    expect(store.get('k')).toBeUndefined();
  });

  it(
    'leaves a knowledge base beyond its section budget to the built-in decision, without a run',
    async () => {
      const large = syntheticArticles(MAX_CALIBRATED_SECTIONS + 5);
      expect(countSections(large)).toBeGreaterThan(MAX_CALIBRATED_SECTIONS);
      const r = createRetriever(large, {
        thresholds: THRESHOLDS,
        defaultLang: 'en',
        intentClassifier: false,
      });
      r.setCalibration({ key: 'stale' } as Calibration);
      // A run would have served (and returned) a calibration of its own.
      expect(await new SelfCalibrator(r, THRESHOLDS).refresh()).toBeUndefined();
      expect(r.currentCalibration).toBeUndefined();
    },
    LIMIT,
  );

  it(
    'abandons a run when stopped, leaving the built-in decision',
    async () => {
      const r = retrieverOver(fewPhrasings);
      const calibrator = new SelfCalibrator(r, THRESHOLDS);
      const run = calibrator.refresh();
      await calibrator.stop();
      expect(await run).toBeUndefined();
      expect(r.currentCalibration).toBeUndefined();
    },
    LIMIT,
  );
});
