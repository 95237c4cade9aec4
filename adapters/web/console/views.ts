import type { Ticket, TicketNote, TranscriptEntry } from '../../../src/index.js';
import { markupToHtml, plainToHtml } from '../html.js';

/** A ticket as the console lists it: plain data the page sets with `textContent`. */
export interface TicketView {
  id: string;
  subject: string;
  status: Ticket['status'];
  tier: Ticket['tier'];
  priority: Ticket['priority'];
  channel: string;
  lang: Ticket['lang'];
  userName: string | undefined;
  assigneeId: string | undefined;
  assigneeName: string | undefined;
  createdAt: string;
  /** Since when the employee waits for a person (entered the queue). */
  queuedAt: string;
  slaDueAt: string;
  articlesTried: string[];
  rating: number | undefined;
  closedAt: string | undefined;
}

/** The ticket fields the console shows (no conversation ids or transcript cursors). */
export function ticketView(t: Ticket): TicketView {
  return {
    id: t.id,
    subject: t.subject,
    status: t.status,
    tier: t.tier,
    priority: t.priority,
    channel: t.channel,
    lang: t.lang,
    userName: t.userName,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    createdAt: t.createdAt,
    queuedAt: t.queuedAt,
    slaDueAt: t.slaDueAt,
    articlesTried: t.articlesTried,
    rating: t.rating,
    closedAt: t.closedAt,
  };
}

/** One transcript line; `html` is rendered here with every text run escaped. */
export interface TranscriptLine {
  seq: number;
  at: string;
  author: string;
  authorName: string | undefined;
  html: string;
}

/**
 * The transcript for the console. The employee's words are plain text (escaped, no markup read),
 * the bot's and agents' the core's markup subset (escaped runs, safe links only): hostile text
 * such as `<script>` or `<img onerror>` arrives as inert characters.
 */
export function transcriptLines(entries: readonly TranscriptEntry[]): TranscriptLine[] {
  return entries.map((e) => ({
    seq: e.seq,
    at: e.at,
    author: e.author,
    authorName: e.authorName,
    html: e.author === 'user' ? plainToHtml(e.text) : markupToHtml(e.text),
  }));
}

/** An internal note for the console (text set with `textContent` by the page). */
export function noteView(n: TicketNote): Omit<TicketNote, 'ticketId'> {
  return { id: n.id, at: n.at, agentId: n.agentId, agentName: n.agentName, kind: n.kind, text: n.text };
}
