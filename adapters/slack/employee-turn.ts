import { errorMessage, type IncomingMessage } from '../../src/index.js';
import { repliesMessage } from './blocks/replies.js';
import { SLACK, type SlackDeps } from './deps.js';
import { post } from './slack-calls.js';

/** After this long without an answer the employee sees the bot is on it (a reaction), by default. */
export const WORKING_AFTER_MS = 1000;

/** One employee message or button press, as Slack gave it. */
export interface EmployeeEvent {
  userId: string;
  /** The DM or channel id: the core's conversation. */
  channel: string;
  /** Thread the answer goes to (the message's own `ts` for a new one). */
  threadTs: string;
  /** Slack's id for the event: the message `ts`, or the button's `action_ts`. */
  messageId: string;
  text?: string;
  action?: string;
  /** The message to react to while working (absent for a button press). */
  reactTo?: string;
  /** Slack's retry counter: a retried event with nothing to answer settles nothing. */
  retryNum?: number;
}

/**
 * The employee side of a Slack event: into `core.handleMessage` (the core dedups by the Slack
 * id, so a retried event answers once), a reaction while it takes longer than a second, the
 * replies as one Block Kit message in the thread, and the core told whether they arrived.
 */
export async function employeeTurn(deps: SlackDeps, e: EmployeeEvent): Promise<boolean> {
  // From the employee's side the wait starts now: looking their name up is part of it.
  const working = workingIndicator(deps, e.channel, e.reactTo);
  let userName: string | undefined;
  let locale: string | undefined;
  try {
    [userName, locale] = await Promise.all([deps.people.name(e.userId), deps.people.locale(e.userId)]);
  } catch (error) {
    await working.done();
    throw error;
  }
  const incoming: IncomingMessage = {
    channel: SLACK,
    userId: e.userId,
    ...(userName ? { userName } : {}),
    conversationId: e.channel,
    threadId: e.threadTs,
    ...(e.text !== undefined ? { text: e.text } : {}),
    ...(e.action !== undefined ? { action: e.action } : {}),
    ...(locale ? { locale } : {}),
    messageId: e.messageId,
  };
  let replies;
  try {
    replies = await deps.core.handleMessage(incoming);
  } catch (error) {
    deps.logger.error({ err: errorMessage(error), channel: e.channel }, 'slack message not handled');
    return false;
  } finally {
    await working.done();
  }
  const ref = { channel: SLACK, conversationId: e.channel, messageId: e.messageId };
  if (replies.length === 0) {
    // A retry of a message being answered must not settle the first attempt's replies.
    if (!e.retryNum) deps.core.reportReplies(ref, true);
    return false;
  }
  let delivered = false;
  try {
    await post(deps.client, e.channel, repliesMessage(replies, deps.publicUrl), e.threadTs);
    delivered = true;
  } catch (error) {
    deps.logger.warn(
      { err: errorMessage(error), channel: e.channel },
      'slack answer not posted; the outbox retries it',
    );
  }
  deps.core.reportReplies(ref, delivered);
  return true;
}

/** An `eyes` reaction on the message once the turn takes longer than a second, removed at the end. */
function workingIndicator(deps: SlackDeps, channel: string, ts: string | undefined) {
  let added: Promise<boolean> | undefined;
  const timer = ts
    ? setTimeout(() => {
        added = deps.client.reactions
          .add({ channel, timestamp: ts, name: 'eyes' })
          .then(() => true)
          .catch(() => false);
      }, deps.workingAfterMs)
    : undefined;
  timer?.unref();
  return {
    async done() {
      clearTimeout(timer);
      if (ts && added && (await added)) {
        await deps.client.reactions.remove({ channel, timestamp: ts, name: 'eyes' }).catch(() => undefined);
      }
    },
  };
}
