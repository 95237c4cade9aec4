/**
 * Typo tolerance against the knowledge base's own vocabulary: a word the articles never use is
 * replaced by the closest word they do use, found through a one-deletion symmetric-delete index
 * so look-ups stay fast on large vocabularies. That finds one typo of any kind, and for long
 * words (7+ letters) pairs such as a wrong plus a missing letter; two missing letters are not
 * repaired.
 */
export class Vocabulary {
  private readonly counts = new Map<string, number>();
  private readonly deletes = new Map<string, string[]>();
  private readonly stems = new Set<string>();

  /**
   * `stem`, when given, lets the vocabulary tell that an unseen form of a known word needs no
   * repair ("lagging" where the articles say "lag"): search will match it by its stem, and a
   * "repair" to a nearby word could only change its meaning ("lagging" -> "nagging").
   */
  constructor(private readonly stem?: (word: string) => string) {}

  /** Adds one occurrence of `word` (already lowercased). */
  add(word: string): void {
    const seen = this.counts.get(word);
    this.counts.set(word, (seen ?? 0) + 1);
    if (seen === undefined && this.stem) this.stems.add(this.stem(word));
    if (seen !== undefined || word.length < 4 || word.length > 30) return;
    for (const variant of deletesOf(word)) {
      const list = this.deletes.get(variant);
      if (list) list.push(word);
      else this.deletes.set(variant, [word]);
    }
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  /** True when `word` or another form of it (same stem) is known; false without a stemmer. */
  knowsFormOf(word: string): boolean {
    return this.counts.has(word) || (this.stem !== undefined && this.stems.has(this.stem(word)));
  }

  get size(): number {
    return this.counts.size;
  }

  /** The best known word within the allowed edits, or undefined when none is close enough. */
  closest(word: string): string | undefined {
    if (this.counts.has(word)) return word;
    if (word.length < 4 || word.length > 30 || /\d/.test(word)) return undefined;
    const maxDistance = word.length >= 7 ? 2 : 1;
    const candidates = new Set<string>(this.deletes.get(word) ?? []);
    for (const variant of deletesOf(word)) {
      if (this.counts.has(variant)) candidates.add(variant);
      for (const c of this.deletes.get(variant) ?? []) candidates.add(c);
    }
    let best: string | undefined;
    let bestDistance = Infinity;
    let bestCount = 0;
    for (const candidate of candidates) {
      if (candidate[0] !== word[0] && word.length < 7) continue;
      const distance = editDistance(word, candidate, maxDistance);
      const count = this.counts.get(candidate) ?? 0;
      // Ties go to the more frequent word, then the alphabetically first: the same vocabulary
      // repairs the same way whatever order its words were added in.
      const better =
        distance < bestDistance ||
        (distance === bestDistance &&
          (count > bestCount || (count === bestCount && best !== undefined && candidate < best)));
      if (better) {
        best = candidate;
        bestDistance = distance;
        bestCount = count;
      }
    }
    return bestDistance <= maxDistance ? best : undefined;
  }
}

function deletesOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[rows * cols - 1]!;
}
