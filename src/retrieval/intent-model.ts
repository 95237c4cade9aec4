import { createHash } from 'node:crypto';
/**
 * A small intent classifier trained on the knowledge base itself: every article is a class and its
 * title, `questions` and headings are the training sentences. BM25 weighs a word by how rare it is;
 * the classifier learns which words and word pieces tell one article from its neighbours ("why" in
 * "why do I have to verify my identity" versus "how do I verify..."), which ranking alone cannot.
 * Multinomial logistic regression by SGD: deterministic, dependency-free and fast at this size.
 */

/** Character n-gram length of the word-piece features (inside `<word>` boundaries). */
export const CHAR_GRAM = 4;

/** Training settings, chosen on the development set and checked on an outside benchmark. */
export const INTENT_TRAINING = { epochs: 10, learningRate: 0.5, l2: 1e-4, biasRate: 0.05 };

/**
 * Most training work allowed, in weight updates per epoch (articles x feature occurrences in all
 * training sentences): about 1.5 s of one core here. Beyond it (a few hundred articles) retrieval
 * runs without the classifier; the dense model is the way to scale past that.
 */
export const MAX_INTENT_WORK = 15_000_000;

/** Typical features per training sentence, to skip a hopeless knowledge base before featurizing. */
export const TYPICAL_FEATURES_PER_SENTENCE = 25;

/**
 * Features of a text: its stems, the character 4-grams of its words (typos, inflections) and its
 * function words (see `functionWords`).
 */
export function intentFeatures(
  stems: readonly string[],
  words: readonly string[],
  functionWords: readonly string[] = [],
): string[] {
  const out = new Set<string>();
  for (const s of stems) out.add(`w:${s}`);
  for (const f of functionWords) out.add(`f:${f}`);
  for (const word of words) {
    const padded = `<${word}>`;
    for (let i = 0; i + CHAR_GRAM <= padded.length; i++) out.add(`#${padded.slice(i, i + CHAR_GRAM)}`);
  }
  return [...out];
}

/** A trained model as stored: labels, features in id order, and the weights' exact bits. */
export interface IntentModelSnapshot {
  labels: string[];
  features: string[];
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * Keeps trained models across restarts. Training is deterministic, so the model of the same
 * training sentences is the same model: a restart with an unchanged knowledge base loads it
 * instead of spending a third of a second of start-up training it again.
 */
export interface IntentModelCache {
  get(key: string): IntentModelSnapshot | undefined;
  put(key: string, snapshot: IntentModelSnapshot): void;
}

/** What a trained model depends on, hashed: the sentences in order, the settings, the work limit. */
export function intentTrainingKey(
  examples: readonly IntentExample[],
  settings = INTENT_TRAINING,
  maxWork = MAX_INTENT_WORK,
): string {
  const hash = createHash('sha256').update(JSON.stringify([settings, maxWork]));
  for (const e of examples) hash.update(`\u0000${e.label}\u0001${e.features.join('\u0002')}`);
  return hash.digest('hex');
}

/** One training sentence: its article and its features. */
export interface IntentExample {
  label: string;
  features: readonly string[];
}

/**
 * Trained weights; `probabilities` restricts the softmax to the articles the caller allows.
 * Weights are stored feature-major (`feature * classes + class`): a sentence touches a few dozen
 * features, each then one contiguous run of class weights instead of one cache line per class;
 * every class still sums its features in the sentence's order, so the numbers are the same.
 */
export class IntentModel {
  constructor(
    private readonly labels: readonly string[],
    private readonly featureIds: ReadonlyMap<string, number>,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /** Classes the model knows. */
  get size(): number {
    return this.labels.length;
  }

  /** The model as `IntentModelCache` stores it. */
  toSnapshot(): IntentModelSnapshot {
    return {
      labels: [...this.labels],
      features: [...this.featureIds.keys()],
      weights: this.weights,
      bias: this.bias,
    };
  }

  /** A stored model, or undefined when the snapshot does not fit together (a damaged row). */
  static fromSnapshot(s: IntentModelSnapshot): IntentModel | undefined {
    const ids = new Map(s.features.map((f, i) => [f, i]));
    const valid =
      s.labels.length >= 2 &&
      ids.size === s.features.length &&
      s.bias.length === s.labels.length &&
      s.weights.length === s.labels.length * s.features.length;
    return valid ? new IntentModel(s.labels, ids, s.weights, s.bias) : undefined;
  }

  /** Trains to completion in one go (start-up, tests, small knowledge bases). */
  static train(
    examples: readonly IntentExample[],
    settings = INTENT_TRAINING,
    maxWork = MAX_INTENT_WORK,
  ): IntentModel | undefined {
    const trainer = IntentTrainer.create(examples, settings, maxWork);
    if (!trainer) return undefined;
    while (!trainer.step(Infinity));
    return trainer.model;
  }

  /**
   * Trains in slices of `slice` sentences, yielding to the event loop between them, so that a
   * re-index never stalls the messages being answered meanwhile.
   */
  static async trainInBackground(
    examples: readonly IntentExample[],
    settings = INTENT_TRAINING,
    maxWork = MAX_INTENT_WORK,
    slice = 200,
  ): Promise<IntentModel | undefined> {
    const trainer = IntentTrainer.create(examples, settings, maxWork);
    if (!trainer) return undefined;
    while (!trainer.step(slice)) await new Promise((resolve) => setImmediate(resolve));
    return trainer.model;
  }

  /**
   * Softmax over `allowed` articles (all known ones when omitted) for a message's features; empty
   * when the model knows none of them (the bias alone is no evidence about the message).
   */
  probabilities(features: readonly string[], allowed?: (label: string) => boolean): Map<string, number> {
    const ids: number[] = [];
    for (const f of features) {
      const id = this.featureIds.get(f);
      if (id !== undefined) ids.push(id);
    }
    if (ids.length === 0) return new Map();
    const { labels, weights } = this;
    const classes = labels.length;
    // The allowed classes in label order: only they are summed (each over the features in order).
    const open: number[] = [];
    for (let c = 0; c < classes; c++) if (!allowed || allowed(labels[c]!)) open.push(c);
    const sums = Float64Array.from(this.bias);
    for (const f of ids) {
      const row = f * classes;
      for (let k = 0; k < open.length; k++) {
        const c = open[k]!;
        sums[c] = sums[c]! + weights[row + c]!;
      }
    }
    let max = -Infinity;
    for (const c of open) if (sums[c]! > max) max = sums[c]!;
    // In label order, as the softmax has always summed; typed arrays instead of a map per pass.
    let sum = 0;
    for (const c of open) {
      sums[c] = Math.exp(sums[c]! - max);
      sum += sums[c]!;
    }
    const scores = new Map<string, number>();
    for (const c of open) scores.set(labels[c]!, sums[c]! / sum);
    return scores;
  }
}

/**
 * Multinomial logistic regression by SGD, resumable: `step(n)` runs the next `n` sentences of
 * the epochs. Deterministic: same examples in the same order, same model.
 */
class IntentTrainer {
  private epoch = 0;
  private next = 0;
  private readonly z: Float64Array;

