import type { App } from '@slack/bolt';
import { errorMessage } from '../../../src/index.js';
import { agentTurn } from '../agent-turn.js';
import { isQueueChannel, SLACK, type SlackDeps } from '../deps.js';
import { employeeTurn } from '../employee-turn.js';
import { mentions, normalizeInbound } from '../normalize.js';
import { ephemeral } from '../slack-calls.js';
import { slackId, slackTs, str, type MessageLike } from './shapes.js';

/** Message subtypes that are still a person writing; edits, joins and bot posts are not. */
const WRITTEN = new Set(['file_share', 'thread_broadcast']);

/** An internal note in a ticket thread starts with `note:`. */
const NOTE = /^\s*note:\s*/i;

/**
 * `message` events: a direct message from an employee (answered in its thread), an agent writing
 * in a ticket card's thread (relayed to the employee, or an internal note), or an employee
 * following up in a channel thread where the bot answered their mention.
 */
export function onMessage(app: App, deps: () => SlackDeps): void {
  app.event('message', async ({ event, context }) => {
    const d = deps();
    const m = event as MessageLike;
    const subtype = str(m.subtype);
    const user = slackId(m.user);
    const channel = slackId(m.channel);
    const ts = slackTs(m.ts);
    if ((subtype && !WRITTEN.has(subtype)) || m.bot_id || !user || !channel || !ts) return;
    if (user === d.botUserId) return;
    const raw = str(m.text) ?? '';
    const threadTs = slackTs(m.thread_ts);
    const retryNum = typeof context.retryNum === 'number' ? context.retryNum : undefined;
    try {
      if (m.channel_type === 'im') {
        await employeeTurn(d, {
          userId: user,
          channel,
          threadTs: threadTs ?? ts,
          messageId: ts,
          text: normalizeInbound(raw, d.botUserId),
          reactTo: ts,
          ...(retryNum !== undefined ? { retryNum } : {}),
        });
        return;
      }
      if (!threadTs) return;
      const ticketId = isQueueChannel(d.config, channel)
        ? d.state.ticketOfThread(channel, threadTs)
        : undefined;
      if (ticketId) {
        await agentInThread(d, {
          user,
          channel,
          threadTs,
          ts,
          ticketId,
          text: normalizeInbound(raw, d.botUserId),
        });
        return;
      }
      // A follow-up without a mention in a thread the bot answered for this employee.
      if (d.state.mentionThreadUser(channel, threadTs) === user && !mentions(raw, d.botUserId)) {
        await employeeTurn(d, {
          userId: user,
          channel,
          threadTs,
          messageId: ts,
          text: normalizeInbound(raw, d.botUserId),
          reactTo: ts,
          ...(retryNum !== undefined ? { retryNum } : {}),
        });
      }
    } catch (error) {
      d.logger.error({ err: errorMessage(error) }, 'slack message event failed');
    }
  });
}

/** An agent's words in a card's thread: a reply to the employee, or with `note:` an internal note. */
async function agentInThread(
  d: SlackDeps,
  m: { user: string; channel: string; threadTs: string; ts: string; ticketId: string; text: string },
): Promise<void> {
  const isNote = NOTE.test(m.text);
  const text = isNote ? m.text.replace(NOTE, '') : m.text;
  const agentName = await d.people.name(m.user);
  const base = {
    agentId: `${SLACK}:${m.user}`,
    ...(agentName ? { agentName } : {}),
    channel: SLACK,
    messageId: m.ts,
    ticketId: m.ticketId,
    text,
  };
  const result = await agentTurn(
    d,
    isNote ? { ...base, kind: 'note' } : { ...base, kind: 'reply' },
    (message) => ephemeral(d.client, m.channel, m.user, message, m.threadTs),
    { quietOnSuccess: true },
  );
  if (result && result.kind !== 'duplicate') {
    // A quiet receipt on the agent's message: relayed (or kept as a note).
    await d.client.reactions
      .add({ channel: m.channel, timestamp: m.ts, name: isNote ? 'memo' : 'incoming_envelope' })
      .catch(() => undefined);
  }
}
