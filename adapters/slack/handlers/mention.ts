import type { App } from '@slack/bolt';
import { errorMessage } from '../../../src/index.js';
import { isQueueChannel, type SlackDeps } from '../deps.js';
import { employeeTurn } from '../employee-turn.js';
import { normalizeInbound } from '../normalize.js';
import { slackId, slackTs, str, type MessageLike } from './shapes.js';

/**
 * `app_mention`: an employee asks in a channel; the answer goes in the message's thread, and
 * later messages of that employee in the thread need no mention. Mentions in a ticket thread
 * are the agents' (the message handler has them).
 */
export function onMention(app: App, deps: () => SlackDeps): void {
  app.event('app_mention', async ({ event, context }) => {
    const d = deps();
    const m = event as MessageLike;
    const user = slackId(m.user);
    const channel = slackId(m.channel);
    const ts = slackTs(m.ts);
    if (m.bot_id || !user || !channel || !ts || user === d.botUserId) return;
    const threadTs = slackTs(m.thread_ts) ?? ts;
    if (isQueueChannel(d.config, channel) && d.state.ticketOfThread(channel, threadTs)) return;
    try {
      d.state.rememberMentionThread(channel, threadTs, user);
      await employeeTurn(d, {
        userId: user,
        channel,
        threadTs,
        messageId: ts,
        text: normalizeInbound(str(m.text) ?? '', d.botUserId),
        reactTo: ts,
        ...(typeof context.retryNum === 'number' ? { retryNum: context.retryNum } : {}),
      });
    } catch (error) {
      d.logger.error({ err: errorMessage(error) }, 'slack mention failed');
    }
  });
}
