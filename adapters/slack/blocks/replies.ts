import { inlineToPlain, parseInline, type Reply } from '../../../src/index.js';
import { absoluteUrl, clip, escapeMrkdwn, markupToMrkdwn } from '../mrkdwn.js';
import {
  actions,
  button,
  capBlocks,
  context,
  LIMITS,
  sections,
  type SlackBlock,
  type SlackMessage,
} from './kit.js';

/** Prefix of the action ids of the employee's buttons; the `value` carries the core's `Choice.id`. */
export const CHOICE_ACTION_PREFIX = 'hd:choice:';

/** The employee's button action id: unique in the message, as Slack requires. */
export function choiceActionId(reply: number, choice: number): string {
  return `${CHOICE_ACTION_PREFIX}${reply}:${choice}`;
}

function replyBlocks(reply: Reply, index: number, publicUrl: string | undefined): SlackBlock[] {
  switch (reply.type) {
    case 'text':
      return sections(markupToMrkdwn(reply.text, publicUrl));
    case 'notice':
      return sections(
        `${reply.level === 'warning' ? ':warning: ' : ''}${markupToMrkdwn(reply.text, publicUrl)}`,
      );
    case 'agent-message':
      return [
        context(`:bust_in_silhouette: *${escapeMrkdwn(clip(reply.agentName, 120))}*`),
        ...sections(markupToMrkdwn(reply.text, publicUrl)),
      ];
    case 'article': {
      const url = absoluteUrl(reply.url, publicUrl);
      const title = escapeMrkdwn(reply.title);
      const heading =
        reply.sectionHeading && reply.sectionHeading !== reply.title
          ? [context(escapeMrkdwn(reply.sectionHeading))]
          : [];
      return [
        ...sections(
          url
            ? `:page_facing_up: *<${url.replace(/[|<>\s]/g, encodeURIComponent)}|${title.replace(/\|/g, '¦')}>*`
            : `:page_facing_up: *${title}*`,
        ),
        ...heading,
        ...sections(markupToMrkdwn(reply.steps, publicUrl)),
      ];
    }
    case 'choices':
      return [
        ...sections(markupToMrkdwn(reply.prompt, publicUrl)),
        ...actions(
          reply.choices.map((c, i) =>
            button(choiceActionId(index, i), c.label, c.id, c.id === 'feedback:yes' ? 'primary' : undefined),
          ),
        ),
      ];
  }
}

/** One line of plain text for a reply: the notification and the fallback of clients without blocks. */
export function replyPlain(reply: Reply): string {
  const plain = (markup: string) => inlineToPlain(parseInline(markup.replace(/\s+/g, ' ')));
  switch (reply.type) {
    case 'text':
    case 'notice':
      return plain(reply.text);
    case 'agent-message':
      return `${reply.agentName}: ${plain(reply.text)}`;
    case 'article':
      return reply.title;
    case 'choices':
      return plain(reply.prompt);
  }
}

/**
 * A turn's replies as one Slack message: article answers with their steps and link, buttons
 * whose `value` is the core's choice id, notices and agent messages. Text is escaped mrkdwn.
 */
export function repliesMessage(replies: readonly Reply[], publicUrl?: string): SlackMessage {
  const blocks = replies.flatMap((r, i) => replyBlocks(r, i, publicUrl));
  const text = escapeMrkdwn(clip(replies.map(replyPlain).join('\n'), LIMITS.fallback));
  return { text: text || ' ', blocks: capBlocks(blocks) };
}

/**
 * The pressed message once answered: its buttons replaced by what was chosen, so that an old
 * question cannot be answered twice by accident (the core would call it stale anyway).
 */
export function answeredBlocks(blocks: readonly SlackBlock[], chosenLabel: string): SlackBlock[] {
  const kept = blocks.filter((b) => b.type !== 'actions');
  return [...kept, context(`:white_check_mark: ${escapeMrkdwn(clip(chosenLabel, 200))}`)];
}
