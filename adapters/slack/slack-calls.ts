import type { SlackMessage } from './blocks/kit.js';
import type { SlackClient } from './deps.js';
import { toDeliveryError } from './web-errors.js';

/**
 * The few Web API calls the adapter makes, each turning Slack's refusal into the outbox's
 * language (`deliveryRefused`), so a notifier only has to let the error through.
 */

/** Posts a message (in a thread when `threadTs` is given) and returns its `ts`. */
export async function post(
  client: SlackClient,
  channel: string,
  message: SlackMessage,
  threadTs?: string,
): Promise<string> {
  try {
    const res = await client.chat.postMessage({
      channel,
      text: message.text,
      ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    return String(res.ts ?? '');
  } catch (error) {
    throw toDeliveryError(error, `chat.postMessage to ${channel}`);
  }
}

/** Replaces a message's text and blocks (the ticket card on every queue event). */
export async function update(
  client: SlackClient,
  channel: string,
  ts: string,
  message: SlackMessage,
): Promise<void> {
  try {
    await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  } catch (error) {
    throw toDeliveryError(error, `chat.update in ${channel}`);
  }
}

/** A message only `user` sees (refusals, confirmations); failures are the caller's to ignore. */
export async function ephemeral(
  client: SlackClient,
  channel: string,
  user: string,
  message: SlackMessage,
  threadTs?: string,
): Promise<void> {
  await client.chat.postEphemeral({
    channel,
    user,
    text: message.text,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

/** Plain mrkdwn text as a message without blocks. */
export function textMessage(text: string): SlackMessage {
  return { text: text.length > 3900 ? `${text.slice(0, 3899)}…` : text, blocks: [] };
}
