import { assessPriority } from '../../handoff/priority.js';
import type { Candidate, RetrievalDecision } from '../../retrieval/types.js';
import { ActionIds } from '../actions.js';
import { setOutcome, startQuestion } from '../questions.js';
import { renderArticle } from '../render.js';
import type { Turn } from '../turn.js';
import type { Choice } from '../types.js';

/**
 * The bot's own work: answer a question from the KB, ask which article fits, take "Did this
 * solve it?" and move on to the next candidate or a person.
 */

/** Candidates whose article is still in the KB (it may have been edited away since indexing). */
function usable(turn: Turn, candidates: readonly Candidate[], exclude: readonly string[] = []): Candidate[] {
  return candidates.filter(
    (c) => !exclude.includes(c.articleId) && turn.ctx.articles.getArticle(c.articleId),
  );
}

function talkToPerson(turn: Turn): Choice {
  return { id: ActionIds.handoffRequest, label: turn.t.talkToPerson };
}

/** "Sorry, nothing fits" with the handoff button; the conversation goes back to plain bot mode. */
export function offerHandoff(turn: Turn, text: string): void {
  turn.choices(text, [talkToPerson(turn)]);
  const context = { ...turn.conversation.context };
  delete context.options;
  turn.conversation = { ...turn.conversation, state: 'bot', context };
}

/** Shows one article and asks whether it solved the problem. */
export function showArticle(
  turn: Turn,
  articleId: string,
  sectionId: string | undefined,
  options: { offerPerson: boolean; urgent?: boolean },
): void {
  const article = turn.ctx.articles.getArticle(articleId);
  if (!article) {
    offerHandoff(turn, turn.t.declined);
    return;
  }
  const context = { ...turn.conversation.context };
  context.tried = [...(context.tried ?? []).filter((id) => id !== articleId), articleId];
  context.answeredAt = turn.at;
  delete context.options;
  turn.conversation = { ...turn.conversation, state: 'awaiting-feedback', context };
  setOutcome(turn, 'answered');

  turn.say(renderArticle(article, sectionId, turn.ctx.config.kb.baseUrl));
  const offerPerson = options.offerPerson || article.escalate;
  if (article.escalate) turn.text(turn.t.escalateArticle);
  else if (options.urgent) turn.text(turn.t.urgent);
  const choices: Choice[] = [
    { id: ActionIds.feedbackYes, label: turn.t.yes },
    { id: ActionIds.feedbackNo, label: turn.t.no },
  ];
  if (offerPerson) choices.push(talkToPerson(turn));
  turn.choices(turn.t.feedbackPrompt, choices);
}

/**
 * "Which one is closest?" with the articles retrieval found close enough (at most three), "None
 * of these" and, when urgent, a person; "Is this your problem?" when only one is close enough.
 */
function clarify(turn: Turn, candidates: Candidate[], count: number, offerPerson: boolean): void {
  const options = candidates
    .slice(0, Math.min(3, Math.max(1, count)))
    .map((c) => ({ articleId: c.articleId, sectionId: c.sectionId, title: c.title }));
  turn.conversation = {
    ...turn.conversation,
    state: 'clarifying',
    context: { ...turn.conversation.context, options },
  };
  const choices: Choice[] = options.map((o) => ({ id: ActionIds.clarify(o.articleId), label: o.title }));
  const single = options.length === 1;
  choices.push({ id: ActionIds.clarifyNone, label: single ? turn.t.notThis : turn.t.noneOfThese });
  if (offerPerson) choices.push(talkToPerson(turn));
  turn.choices(single ? turn.t.clarifyOnePrompt : turn.t.clarifyPrompt, choices);
}

/** Security incidents, lost devices, many people affected: offer a person alongside any answer. */
function isUrgent(turn: Turn, text: string, candidates: Candidate[]): boolean {
  const tags = candidates.slice(0, 1).flatMap((c) => turn.ctx.articles.getArticle(c.articleId)?.tags ?? []);
  return assessPriority([text], tags).priority === 'high';
}

/**
 * A new question: answer, clarify or decline from the retrieval decision. An angry message the KB
 * has nothing for ("this is useless!") is not a new question: the person is offered for the
 * question already on the table, which then becomes the ticket's subject.
 */
