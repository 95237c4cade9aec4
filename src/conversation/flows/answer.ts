import { assessPriority } from '../../handoff/priority.js';
import type { Candidate, RetrievalDecision } from '../../retrieval/types.js';
import { isVague } from '../../text/message-scope.js';
import { ActionIds } from '../actions.js';
import { setOutcome, startQuestion } from '../questions.js';
import type { Turn } from '../turn.js';
import type { Choice } from '../types.js';
import { offerHandoff, showArticle, talkToPerson } from './article-view.js';
import { askBack } from './ask-back.js';
import { subjectOptions } from './options.js';

/**
 * The bot's own work: answer a question from the KB, ask which article fits (or, for a message
 * that does not say what is wrong, which area), take "Did this solve it?" and move on to the
 * article's other sections, a related article or a person.
 */

/** Candidates whose article is still in the KB (it may have been edited away since indexing). */
export function usable(
  turn: Turn,
  candidates: readonly Candidate[],
  exclude: readonly string[] = [],
): Candidate[] {
  return candidates.filter(
    (c) => !exclude.includes(c.articleId) && turn.ctx.articles.getArticle(c.articleId),
  );
}

/**
 * "Which one is closest?" with the articles retrieval found close enough (at most three), "None
 * of these" and, when urgent, a person; "Is this your problem?" when only one is close enough.
 */
export function clarify(turn: Turn, candidates: Candidate[], offerPerson: boolean): void {
  const options = candidates
    .slice(0, 3)
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
  turn.choices(single ? turn.t.clarifyOnePrompt : turn.t.clarifyPrompt, choices, 'clarify');
}

/** Security incidents, lost devices, many people affected: offer a person alongside any answer. */
function isUrgent(turn: Turn, text: string, candidates: Candidate[]): boolean {
  const tags = candidates.slice(0, 1).flatMap((c) => turn.ctx.articles.getArticle(c.articleId)?.tags ?? []);
  return assessPriority([text], tags).priority === 'high';
}

/**
 * A new question: answer, clarify, ask back or decline from the retrieval decision. An angry
 * message the KB has nothing for ("this is useless!") is not a new question: the person is
 * offered for the question already on the table, which then becomes the ticket's subject.
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
    offerHandoff(turn, turn.t.frustrated, 'handoff');
    return;
  }
  startQuestion(turn, text, topicStart);
  if (!decision) {
    turn.notice('error', turn.t.error, 'warning');
    offerHandoff(turn, turn.t.declined);
    return;
  }
  if (decision.kind !== 'answer' && isVague(text)) {
    askBack(turn);
    return;
  }
  const offered = decision.kind === 'clarify' ? subjectOptions(turn, text, candidates, decision.options) : [];
  if (!found || !top || (decision.kind === 'clarify' && offered.length === 0)) {
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
    showArticle(
      turn,
      top.articleId,
      { sectionId: top.sectionId },
      { offerPerson: frustrated || urgent, urgent: urgent && !frustrated },
    );
  } else {
    clarify(turn, offered, frustrated || urgent);
  }
}

/**
 * Once a question is solved, the next further problem its message stated ("vpn drops and outlook
 * is slow"), as a one-option choice: its article or "Not now". False when there is none left.
 */
export function offerFollowUp(turn: Turn): boolean {
  const [next, ...rest] = turn.conversation.context.followUps ?? [];
  if (!next) return false;
  const context = { ...turn.conversation.context, options: [next], followUps: rest };
  turn.conversation = { ...turn.conversation, state: 'clarifying', context };
  turn.choices(
    turn.t.followUpPrompt,
    [
      { id: ActionIds.clarify(next.articleId), label: next.title },
      { id: ActionIds.clarifyNone, label: turn.t.notNow },
    ],
    'clarify',
  );
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
  showArticle(turn, option.articleId, { sectionId: option.sectionId }, { offerPerson: false });
}