  private constructor(
    private readonly labels: string[],
    private readonly featureIds: Map<string, number>,
    private readonly encoded: { label: number; features: number[] }[],
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    private readonly settings: typeof INTENT_TRAINING,
  ) {
    this.z = new Float64Array(labels.length);
  }

  /** A trainer, or undefined when there is nothing to learn (under two classes) or too much work. */
  static create(
    examples: readonly IntentExample[],
    settings: typeof INTENT_TRAINING,
    maxWork: number,
  ): IntentTrainer | undefined {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) return undefined;
    const labelIds = new Map(labels.map((l, i) => [l, i]));
    const featureIds = new Map<string, number>();
    let occurrences = 0;
    const encoded = examples
      .map((e) => ({
        label: labelIds.get(e.label)!,
        features: e.features.map((f) => {
          let id = featureIds.get(f);
          if (id === undefined) {
            id = featureIds.size;
            featureIds.set(f, id);
          }
          return id;
        }),
      }))
      .filter((e) => e.features.length > 0);
    for (const e of encoded) occurrences += e.features.length;
    if (labels.length * occurrences > maxWork) return undefined;
    const weights = new Float32Array(labels.length * featureIds.size);
    return new IntentTrainer(labels, featureIds, encoded, weights, new Float32Array(labels.length), settings);
  }

  /** Runs up to `count` more sentences; true once every epoch is done. */
  step(count: number): boolean {
    const { epochs, learningRate, l2, biasRate } = this.settings;
    const classes = this.labels.length;
    const { z, weights, bias } = this;
    for (let done = 0; done < count && this.epoch < epochs; done++) {
      const example = this.encoded[this.next];
      if (example) {
        // Feature-major (see `IntentModel`): each class sums its features in the sentence's order.
        for (let c = 0; c < classes; c++) z[c] = bias[c]!;
        for (const f of example.features) {
          const row = f * classes;
          for (let c = 0; c < classes; c++) z[c] = z[c]! + weights[row + c]!;
        }
        let max = -Infinity;
        for (let c = 0; c < classes; c++) if (z[c]! > max) max = z[c]!;
        let sum = 0;
        for (let c = 0; c < classes; c++) {
          z[c] = Math.exp(z[c]! - max);
          sum += z[c]!;
        }
        const step = learningRate / Math.sqrt(example.features.length);
        for (let c = 0; c < classes; c++) {
          const gradient = z[c]! / sum - (c === example.label ? 1 : 0);
          // Classes already near zero probability barely move: skipping them keeps training fast.
          if (Math.abs(gradient) < 1e-4) continue;
          bias[c] = bias[c]! - biasRate * gradient;
          // A sentence's features are distinct, so each weight is updated once, in any order.
          for (const f of example.features) {
            const at = f * classes + c;
            const w = weights[at]!;
            weights[at] = w - step * gradient - learningRate * l2 * w;
          }
        }
      }
      this.next += 1;
      if (this.next >= this.encoded.length) {
        this.next = 0;
        this.epoch += 1;
      }
    }
    return this.epoch >= epochs;
  }

  get model(): IntentModel {
    return new IntentModel(this.labels, this.featureIds, this.weights, this.bias);
  }
}
