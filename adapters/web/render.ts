import { capLabel, isSafeUrl, type Reply } from '../../src/index.js';
import { escapeHtml, markupToHtml, plainToHtml } from './html.js';
import type { NewChatEvent } from './types.js';

/** Web buttons wrap, so labels may be longer than Slack's; still capped so a page stays usable. */
export const WEB_LABEL_MAX = 80;

/** Longest agent or bot text kept in one event; the core already caps what employees type. */
export const MAX_EVENT_TEXT = 20_000;

function clip(text: string): string {
  return text.length > MAX_EVENT_TEXT ? `${text.slice(0, MAX_EVENT_TEXT)}…` : text;
}

/**
 * One core reply as a chat event: the HTML made here, on the server, from the shared markup
 * parse, so the browser never interprets text the core did not mean as markup.
 */
export function replyToEvent(reply: Reply): NewChatEvent {
  switch (reply.type) {
    case 'text':
      return { from: 'bot', kind: 'text', html: markupToHtml(clip(reply.text)) };
    case 'article': {
      const html =
        `<h3 class="article-title">${escapeHtml(reply.title)}</h3>` +
        (reply.sectionHeading && reply.sectionHeading !== reply.title
          ? `<p class="article-section">${escapeHtml(reply.sectionHeading)}</p>`
          : '') +
        `<div class="article-steps">${markupToHtml(clip(reply.steps))}</div>`;
      return {
        from: 'bot',
        kind: 'article',
        html,
        ...(isSafeUrl(reply.url) ? { articleUrl: reply.url } : {}),
      };
    }
    case 'choices':
      return {
        from: 'bot',
        kind: 'choices',
        html: markupToHtml(clip(reply.prompt)),
        choices: reply.choices.map((c) => ({ id: c.id, label: capLabel(c.label, WEB_LABEL_MAX) })),
      };
    case 'notice':
      return { from: 'bot', kind: 'notice', html: markupToHtml(clip(reply.text)), level: reply.level };
    case 'agent-message':
      return {
        from: 'agent',
        kind: 'agent-message',
        html: markupToHtml(clip(reply.text)),
        author: capLabel(reply.agentName, 120),
      };
  }
}

/** What the employee typed (or the label of the button pressed), echoed as plain escaped text. */
export function echoEvent(text: string): NewChatEvent {
  return { from: 'user', kind: 'text', html: plainToHtml(clip(text)) };
}
