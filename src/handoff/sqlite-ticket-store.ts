import type { Lang } from '../config.js';
import { prepared, type Db } from '../storage/db.js';
import type { TicketStore } from './ports.js';
import type { Priority, Ticket, TicketNote, TicketStatus, Tier } from './types.js';

interface TicketRow {
  id: string;
  conversation_id: string;
  question_id: string | null;
  user_id: string;
  user_name: string | null;
  channel: string;
  lang: Lang;
  subject: string;
  status: TicketStatus;
  tier: Tier;
  priority: Priority;
  tags: string;
  articles_tried: string;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: string;
  queued_at: string;
  sla_due_at: string;
  sla_announced_for: string | null;
  first_claimed_at: string | null;
  closed_at: string | null;
  rating: number | null;
  transcript_from: number;
  transcript_to: number | null;
  out_of_hours: number;
}

interface NoteRow {
  id: number;
  ticket_id: string;
  at: string;
  agent_id: string;
  agent_name: string | null;
  kind: TicketNote['kind'];
  text: string;
}

function stringList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    questionId: r.question_id ?? undefined,
    userId: r.user_id,
    userName: r.user_name ?? undefined,
    channel: r.channel,
    lang: r.lang,
    subject: r.subject,
    status: r.status,
    tier: r.tier,
    priority: r.priority,
    tags: stringList(r.tags),
    articlesTried: stringList(r.articles_tried),
    assigneeId: r.assignee_id ?? undefined,
    assigneeName: r.assignee_name ?? undefined,
    createdAt: r.created_at,
    queuedAt: r.queued_at,
    slaDueAt: r.sla_due_at,
    slaAnnouncedFor: r.sla_announced_for ?? undefined,
    firstClaimedAt: r.first_claimed_at ?? undefined,
    closedAt: r.closed_at ?? undefined,
    rating: r.rating ?? undefined,
    transcriptFrom: r.transcript_from,
    transcriptTo: r.transcript_to ?? undefined,
    outOfHours: r.out_of_hours === 1,
  };
}

function toRow(t: Ticket): TicketRow {
  return {
    id: t.id,
    conversation_id: t.conversationId,
    question_id: t.questionId ?? null,
    user_id: t.userId,
    user_name: t.userName ?? null,
    channel: t.channel,
    lang: t.lang,
    subject: t.subject,
    status: t.status,
    tier: t.tier,
    priority: t.priority,
    tags: JSON.stringify(t.tags),
    articles_tried: JSON.stringify(t.articlesTried),
    assignee_id: t.assigneeId ?? null,
    assignee_name: t.assigneeName ?? null,
    created_at: t.createdAt,
    queued_at: t.queuedAt,
    sla_due_at: t.slaDueAt,
    sla_announced_for: t.slaAnnouncedFor ?? null,
    first_claimed_at: t.firstClaimedAt ?? null,
    closed_at: t.closedAt ?? null,
    rating: t.rating ?? null,
    transcript_from: t.transcriptFrom,
    transcript_to: t.transcriptTo ?? null,
    out_of_hours: t.outOfHours ? 1 : 0,
  };
}

const COLUMNS: readonly (keyof TicketRow)[] = [
  'id',
  'conversation_id',
  'question_id',
  'user_id',
  'user_name',
  'channel',
  'lang',
  'subject',
  'status',
  'tier',
  'priority',
  'tags',
  'articles_tried',
  'assignee_id',
  'assignee_name',
  'created_at',
  'queued_at',
  'sla_due_at',
  'sla_announced_for',
  'first_claimed_at',
  'closed_at',
  'rating',
  'transcript_from',
  'transcript_to',
  'out_of_hours',
];
const PRIORITY_ORDER = `CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END`;

/** `TicketStore` on the bot's SQLite database (tables from `handoff/001-init`). */
export class SqliteTicketStore implements TicketStore {
  constructor(private readonly db: Db) {}

  insert(ticket: Ticket): void {
    prepared(
      this.db,
      `INSERT INTO tickets (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ).run(toRow(ticket));
  }

  get(id: string): Ticket | undefined {
    const row = prepared(this.db, 'SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
    return row ? toTicket(row) : undefined;
  }

  update(ticket: Ticket): void {
    const sets = COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`);
    const result = prepared(this.db, `UPDATE tickets SET ${sets.join(', ')} WHERE id = @id`).run(
      toRow(ticket),
    );
    if (result.changes !== 1) throw new Error(`ticket ${ticket.id} does not exist`);
  }

  queue(tiers: readonly Tier[]): Ticket[] {
    if (tiers.length === 0) return [];
    const rows = prepared(
      this.db,
      `SELECT * FROM tickets WHERE status = 'queued' AND tier IN (${tiers.map(() => '?').join(', ')})
         ORDER BY ${PRIORITY_ORDER}, queued_at, id`,
    ).all(...tiers) as TicketRow[];
    return rows.map(toTicket);
  }

  assignedTo(agentId: string): Ticket[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM tickets WHERE status = 'claimed' AND assignee_id = ? ORDER BY ${PRIORITY_ORDER}, queued_at`,
    ).all(agentId) as TicketRow[];
    return rows.map(toTicket);
  }

  claimed(): Ticket[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM tickets WHERE status = 'claimed' ORDER BY ${PRIORITY_ORDER}, queued_at`,
    ).all() as TicketRow[];
    return rows.map(toTicket);
  }

  queuePosition(ticket: Ticket): number {
    const ids = this.queue([ticket.tier]).map((t) => t.id);
    const index = ids.indexOf(ticket.id);
    return index < 0 ? ids.length + 1 : index + 1;
  }

  overdue(now: Date): Ticket[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM tickets WHERE status = 'queued' AND sla_due_at <= ?
           AND (sla_announced_for IS NULL OR sla_announced_for <> sla_due_at)
         ORDER BY sla_due_at, id`,
    ).all(now.toISOString()) as TicketRow[];
    return rows.map(toTicket);
  }

  addNote(note: Omit<TicketNote, 'id'>): TicketNote {
    const result = prepared(
      this.db,
      'INSERT INTO ticket_notes (ticket_id, at, agent_id, agent_name, kind, text) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(note.ticketId, note.at, note.agentId, note.agentName ?? null, note.kind, note.text);
    return { ...note, id: Number(result.lastInsertRowid) };
  }

  notes(ticketId: string): TicketNote[] {
    const rows = prepared(this.db, 'SELECT * FROM ticket_notes WHERE ticket_id = ? ORDER BY id').all(
      ticketId,
    ) as NoteRow[];
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      at: r.at,
      agentId: r.agent_id,
      agentName: r.agent_name ?? undefined,
      kind: r.kind,
      text: r.text,
    }));
  }
}
