import { ActionIds } from '../actions.js';
import { LANGUAGES_SPOKEN, messages } from '../messages.js';
import { closeQuestion } from '../questions.js';
import type { Turn } from '../turn.js';
import { talkToPerson } from './article-view.js';

/** Greetings, thanks, cancel, nonsense and stale buttons: short answers that keep the state sane. */

export function greet(turn: Turn): void {
  turn.text(turn.t.greeting);
}

/** "Thanks": a short "you're welcome"; the state is kept (feedback may still come). */
export function thank(turn: Turn): void {
  turn.text(turn.t.thanks);
}

/** An empty message (or only invisible characters): ask for a description. */
export function askForText(turn: Turn): void {
  turn.text(turn.t.empty);
}

/** "Cancel": drop the current question and any pending options; the bot starts afresh. */
export function cancel(turn: Turn): void {
  closeQuestion(turn);
  const { ratingTicketId } = turn.conversation.context;
  turn.conversation = {
    ...turn.conversation,
    state: 'bot',
    context: ratingTicketId === undefined ? {} : { ratingTicketId },
  };
  turn.text(turn.t.cancelled);
}

/** A button from an earlier state (pressed twice, or after the conversation moved on). */
export function staleAction(turn: Turn): void {
  turn.notice('stale-action', turn.t.staleAction);
}

/** The same problem again right after an answer: no second try, a person at once. */
export function sameProblem(turn: Turn): void {
  turn.conversation = { ...turn.conversation, state: 'bot' };
  turn.choices(turn.t.sameProblem, [talkToPerson(turn)], 'handoff');
}

/**
 * A message in a language the bot does not speak: which languages it speaks, in each of them
 * (it cannot know which one the employee reads), and a person.
 */
export function foreign(turn: Turn): void {
  const label = `${messages('en').talkToPerson} / ${messages('ru').talkToPerson}`;
  turn.choices(LANGUAGES_SPOKEN, [{ id: ActionIds.handoffRequest, label }], 'decline');
}
