/** One training example: features, label (0 or 1) and weight (default 1). */
export interface Sample {
  x: number[];
  y: number;
  weight?: number;
}

/** A fitted logistic model as coefficients in feature order, plus the bias. */
export interface Fitted {
  w: number[];
  b: number;
}

/**
 * Logistic regression by full-batch gradient descent. `prior` (coefficients and bias) is where
 * the descent starts and what the L2 penalty pulls towards: with few examples, a knowledge base's
 * own fit stays close to the model fitted on a large labelled set instead of chasing noise.
 * Features are expected on about 0..3, and `l2` below 1 / rate (2 by default), or the descent
 * overshoots the prior.
 */
export function fitLogistic(
  samples: readonly Sample[],
  options: { prior?: Fitted; l2: number; epochs?: number; rate?: number },
): Fitted {
  const size = samples[0]?.x.length ?? options.prior?.w.length ?? 0;
  const prior = options.prior ?? { w: new Array<number>(size).fill(0), b: 0 };
  const rate = options.rate ?? 0.5;
  let w = [...prior.w];
  let b = prior.b;
  let total = 0;
  for (const s of samples) total += s.weight ?? 1;
  if (total === 0) return { w, b };
  for (let epoch = 0; epoch < (options.epochs ?? 3000); epoch++) {
    const gw = new Array<number>(size).fill(0);
    let gb = 0;
    for (const s of samples) {
      let z = b;
      for (let i = 0; i < size; i++) z += s.x[i]! * w[i]!;
      const err = (1 / (1 + Math.exp(-z)) - s.y) * (s.weight ?? 1);
      gb += err;
      for (let i = 0; i < size; i++) gw[i]! += err * s.x[i]!;
    }
    w = w.map((wi, i) => wi - rate * (gw[i]! / total + options.l2 * (wi - prior.w[i]!)));
    b -= rate * (gb / total);
  }
  return { w, b };
}
