import type { Outgoing } from '../proactive.js';
import { cardAttachment, type AdaptiveCard } from './adaptive.js';

/**
 * A card as a message activity. `summary` is what Teams shows in notifications and the chat list
 * instead of "sent a card"; it is plain text, never markup.
 */
export function cardMessage(card: AdaptiveCard, summary?: string): Outgoing {
  return {
    type: 'message',
    attachments: [cardAttachment(card)],
    ...(summary ? { summary: summary.replace(/\s+/g, ' ').slice(0, 200) } : {}),
  };
}
