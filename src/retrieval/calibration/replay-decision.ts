import {
  clarifyConfidence,
  keywordConfidence,
  roundScore,
  type CLARIFY_MODEL,
  type CONFIDENCE_MODEL,
} from '../confidence.js';
import { decide, type Thresholds } from '../decide.js';
import { DEFAULT_DENSE_FUSION, fuseConfidence, type DenseFusion } from '../fusion.js';
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
    .map((c) => ({
      ...c,
      score: roundScore(fuseConfidence(keywordConfidence(c.features, models.answer), c.cosine, fusion)),
    }))
    // As the retriever orders them: by the rounded confidence, then by relevance.
    .sort((x, y) => y.score - x.score || y.relevance - x.relevance);
  const group = fuseConfidence(
    clarifyConfidence(ranked[0]?.features, t.clarifyThreshold, models.clarify),
    ranked[0]?.cosine,
    fusion,
  );
  return { kind: decide(candidates, t, group).kind, candidates };
}
