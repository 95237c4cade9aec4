import type { Article, Section } from '../../kb/types.js';
import { ActionIds } from '../actions.js';
import { setOutcome } from '../questions.js';
import { renderSection, renderWholeArticle } from '../render.js';
import { answerSections, chooseSection } from '../sections.js';
import type { Turn } from '../turn.js';
import type { Choice } from '../types.js';

/**
 * Showing an article as an answer: the section that fits, "Did this solve it?", and buttons for
 * the article's other sections and the whole article, so that the employee can always reach the
 * part they need ("Common errors") in any channel.
 */

/** Most "other section" buttons under an answer; the whole-article button covers the rest. */
export const MAX_SECTION_BUTTONS = 4;

/** The "Talk to a person" button, wherever the bot offers a person. */
export function talkToPerson(turn: Turn): Choice {
  return { id: ActionIds.handoffRequest, label: turn.t.talkToPerson };
}

/** "Sorry, nothing fits" with the handoff button; the conversation goes back to plain bot mode. */
export function offerHandoff(turn: Turn, text: string, decision: 'decline' | 'handoff' = 'decline'): void {
  turn.choices(text, [talkToPerson(turn)], decision);
  const context = { ...turn.conversation.context };
  delete context.options;
  turn.conversation = { ...turn.conversation, state: 'bot', context };
}

/** What to show: one section (chosen for the question when not given) or the whole article. */
export type View = { section?: Section; sectionId?: string; whole?: boolean };

/** Shows one article (a section of it, or all of it) and asks whether it solved the problem. */
export function showArticle(
  turn: Turn,
  articleId: string,
  view: View,
  options: { offerPerson: boolean; urgent?: boolean },
): void {
  const article = turn.ctx.articles.getArticle(articleId);
  if (!article) {
    offerHandoff(turn, turn.t.declined);
    return;
  }
  const context = { ...turn.conversation.context };
  const tried = context.tried ?? [];
  const sameArticle = tried[tried.length - 1] === articleId;
  const section = view.whole
    ? undefined
    : (view.section ?? chooseSection(article, context.question ?? '', view.sectionId));
  const shown = sameArticle ? (context.shownSections ?? []) : [];
  context.tried = [...tried.filter((id) => id !== articleId), articleId];
  context.shownSections = section ? [...shown.filter((id) => id !== section.id), section.id] : shown;
  context.answeredAt = turn.at;
  delete context.options;
  turn.conversation = { ...turn.conversation, state: 'awaiting-feedback', context };
  setOutcome(turn, 'answered');

  const baseUrl = turn.ctx.config.kb.baseUrl;
  turn.say(section ? renderSection(article, section, baseUrl) : renderWholeArticle(article, baseUrl));
  const offerPerson = options.offerPerson || article.escalate;
  if (article.escalate) turn.text(turn.t.escalateArticle);
  else if (options.urgent) turn.text(turn.t.urgent);
  const choices: Choice[] = [
    { id: ActionIds.feedbackYes, label: turn.t.yes },
    { id: ActionIds.feedbackNo, label: turn.t.no },
  ];
  if (offerPerson) choices.push(talkToPerson(turn));
  choices.push(...articleButtons(turn, article, section));
  turn.choices(turn.t.feedbackPrompt, choices, 'answer');
}

/** The other sections of the article and the whole article, as buttons. */
function articleButtons(turn: Turn, article: Article, section: Section | undefined): Choice[] {
  const others = answerSections(article)
    .filter((s) => s.id !== section?.id)
    .slice(0, MAX_SECTION_BUTTONS)
    .map((s) => ({ id: ActionIds.section(article.id, s.index), label: s.heading }));
  return section
    ? [...others, { id: ActionIds.wholeArticle(article.id), label: turn.t.wholeArticle }]
    : others;
}

/** A section button (or "Show the whole article") pressed under an answer. */
export function showPart(turn: Turn, articleId: string, index: number | undefined): void {
  const article = turn.ctx.articles.getArticle(articleId);
  const section = index === undefined ? undefined : article?.sections.find((s) => s.index === index);
  if (!article || (index !== undefined && !section)) {
    turn.notice('stale-action', turn.t.staleAction);
    return;
  }
  const offerPerson = (turn.conversation.context.misses ?? 0) > 0;
  showArticle(turn, articleId, section ? { section } : { whole: true }, { offerPerson });
}
