import { agentResultText, STATUS_WORDS, type AgentResult, type Ticket } from '../../../src/index.js';
import { clip, escapeMrkdwn } from '../mrkdwn.js';
import { slackDate, transcriptLine } from './format.js';
import { capBlocks, context, sections, type SlackMessage } from './kit.js';

function ticketLine(t: Ticket): string {
  const subject = escapeMrkdwn(clip(t.subject.replace(/\s+/g, ' '), 120));
  const sla = t.status === 'queued' ? ` · SLA ${slackDate(t.slaDueAt)}` : '';
  return `• *${t.id}* · ${t.priority} · Tier ${t.tier} · ${subject}${sla}`;
}

/**
 * What an agent sees after a `/helpdesk` command or a card button (ephemeral): the queue as a
 * list, a ticket with its transcript and notes, or the core's confirmation words.
 */
export function agentResultMessage(result: AgentResult): SlackMessage {
  const text = escapeMrkdwn(agentResultText(result));
  switch (result.kind) {
    case 'queue': {
      const waiting = result.queued.length > 0 ? result.queued.map(ticketLine).join('\n') : '_none_';
      const mine = result.mine.length > 0 ? result.mine.map(ticketLine).join('\n') : '_none_';
      return {
        text,
        blocks: capBlocks([
          ...sections(`*Waiting (${result.queued.length})*\n${waiting}`),
          ...sections(`*Yours (${result.mine.length})*\n${mine}`),
        ]),
      };
    }
    case 'ticket': {
      const t = result.ticket;
      const transcript = result.transcript.map((e) => transcriptLine(e, t)).join('\n');
      const notes = result.notes
        .map(
          (n) =>
            `• ${escapeMrkdwn(n.agentName ?? n.agentId)} (${n.kind}) ${slackDate(n.at)}: ${escapeMrkdwn(clip(n.text, 1000))}`,
        )
        .join('\n');
      return {
        text,
        blocks: capBlocks([
          ...sections(
            `*${t.id}* · ${escapeMrkdwn(clip(t.subject, 200))}\n${STATUS_WORDS[t.status]} · Tier ${t.tier} · ${t.priority}`,
          ),
          ...sections(transcript ? `*Transcript*\n${transcript}` : ''),
          ...sections(notes ? `*Notes*\n${notes}` : ''),
        ]),
      };
    }
    default:
      return { text, blocks: [context(text)] };
  }
}

/** An error or help text for the agent, escaped. */
export function agentNotice(message: string): SlackMessage {
  const text = escapeMrkdwn(message);
  return { text, blocks: sections(text) };
}
