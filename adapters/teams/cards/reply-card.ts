import { capLabel, type Reply } from '../../../src/index.js';
import { adaptiveCard, submit, textBlock, type AdaptiveCard, type CardElement } from './adaptive.js';
import { clip, escapeMarkdown, markupToBlocks } from './text.js';

/** Teams cuts button titles on a phone at about this many characters. */
export const TEAMS_LABEL_MAX = 40;

/** Teams shows at most this many buttons in one row of actions; more go into a second set. */
const ACTIONS_PER_SET = 5;

function replyElements(reply: Reply): CardElement[] {
  switch (reply.type) {
    case 'text':
      return markupToBlocks(reply.text).map((t) => textBlock(t));
    case 'article': {
      const title = textBlock(escapeMarkdown(clip(reply.title, 300)), { weight: 'Bolder', size: 'Medium' });
      const section =
        reply.sectionHeading && reply.sectionHeading !== reply.title
          ? [textBlock(escapeMarkdown(clip(reply.sectionHeading, 300)), { isSubtle: true, spacing: 'Small' })]
          : [];
      return [title, ...section, ...markupToBlocks(reply.steps).map((t) => textBlock(t))];
    }
    case 'choices': {
      const sets: CardElement[] = [];
      for (let i = 0; i < reply.choices.length; i += ACTIONS_PER_SET) {
        sets.push({
          type: 'ActionSet',
          actions: reply.choices
            .slice(i, i + ACTIONS_PER_SET)
            .map((c) => submit(capLabel(c.label, TEAMS_LABEL_MAX), c.id)),
        });
      }
      return [...markupToBlocks(reply.prompt).map((t) => textBlock(t)), ...sets];
    }
    case 'notice': {
      const color = reply.level === 'warning' ? ('Warning' as const) : undefined;
      return markupToBlocks(reply.text).map((t) => textBlock(t, color ? { color } : { isSubtle: true }));
    }
    case 'agent-message':
      return [
        textBlock(`**${escapeMarkdown(capLabel(reply.agentName, 120))}**`, { spacing: 'Medium' }),
        ...markupToBlocks(reply.text).map((t) => textBlock(t)),
      ];
  }
}

/**
 * The core's replies to one message as one Adaptive Card: one activity per turn, so a retried
 * delivery is all or nothing. Buttons (feedback, clarify options, talk to a person, rating) sit
 * where their prompt is, each posting `{action: choiceId}` back.
 */
export function repliesCard(replies: readonly Reply[]): AdaptiveCard {
  const body: CardElement[] = [];
  for (const reply of replies) {
    const elements = replyElements(reply);
    if (elements.length === 0) continue;
    if (body.length > 0) {
      const [first, ...rest] = elements;
      body.push(
        first?.type === 'TextBlock' ? { ...first, separator: true } : (first as CardElement),
        ...rest,
      );
    } else body.push(...elements);
  }
  return adaptiveCard(body);
}

/** A card of one plain line (an agent's confirmation, an error): the text is shown as typed. */
export function plainCard(text: string, color?: 'Attention' | 'Good'): AdaptiveCard {
  const lines = clip(text)
    .split('\n')
    .filter((l) => l.trim() !== '');
  return adaptiveCard(lines.map((l) => textBlock(escapeMarkdown(l), color ? { color } : {})));
}
