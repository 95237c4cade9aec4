import type { Article } from '../../kb/types.js';
import type { RetrievalDecision } from '../../retrieval/types.js';
import { setOutcome } from '../questions.js';
import { nextSection } from '../sections.js';
import type { Turn } from '../turn.js';
import { offerFollowUp, usable } from './answer.js';
import { offerHandoff, showArticle } from './article-view.js';

/**
 * "Did this solve it?" Yes closes the question as a confirmed deflection. No moves on: first to
 * the article's other sections that fit the question, then to an article about the same problem,
 * never to an unrelated one; after `MAX_MISSES` "No"s, to a person.
 */

/** "No"s to one question after which the bot stops guessing and offers a person. */
export const MAX_MISSES = 2;

/**
 * A tag is "about the same problem" when few articles of the language carry it: `vpn` or
 * `printing` tell a problem, `network` or `security` only a field.
 */
function rareTags(turn: Turn, article: Article): Set<string> {
  const all = turn.ctx.articles.listArticles?.().filter((a) => a.lang === article.lang);
  if (!all) return new Set(article.tags);
  const limit = Math.max(2, Math.ceil(all.length / 10));
  return new Set(article.tags.filter((tag) => all.filter((a) => a.tags.includes(tag)).length <= limit));
}

/**
 * Whether a candidate shares a problem-telling tag with the article just shown; the shown
 * article's rare tags are worked out once, for all the candidates asked about.
 */
export function sameProblemAs(turn: Turn, shown: Article): (candidateId: string) => boolean {
  const tags = rareTags(turn, shown);
  return (candidateId) => turn.ctx.articles.getArticle(candidateId)?.tags.some((t) => tags.has(t)) ?? false;
}

export function takeFeedback(turn: Turn, solved: boolean, next: RetrievalDecision | undefined): void {
  const context = turn.conversation.context;
  if (solved) {
    setOutcome(turn, 'confirmed');
    turn.conversation = { ...turn.conversation, state: 'resolved' };
    if (!offerFollowUp(turn)) turn.text(turn.t.confirmed);
    return;
  }
  setOutcome(turn, 'declined');
  const misses = (context.misses ?? 0) + 1;
  turn.conversation = { ...turn.conversation, context: { ...context, misses } };
  const tried = context.tried ?? [];
  const shown = turn.ctx.articles.getArticle(tried[tried.length - 1] ?? '');
  const limit = Math.min(MAX_MISSES, turn.ctx.config.conversation.maxArticlesTried);
  if (misses >= limit || !shown) {
    offerHandoff(turn, turn.t.nothingMore, 'handoff');
    return;
  }
  const section = nextSection(shown, context.question ?? '', context.shownSections ?? []);
  if (section) {
    turn.text(turn.t.nextSection);
    showArticle(turn, shown.id, { section }, { offerPerson: true });
    return;
  }
  const sameProblem = sameProblemAs(turn, shown);
  const related = (next ? usable(turn, next.candidates, tried) : []).find((c) => sameProblem(c.articleId));
  if (!related) {
    offerHandoff(turn, turn.t.nothingMore, 'handoff');
    return;
  }
  turn.text(turn.t.nextCandidate);
  showArticle(turn, related.articleId, { sectionId: related.sectionId }, { offerPerson: true });
}
