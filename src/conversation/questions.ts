import type { Turn } from './turn.js';
import type { Question, QuestionOutcome } from './types.js';

/**
 * The life of one question: opened when the user asks something new, its outcome updated as the
 * bot answers, is confirmed, is declined or escalates. The report reads these rows.
 */
export function startQuestion(turn: Turn, text: string, topicStart: number): Question {
  closeQuestion(turn);
  const question: Question = {
    id: turn.ctx.ids.next('Q-'),
    conversationId: turn.conversation.id,
    askedAt: turn.at,
    lang: turn.lang,
    text,
    outcome: 'pending',
    articles: [],
    closedAt: undefined,
  };
  turn.ctx.stores.conversations.insertQuestion(question);
  turn.conversation = {
    ...turn.conversation,
    context: { ...turn.conversation.context, questionId: question.id, question: text, tried: [], topicStart },
  };
  delete turn.conversation.context.options;
  delete turn.conversation.context.answeredAt;
  delete turn.conversation.context.followUps;
  return question;
}

/** The open question of the conversation, if any. */
export function currentQuestion(turn: Turn): Question | undefined {
  const id = turn.conversation.context.questionId;
  return id === undefined ? undefined : turn.ctx.stores.conversations.getQuestion(id);
}

/** Records a new outcome (and the articles shown so far) on the current question. */
export function setOutcome(turn: Turn, outcome: QuestionOutcome): void {
  const question = currentQuestion(turn);
  if (!question) return;
  const closes = outcome === 'confirmed' || outcome === 'escalated';
  turn.ctx.stores.conversations.updateQuestion({
    ...question,
    outcome,
    articles: turn.conversation.context.tried ?? question.articles,
    closedAt: closes ? turn.at : question.closedAt,
  });
}

/** Closes the current question as it stands (an unconfirmed answer stays `answered`). */
export function closeQuestion(turn: Turn): void {
  const question = currentQuestion(turn);
  if (question && question.closedAt === undefined) {
    turn.ctx.stores.conversations.updateQuestion({ ...question, closedAt: turn.at });
  }
}
