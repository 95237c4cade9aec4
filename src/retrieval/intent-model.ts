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
 * Largest model trained (classes x features): beyond this the weights would cost more memory and
 * start-up time than the ranking gains are worth, and retrieval runs without the classifier.
 */
export const MAX_INTENT_WEIGHTS = 8_000_000;

/** Most articles a classifier is trained for: checked first, so a large base skips the work. */
export const MAX_INTENT_CLASSES = 1000;

/** Features of a text: its stems and the character 4-grams of its words (typos, inflections). */
export function intentFeatures(stems: readonly string[], words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of stems) out.add(`w:${s}`);
  for (const word of words) {
    const padded = `<${word}>`;
    for (let i = 0; i + CHAR_GRAM <= padded.length; i++) out.add(`#${padded.slice(i, i + CHAR_GRAM)}`);
  }
  return [...out];
}

/** One training sentence: its article and its features. */
export interface IntentExample {
  label: string;
  features: readonly string[];
}

/** Trained weights; `probabilities` restricts the softmax to the articles the caller allows. */
export class IntentModel {
  private constructor(
    private readonly labels: readonly string[],
    private readonly featureIds: ReadonlyMap<string, number>,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /** Classes the model knows. */
  get size(): number {
    return this.labels.length;
  }

  /**
   * Trains on `examples`, or returns undefined when there is nothing to learn from (fewer than two
   * classes) or the model would have more than `maxWeights` weights.
   */
  static train(
    examples: readonly IntentExample[],
    settings = INTENT_TRAINING,
    maxWeights = MAX_INTENT_WEIGHTS,
  ): IntentModel | undefined {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2 || labels.length > MAX_INTENT_CLASSES) return undefined;
    const labelIds = new Map(labels.map((l, i) => [l, i]));
    const featureIds = new Map<string, number>();
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
    const classes = labels.length;
    const featureCount = featureIds.size;
    if (classes * featureCount > maxWeights) return undefined;
    const weights = new Float32Array(classes * featureCount);
    const bias = new Float32Array(classes);
    const z = new Float64Array(classes);
    const { epochs, learningRate, l2, biasRate } = settings;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const example of encoded) {
        let max = -Infinity;
        for (let c = 0; c < classes; c++) {
          let s = bias[c]!;
          const row = c * featureCount;
          for (const f of example.features) s += weights[row + f]!;
          z[c] = s;
          if (s > max) max = s;
        }
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
          const row = c * featureCount;
          for (const f of example.features) {
            const w = weights[row + f]!;
            weights[row + f] = w - step * gradient - learningRate * l2 * w;
          }
        }
      }
    }
    return new IntentModel(labels, featureIds, weights, bias);
  }

  /**
   * Softmax over `allowed` articles (all known ones when omitted) for a message's features; empty
   * when the model knows none of them (the bias alone is no evidence about the message).
   */
  probabilities(features: readonly string[], allowed?: (label: string) => boolean): Map<string, number> {
    const ids = features.map((f) => this.featureIds.get(f)).filter((id) => id !== undefined);
    if (ids.length === 0) return new Map();
    const featureCount = this.featureIds.size;
    const scores = new Map<string, number>();
    let max = -Infinity;
    this.labels.forEach((label, c) => {
      if (allowed && !allowed(label)) return;
      let s = this.bias[c]!;
      const row = c * featureCount;
      for (const f of ids) s += this.weights[row + f]!;
      scores.set(label, s);
      if (s > max) max = s;
    });
    let sum = 0;
    for (const [label, s] of scores) {
      const e = Math.exp(s - max);
      scores.set(label, e);
      sum += e;
    }
    for (const [label, e] of scores) scores.set(label, e / sum);
    return scores;
  }
}
