import type { ArticleTerms, KeywordHit } from './keyword-index.js';

/**
 * Weights of the keyword signals in an article's relevance, chosen on the development set. The
 * phrasing signals weigh most: matching how people actually ask (the `questions`) beats matching
 * the body's wording, which is also why this choice held on an outside benchmark.
 */
export const RELEVANCE_WEIGHTS = { articleBm25: 0.15, phrasingBm25: 0.35, coverage: 0.2, phrasing: 0.3 };

/** Keyword evidence for one article, every part on a 0..1 scale. */
export interface KeywordEvidence {
  articleId: string;
  /** Article BM25 relative to the best article for this message. */
  articleBm25: number;
  /** Best phrasing BM25 relative to the best phrasing for this message. */
  phrasingBm25: number;
  /** Share of the message's IDF mass found anywhere in the article. */
  coverage: number;
  /** Weighted Dice overlap with the closest phrasing (title or question). */
  phrasing: number;
  /** How many distinct message terms the article contains. */
  matched: number;
  relevance: number;
}

/** What evidence scoring reads of the keyword index. */
export interface TermStats {
  /** In-memory terms of an article. */
  termsOf(articleId: string): ArticleTerms | undefined;
  /** Inverse document frequency over articles. */
  idf(term: string): number;
  /** IDF mass of each phrasing of an article, in `ArticleTerms.phrasings` order. */
  phrasingMassesOf(terms: ArticleTerms): readonly number[];
  /** The id a term has in `ArticleTerms.phrasings`, undefined when no phrasing uses it. */
  termIdOf(term: string): number | undefined;
}

/**
 * Message weights by term id for the Dice walk, valid where `stampById` holds the current stamp:
 * arrays read by id instead of a map looked up by text for every term of every phrasing.
 * Module-wide scratch space: scoring is synchronous, one message at a time.
 */
let weightById = new Float64Array(1024);
let stampById = new Int32Array(1024);
let stamp = 0;

/** Makes the message's terms the ones `dice` sees. */
function setMessageWeights(ids: readonly number[], weights: readonly number[]): void {
  let needed = 0;
  for (const id of ids) needed = Math.max(needed, id + 1);
  if (needed > weightById.length) {
    weightById = new Float64Array(2 * needed);
    stampById = new Int32Array(2 * needed);
    stamp = 0;
  }
  if (stamp === 0x7fffffff) {
    stampById.fill(0);
    stamp = 0;
  }
  stamp += 1;
  for (let i = 0; i < ids.length; i++) {
    weightById[ids[i]!] = weights[i]!;
    stampById[ids[i]!] = stamp;
  }
}

/**
 * Weighted Dice between the message (its terms set by `setMessageWeights`, IDF mass `total`) and
 * one phrasing (term ids), whose own IDF mass is `phrasingMass`; 0 when they share no term. The
 * shared mass sums in the phrasing's term order, as it always has.
 */
function dice(total: number, phrasing: readonly number[], phrasingMass: number): number {
  let shared = 0;
  let any = false;
  for (let i = 0; i < phrasing.length; i++) {
    const id = phrasing[i]!;
    if (stampById[id] !== stamp) continue;
    shared += weightById[id]!;
    any = true;
  }
  if (!any) return 0;
  const denominator = total + phrasingMass;
  return denominator === 0 ? 0 : (2 * shared) / denominator;
}

/**
 * Turns raw BM25 hits into comparable evidence. BM25 orders well within one message but its
 * scale changes with the message, so confidence (confidence.ts) also looks at the absolute parts
 * (coverage and phrasing overlap); the order uses all four. The index keeps the phrasing masses
 * between messages (they change only with the articles).
 */
export function scoreHits(hits: KeywordHit[], queryTerms: string[], stats: TermStats): KeywordEvidence[] {
  const weights = new Map<string, number>();
  for (const term of queryTerms) weights.set(term, stats.idf(term));
  let total = 0;
  for (const w of weights.values()) total += w;
  if (total === 0 || hits.length === 0) return [];
  let maxArticle = 1e-9;
  let maxPhrasing = 1e-9;
  for (const h of hits) {
    maxArticle = Math.max(maxArticle, h.articleBm25);
    maxPhrasing = Math.max(maxPhrasing, h.phrasingBm25);
  }
  const out: KeywordEvidence[] = [];
  // The message's distinct terms and their weights, in first-occurrence order (the order the
  // sums below have always run in).
  const messageTerms = [...weights.keys()];
  const messageWeights = [...weights.values()];
  // The message terms some phrasing uses, by term id, for the Dice walk.
  const sharedIds: number[] = [];
  const sharedWeights: number[] = [];
  messageTerms.forEach((term, t) => {
    const id = stats.termIdOf(term);
    if (id === undefined) return;
    sharedIds.push(id);
    sharedWeights.push(messageWeights[t]!);
  });
  setMessageWeights(sharedIds, sharedWeights);
  const sharing: number[] = [];
  // Which phrasings are in `sharing` already, by the hit they were marked for: no clearing.
  let marks = new Int32Array(64);
  let hitStamp = 0;
  for (const hit of hits) {
    const terms = stats.termsOf(hit.articleId);
    if (!terms) continue;
    // IDF mass of the message terms the article has, and how many they are.
    let mass = 0;
    let matched = 0;
    for (let t = 0; t < messageTerms.length; t++) {
      if (!terms.all.has(messageTerms[t]!)) continue;
      mass += messageWeights[t]!;
      matched += 1;
    }
    const coverage = mass / total;
    // Only a phrasing sharing a word with the message can beat 0; the maximum is the same in
    // any order.
    let phrasing = 0;
    const masses = stats.phrasingMassesOf(terms);
    sharing.length = 0;
    hitStamp += 1;
    if (marks.length < terms.phrasings.length) marks = new Int32Array(2 * terms.phrasings.length);
    for (const term of messageTerms) {
      const holding = terms.phrasingsWith.get(term);
      if (!holding) continue;
      for (const i of holding) {
        if (marks[i] === hitStamp) continue;
        marks[i] = hitStamp;
        sharing.push(i);
      }
    }
    for (const i of sharing) phrasing = Math.max(phrasing, dice(total, terms.phrasings[i]!, masses[i]!));
    const articleBm25 = hit.articleBm25 / maxArticle;
    const phrasingBm25 = hit.phrasingBm25 / maxPhrasing;
    const w = RELEVANCE_WEIGHTS;
    out.push({
      articleId: hit.articleId,
      articleBm25,
      phrasingBm25,
      coverage,
      phrasing,
      matched,
      relevance:
        w.articleBm25 * articleBm25 +
        w.phrasingBm25 * phrasingBm25 +
        w.coverage * coverage +
        w.phrasing * phrasing,
    });
  }
  return out.sort((a, b) => b.relevance - a.relevance);
}

/**
 * The section whose words cover most of the message, a word in its heading counting twice (the
 * heading says what the section is for: "Moving to a new phone"); ties go to the earliest section.
 * The lead section's "heading" is the article title, which every question about the article
 * matches, so only its body counts.
 */
export function bestSection(terms: ArticleTerms, queryTerms: string[], idf: (t: string) => number): string {
  let best = terms.sections[0]?.sectionId ?? `${terms.articleId}#0`;
  let bestScore = -1;
  const distinct = [...new Set(queryTerms)];
  for (const section of terms.sections) {
    let score = 0;
    for (const term of distinct) {
      if (section.heading.has(term)) score += 2 * idf(term);
      else if (section.body.has(term)) score += idf(term);
    }
    if (score > bestScore) {
      best = section.sectionId;
      bestScore = score;
    }
  }
  return best;
}
