import type { Ticket, TranscriptEntry } from '../../../src/index.js';
import { clip, escapeMrkdwn } from '../mrkdwn.js';

/**
 * Small mrkdwn pieces shared by the agent-side messages: dates Slack shows in the reader's own
 * time zone, people, transcript lines. Everything a person wrote goes through `escapeMrkdwn`.
 */

/** A time in the reader's time zone (`<!date^…>`), the ISO text as the fallback. */
export function slackDate(iso: string | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${escapeMrkdwn(iso)}>`;
}

/** A Slack mention, only for a real user id (so nothing else can become markup). */
export function mention(userId: string): string | undefined {
  return /^[UW][A-Z0-9]{2,30}$/.test(userId) ? `<@${userId}>` : undefined;
}

/** An agent or employee as the queue reads them: a Slack mention, else their escaped name/id. */
export function person(qualifiedId: string | undefined, name: string | undefined): string {
  if (!qualifiedId) return escapeMrkdwn(name ?? '—');
  const slack = /^slack:(.+)$/.exec(qualifiedId)?.[1];
  const tag = slack ? mention(slack) : undefined;
  if (tag) return tag;
  return escapeMrkdwn(clip(name ?? qualifiedId, 120));
}

/** One transcript line: who, when, what (plain, escaped). */
export function transcriptLine(entry: TranscriptEntry, ticket: Pick<Ticket, 'userName' | 'userId'>): string {
  const who =
    entry.author === 'user'
      ? (entry.authorName ?? ticket.userName ?? 'Employee')
      : entry.author === 'bot'
        ? 'Bot'
        : entry.author === 'agent'
          ? (entry.authorName ?? entry.authorId ?? 'Agent')
          : 'System';
  const text = escapeMrkdwn(clip(entry.text, 1500)).replace(/\n/g, '\n>');
  return `*${escapeMrkdwn(clip(who, 80))}* ${slackDate(entry.at)}\n>${text}`;
}
