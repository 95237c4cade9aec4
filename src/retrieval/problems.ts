import type { FollowUp, RetrievalDecision } from './types.js';

/** Most further problems of one message the bot keeps to come back to. */
export const MAX_FOLLOW_UPS = 2;

/** One part of a message searched on its own. */
export interface PartDecision<T> {
  /** The part's text, as the user typed it. */
  text: string;
  decision: RetrievalDecision;
  /** Whatever the caller keeps beside the decision (the full ranking, for `eval`). */
  detail: T;
}

/**
 * Reads a message that may state several problems. A split counts only when at least two parts
 * are each answered, confidently and on their own, by different articles: "vpn drops and outlook
 * is slow" has two problems, "printer and scanner not working" one.
 * - When the whole message is answered by one of those articles, that answer stands and the
 *   other parts become follow-ups (the bot offers them once the first is solved).
 * - When the whole message is answered by an article no part finds, the parts are not problems
 *   of their own: the whole answer stands alone.
 * - When the whole message is not answered (its evidence is split between two topics), the first
 *   part's answer is given and the later parts become follow-ups.
 * Returns the chosen decision (with `followUps`, and `problem`: the part it answers) and whose
 * detail goes with it.
 */
export function combineProblems<T>(
  whole: { decision: RetrievalDecision; detail: T },
  parts: readonly PartDecision<T>[],
): { decision: RetrievalDecision; detail: T } {
  const answered: PartDecision<T>[] = [];
  for (const part of parts) {
    const id = part.decision.kind === 'answer' ? part.decision.candidates[0]?.articleId : undefined;
    if (id && !answered.some((a) => a.decision.candidates[0]?.articleId === id)) answered.push(part);
  }
  if (answered.length < 2) return whole;
  const wholeTop = whole.decision.kind === 'answer' ? whole.decision.candidates[0]?.articleId : undefined;
  const primary =
    wholeTop === undefined
      ? answered[0]
      : answered.find((a) => a.decision.candidates[0]?.articleId === wholeTop);
  if (!primary) return whole;
  const followUps: FollowUp[] = answered
    .filter((a) => a !== primary)
    .slice(0, MAX_FOLLOW_UPS)
    .flatMap((a) => {
      const top = a.decision.candidates[0];
      return top
        ? [{ question: a.text, articleId: top.articleId, sectionId: top.sectionId, title: top.title }]
        : [];
    });
  const chosen = wholeTop === undefined ? primary : whole;
  return { decision: { ...chosen.decision, followUps, problem: primary.text }, detail: chosen.detail };
}