export function answerQuestion(
  turn: Turn,
  text: string,
  topicStart: number,
  decision: RetrievalDecision | undefined,
  frustrated: boolean,
): void {
  const candidates = decision ? usable(turn, decision.candidates) : [];
  const top = candidates[0];
  const found = decision !== undefined && decision.kind !== 'decline' && top !== undefined;
  if (frustrated && !found) {
    offerHandoff(turn, turn.t.frustrated);
    return;
  }
  startQuestion(turn, text, topicStart);
  if (!decision) {
    turn.notice('error', turn.t.error, 'warning');
    offerHandoff(turn, turn.t.declined);
    return;
  }
  if (!found || !top) {
    setOutcome(turn, 'declined');
    offerHandoff(turn, turn.t.declined);
    return;
  }
  const urgent = isUrgent(turn, text, candidates);
  if (frustrated) turn.text(turn.t.frustrated);
  if (decision.kind === 'answer') {
    const followUps = (decision.followUps ?? []).filter(
      (f) => f.articleId !== top.articleId && turn.ctx.articles.getArticle(f.articleId),
    );
    if (followUps.length > 0) {
      // A "No" re-searches the problem answered, not the whole message with the others in it.
      const question = decision.problem ?? turn.conversation.context.question;
      turn.conversation = {
        ...turn.conversation,
        context: { ...turn.conversation.context, followUps, question },
      };
      turn.text(turn.t.severalProblems);
    }
    showArticle(turn, top.articleId, top.sectionId, {
      offerPerson: frustrated || urgent,
      urgent: urgent && !frustrated,
    });
  } else {
    clarify(turn, candidates, decision.options, frustrated || urgent);
  }
}

/**
 * "Did this solve it?" Yes closes the question as a confirmed deflection. No tries the next
 * candidate (retrieval re-run without the articles already shown) until MAX_ARTICLES_TRIED,
 * then offers a person.
 */
export function takeFeedback(turn: Turn, solved: boolean, next: RetrievalDecision | undefined): void {
  if (solved) {
    setOutcome(turn, 'confirmed');
    turn.conversation = { ...turn.conversation, state: 'resolved' };
    if (!offerFollowUp(turn)) turn.text(turn.t.confirmed);
    return;
  }
  setOutcome(turn, 'declined');
  const tried = turn.conversation.context.tried ?? [];
  const candidates = next && next.kind !== 'decline' ? usable(turn, next.candidates, tried) : [];
  const top = candidates[0];
  if (!next || !top || tried.length >= turn.ctx.config.conversation.maxArticlesTried) {
    offerHandoff(turn, turn.t.nothingMore);
    return;
  }
  if (next.kind === 'answer' || candidates.length === 1) {
    turn.text(turn.t.nextCandidate);
    showArticle(turn, top.articleId, top.sectionId, { offerPerson: true });
  } else {
    clarify(turn, candidates, next.options, true);
  }
}

/**
 * Once a question is solved, the next further problem its message stated ("vpn drops and outlook
 * is slow"), as a one-option choice: its article or "Not now". False when there is none left.
 */
function offerFollowUp(turn: Turn): boolean {
  const [next, ...rest] = turn.conversation.context.followUps ?? [];
  if (!next) return false;
  const context = { ...turn.conversation.context, options: [next], followUps: rest };
  turn.conversation = { ...turn.conversation, state: 'clarifying', context };
  turn.choices(turn.t.followUpPrompt, [
    { id: ActionIds.clarify(next.articleId), label: next.title },
    { id: ActionIds.clarifyNone, label: turn.t.notNow },
  ]);
  return true;
}

/**
 * A clarify option was picked (or "None of these"). A further problem picked becomes the new
 * question (its part of the message is what a "No" re-searches); the ones after it stay queued.
 */
export function pickOption(turn: Turn, articleId: string | undefined, topicStart: number): void {
  const options = turn.conversation.context.options ?? [];
  const option = options.find((o) => o.articleId === articleId);
  const followUp = options[0]?.question !== undefined;
  if (!option && followUp) {
    const context = { ...turn.conversation.context };
    delete context.options;
    delete context.followUps;
    turn.conversation = { ...turn.conversation, state: 'resolved', context };
    turn.text(turn.t.followUpSkipped);
    return;
  }
  if (!option) {
    setOutcome(turn, 'declined');
    offerHandoff(turn, turn.t.declined);
    return;
  }
  if (option.question !== undefined) {
    const later = turn.conversation.context.followUps ?? [];
    startQuestion(turn, option.question, topicStart);
    turn.conversation = { ...turn.conversation, context: { ...turn.conversation.context, followUps: later } };
  }
  showArticle(turn, option.articleId, option.sectionId, { offerPerson: false });
}
