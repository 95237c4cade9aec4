import type { CLARIFY_MODEL, CONFIDENCE_MODEL } from '../confidence.js';
import { candidateScore, decideOnRanking, type decide, type Thresholds } from '../decide.js';
import { DEFAULT_DENSE_FUSION, type DenseFusion } from '../fusion.js';
import { MAX_CANDIDATES, type RankedCandidate } from '../retriever.js';

/**
 * The decision the retriever would make on `ranked` with other confidence models or thresholds:
 * a ranking's features do not depend on them, so fitting and estimating replay it instead of
 * searching again. Candidates come back in the order the retriever offers them.
 */
export function replayDecision(
  ranked: readonly RankedCandidate[],
  models: { answer: typeof CONFIDENCE_MODEL; clarify: typeof CLARIFY_MODEL },
  t: Thresholds,
  fusion: DenseFusion = DEFAULT_DENSE_FUSION,
): { kind: ReturnType<typeof decide>['kind']; candidates: RankedCandidate[] } {
  const candidates = ranked
    .slice(0, MAX_CANDIDATES)
    .map((c) => ({ ...c, score: candidateScore(c.features, c.cosine, models.answer, fusion) }))
    // As the retriever orders them: by the rounded confidence, then by relevance.
    .sort((x, y) => y.score - x.score || y.relevance - x.relevance);
  return { kind: decideOnRanking(candidates, ranked[0], models.clarify, t, fusion).kind, candidates };
}
