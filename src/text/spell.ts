/**
 * Typo tolerance against the knowledge base's own vocabulary: a word the articles never use is
 * replaced by the closest word they do use, found through a one-deletion symmetric-delete index
 * so look-ups stay fast on large vocabularies. That finds one typo of any kind, and for long
 * words (7+ letters) pairs such as a wrong plus a missing letter; two missing letters are not
 * repaired.
 */
export class Vocabulary {
  private readonly counts = new Map<string, number>();
  /** The words the deletion index holds, by index; the index keeps their numbers. */
  private readonly indexed: string[] = [];
  private readonly deletes = new DeletionIndex();
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
    const id = this.indexed.length;
    this.indexed.push(word);
    for (let i = 0; i < word.length; i++) this.deletes.add(hashSkipping(word, i), id);
  }

  /** Known words one deletion of which is `text`. */
  private withDeletion(text: string, into: Set<string>): void {
    this.deletes.forEach(hashSkipping(text, -1), (id) => {
      const word = this.indexed[id]!;
      if (isOneDeletion(word, text)) into.add(word);
    });
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
    const candidates = new Set<string>();
    this.withDeletion(word, candidates);
    for (const variant of deletesOf(word)) {
      if (this.counts.has(variant)) candidates.add(variant);
      this.withDeletion(variant, candidates);
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

/**
 * Word numbers by the hashes of their one-letter deletions, in typed arrays: as a map of deletion
 * strings it held a string, a map entry and an array for each of some 100,000 deletions (9 MB of
 * a 30 MB heap on the sample knowledge base). Hashes may collide: callers check each word.
 */
class DeletionIndex {
  /** Chain heads by hash bucket (-1: empty), and per entry: its hash, its word, the next entry. */
  private heads = new Int32Array(1 << 12).fill(-1);
  private hashes = new Int32Array(1 << 12);
  private words = new Int32Array(1 << 12);
  private next = new Int32Array(1 << 12);
  private size = 0;

  add(hash: number, word: number): void {
    if (this.size === this.hashes.length) this.grow();
    const entry = this.size++;
    const bucket = hash & (this.heads.length - 1);
    this.hashes[entry] = hash;
    this.words[entry] = word;
    this.next[entry] = this.heads[bucket]!;
    this.heads[bucket] = entry;
  }

  /** Calls `found` with each word added under `hash`. */
  forEach(hash: number, found: (word: number) => void): void {
    for (let e = this.heads[hash & (this.heads.length - 1)]!; e !== -1; e = this.next[e]!) {
      if (this.hashes[e] === hash) found(this.words[e]!);
    }
  }

  /** Twice the room, the buckets twice as many (chains stay short). */
  private grow(): void {
    const capacity = 2 * this.hashes.length;
    const widen = (from: Int32Array) => {
      const to = new Int32Array(capacity);
      to.set(from);
      return to;
    };
    this.hashes = widen(this.hashes);
    this.words = widen(this.words);
    this.next = widen(this.next);
    this.heads = new Int32Array(capacity).fill(-1);
    for (let e = 0; e < this.size; e++) {
      const bucket = this.hashes[e]! & (capacity - 1);
      this.next[e] = this.heads[bucket]!;
      this.heads[bucket] = e;
    }
  }
}

/** FNV-1a of `text` without its character at `skip` (-1: the whole text), no string made. */
function hashSkipping(text: string, skip: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash | 0;
}

/** True when deleting one character of `word` gives `text`. */
function isOneDeletion(word: string, text: string): boolean {
  if (word.length !== text.length + 1) return false;
  let i = 0;
  while (i < text.length && word.charCodeAt(i) === text.charCodeAt(i)) i += 1;
  // The first difference is the deleted character: the rest must match shifted by one.
  for (let j = i; j < text.length; j++) if (word.charCodeAt(j + 1) !== text.charCodeAt(j)) return false;
  return true;
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
