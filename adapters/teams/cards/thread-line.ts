import { capLabel } from '../../../src/index.js';
import { adaptiveCard, textBlock, type AdaptiveCard } from './adaptive.js';
import { clip, escapeMarkdown, markupToBlocks } from './text.js';

/**
 * A post in a ticket's reply chain: who (in bold) and what. `markup` says whether the text is the
 * core's markup (an agent's message) or plain text shown as typed (an employee's message).
 */
export function threadLine(
  who: string,
  text: string,
  options: { markup?: boolean; subtle?: boolean } = {},
): AdaptiveCard {
  const header = textBlock(
    `**${escapeMarkdown(capLabel(who, 120))}**`,
    options.subtle ? { isSubtle: true } : {},
  );
  const body = options.markup
    ? markupToBlocks(text).map((t) => textBlock(t))
    : clip(text)
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => textBlock(escapeMarkdown(l)));
  return adaptiveCard([header, ...body]);
}
