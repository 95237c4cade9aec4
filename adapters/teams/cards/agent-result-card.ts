import {
  agentResultText,
  capLabel,
  STATUS_WORDS,
  type AgentResult,
  type Ticket,
} from '../../../src/index.js';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './adaptive.js';
import { clip, escapeMarkdown } from './text.js';

function ticketLine(t: Ticket): CardElement {
  return textBlock(
    `**${escapeMarkdown(t.id)}** · ${escapeMarkdown(clip(t.subject, 120))} · ${t.priority} · Tier ${t.tier} · ${escapeMarkdown(STATUS_WORDS[t.status])}`,
  );
}

/**
 * What an agent sees after a command or a button: the core's confirmation sentence, plus the
 * tickets for `queue` and the transcript and notes for `show`. Everything echoed is escaped.
 */
export function agentResultCard(result: AgentResult): AdaptiveCard {
  const body: CardElement[] = [textBlock(escapeMarkdown(agentResultText(result)))];
  if (result.kind === 'queue') {
    if (result.queued.length > 0)
      body.push(textBlock('**Waiting**'), ...result.queued.slice(0, 20).map(ticketLine));
    if (result.mine.length > 0)
      body.push(textBlock('**Yours**'), ...result.mine.slice(0, 20).map(ticketLine));
  }
  if (result.kind === 'ticket') {
    body.push(ticketLine(result.ticket));
    for (const e of result.transcript.slice(-20)) {
      body.push(
        textBlock(
          `**${escapeMarkdown(capLabel(e.authorName ?? e.author, 60))}:** ${escapeMarkdown(clip(e.text, 500))}`,
        ),
      );
    }
    for (const n of result.notes.slice(-10)) {
      body.push(
        textBlock(
          `_Note by ${escapeMarkdown(capLabel(n.agentName ?? n.agentId, 60))}:_ ${escapeMarkdown(clip(n.text, 500))}`,
          {
            isSubtle: true,
          },
        ),
      );
    }
  }
  return adaptiveCard(body);
}
