import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Conversation } from '../../src/conversation/types.js';
import type { Ticket } from '../../src/handoff/types.js';
import { TempDb } from '../support/temp-db.js';
import { makeTicket } from '../support/ticket-fixture.js';

const conv: Conversation = {
  id: 'C-1',
  channel: 'web',
  externalId: 'sess-1',
  userId: 'U1',
  userName: undefined,
  threadId: undefined,
  lang: 'en',
  state: 'escalated',
  context: {},
  ticketId: undefined,
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
};

function ticket(id: string, overrides: Partial<Ticket> = {}): Ticket {
  return makeTicket({ id, ...overrides });
}

describe('SQLite ticket store, outbox and audit log on a real file', () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = new TempDb();
    temp.stores.conversations.insert(conv);
  });
  afterEach(() => temp.close());

  test('a ticket round-trips every field through a reopen', () => {
    const full = ticket('T-1', {
      assigneeId: 'A1',
      assigneeName: 'Anna',
      status: 'resolved',
      rating: 4,
      firstClaimedAt: '2026-01-05T10:05:00.000Z',
      closedAt: '2026-01-05T11:00:00.000Z',
      transcriptTo: 9,
      outOfHours: true,
      slaAnnouncedFor: '2026-01-05T14:00:00.000Z',
      questionId: 'Q-1',
    });
    temp.stores.tickets.insert(full);
    expect(temp.reopen().tickets.get('T-1')).toEqual(full);
  });

  test('the queue is ordered by priority, then by time in the queue, per tier', () => {
    const { tickets } = temp.stores;
    tickets.insert(ticket('T-1', { queuedAt: '2026-01-05T10:00:00.000Z' }));
    tickets.insert(ticket('T-2', { queuedAt: '2026-01-05T10:01:00.000Z', priority: 'high' }));
    tickets.insert(ticket('T-3', { queuedAt: '2026-01-05T09:00:00.000Z', priority: 'low' }));
    tickets.insert(ticket('T-4', { queuedAt: '2026-01-05T09:30:00.000Z' }));
    tickets.insert(ticket('T-5', { tier: 3 }));
    tickets.insert(ticket('T-6', { status: 'claimed', assigneeId: 'A1' }));
    expect(tickets.queue([2]).map((t) => t.id)).toEqual(['T-2', 'T-4', 'T-1', 'T-3']);
    expect(tickets.queue([2, 3]).map((t) => t.id)).toEqual(['T-2', 'T-4', 'T-1', 'T-5', 'T-3']);
    expect(tickets.queue([])).toEqual([]);
    expect(tickets.queuePosition(tickets.get('T-1') as Ticket)).toBe(3);
    expect(tickets.assignedTo('A1').map((t) => t.id)).toEqual(['T-6']);
    tickets.insert(ticket('T-7', { status: 'claimed', assigneeId: 'A2', priority: 'high' }));
    expect(tickets.claimed().map((t) => t.id)).toEqual(['T-7', 'T-6']);
  });

  test('overdue lists each breach until it is announced; a new due time is a new breach', () => {
    const { tickets } = temp.stores;
    tickets.insert(ticket('T-1'));
    tickets.insert(ticket('T-2', { slaDueAt: '2026-01-05T18:00:00.000Z' }));
    tickets.insert(ticket('T-3', { status: 'claimed' }));
    const at = new Date('2026-01-05T15:00:00Z');
    expect(tickets.overdue(at).map((t) => t.id)).toEqual(['T-1']);
    tickets.update({ ...(tickets.get('T-1') as Ticket), slaAnnouncedFor: '2026-01-05T14:00:00.000Z' });
    expect(tickets.overdue(at)).toEqual([]);
    tickets.update({ ...(tickets.get('T-1') as Ticket), slaDueAt: '2026-01-05T14:30:00.000Z' });
    expect(tickets.overdue(at).map((t) => t.id)).toEqual(['T-1']);
  });

  test('updating a ticket that does not exist fails loudly', () => {
    expect(() => temp.stores.tickets.update(ticket('T-404'))).toThrow(/does not exist/);
  });

  test('notes are kept in order', () => {
    const { tickets } = temp.stores;
    tickets.insert(ticket('T-1'));
    tickets.addNote({
      ticketId: 'T-1',
      at: '2026-01-05T10:00:00.000Z',
      agentId: 'A1',
      agentName: 'Anna',
      kind: 'note',
      text: 'one',
    });
    tickets.addNote({
      ticketId: 'T-1',
      at: '2026-01-05T10:01:00.000Z',
      agentId: 'A2',
      agentName: undefined,
      kind: 'escalation',
      text: 'two',
    });
    expect(
      temp
        .reopen()
        .tickets.notes('T-1')
        .map((n) => [n.kind, n.text, n.agentName]),
    ).toEqual([
      ['note', 'one', 'Anna'],
      ['escalation', 'two', undefined],
    ]);
  });

  test('the outbox hands out due deliveries in order and remembers attempts across a reopen', () => {
    const { outbox } = temp.stores;
    const t0 = new Date('2026-01-05T10:00:00Z');
    const a = outbox.enqueue(
      { kind: 'queue', channel: 'test', event: { type: 'ticket-cancelled', ticket: ticket('T-1') } },
      t0,
    );
    const b = outbox.enqueue(
      { kind: 'on-call', target: 'oncall', page: { reason: 'sla-breached', ticket: ticket('T-1') } },
      t0,
    );
    expect(outbox.pending(0, 10).map((p) => p.id)).toEqual([a, b]);
    expect(outbox.pending(a, 10).map((p) => p.id)).toEqual([b]);
    outbox.markFailed(a, 'timeout', new Date('2026-01-05T10:01:00Z'));
    outbox.markDelivered(b, t0);
    const reopened = temp.reopen().outbox;
    expect(reopened.pendingCount()).toBe(1);
    const later = reopened.pending(0, 10);
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({
      id: a,
      attempts: 1,
      nextAttemptAt: '2026-01-05T10:01:00.000Z',
      delivery: { kind: 'queue' },
    });
    reopened.markFailed(a, 'gone', undefined);
    expect(reopened.pendingCount()).toBe(0);
    expect(reopened.pending(0, 10)).toEqual([]);
  });

  test('the audit log is append-only and filterable', () => {
    const { audit } = temp.stores;
    audit.record({
      at: '2026-01-05T10:00:00.000Z',
      actor: 'A1',
      role: 'tier2',
      action: 'ticket.claim',
      ticketId: 'T-1',
      outcome: 'ok',
    });
    audit.record({
      at: '2026-01-05T10:01:00.000Z',
      actor: 'U9',
      role: 'none',
      action: 'ticket.resolve',
      ticketId: 'T-1',
      outcome: 'denied',
      details: { code: 'FORBIDDEN' },
    });
    audit.record({
      at: '2026-01-05T10:02:00.000Z',
      actor: 'A1',
      role: 'tier2',
      action: 'ticket.claim',
      ticketId: 'T-2',
      outcome: 'ok',
    });
    const reopened = temp.reopen().audit;
    expect(reopened.list({ ticketId: 'T-1' }).map((e) => [e.actor, e.outcome])).toEqual([
      ['A1', 'ok'],
      ['U9', 'denied'],
    ]);
    expect(reopened.list({ actor: 'U9' })[0]?.details).toEqual({ code: 'FORBIDDEN' });
    expect(reopened.list()).toHaveLength(3);
  });
});
