import type { types } from '@slack/bolt';
import { capLabel } from '../../../src/index.js';
import { chunkText, clip } from '../mrkdwn.js';

/** A Block Kit block, as `chat.postMessage` and `views.publish` take it. */
export type SlackBlock = types.KnownBlock;

/** What one Slack message is made of: the notification text and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's limits: blocks per message, elements per actions block, characters per label. */
export const LIMITS = {
  blocks: 50,
  actions: 25,
  label: 75,
  header: 150,
  fallback: 3000,
  field: 1900,
} as const;

/** Section blocks for mrkdwn of any length (one section holds at most 3000 characters). */
export function sections(mrkdwn: string): SlackBlock[] {
  if (mrkdwn.trim() === '') return [];
  return chunkText(mrkdwn).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

/** A context line (small grey text). */
export function context(mrkdwn: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(mrkdwn, LIMITS.fallback) }] };
}

/**
 * Text for a `plain_text` field. Slack never parses it, but `<` and `>` are still swapped for
 * look-alikes so that no `<!channel>` is ever sent to Slack, even where it would be inert.
 */
export function plain(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** A button: the label is plain text (never markup) cut to Slack's 75 characters. */
export function button(
  actionId: string,
  label: string,
  value: string,
  style?: 'primary' | 'danger',
): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: plain(capLabel(label, LIMITS.label)) || '…', emoji: true },
    value,
    ...(style ? { style } : {}),
  };
}

/** Buttons in actions blocks of at most 25 each. */
export function actions(buttons: types.Button[], blockId?: string): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actions) {
    out.push({
      type: 'actions',
      ...(blockId ? { block_id: out.length === 0 ? blockId : `${blockId}:${out.length}` } : {}),
      elements: buttons.slice(i, i + LIMITS.actions),
    });
  }
  return out;
}

/** At most Slack's 50 blocks: the last ones (buttons) matter most, so the middle is cut. */
export function capBlocks(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const tail = blocks.slice(-10);
  return [...blocks.slice(0, LIMITS.blocks - tail.length - 1), context('…'), ...tail];
}
