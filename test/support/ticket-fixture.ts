import type { Ticket } from '../../src/handoff/types.js';

/** A complete queued ticket with plain defaults; tests override only what they look at. */
export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 'T-1',
    conversationId: 'C-1',
    questionId: undefined,
    userId: 'U1',
    userName: 'Ivan',
    channel: 'web',
    lang: 'en',
    subject: 'vpn',
    status: 'queued',
    tier: 2,
    priority: 'normal',
    tags: ['vpn'],
    articlesTried: ['vpn-connect-en'],
    assigneeId: undefined,
    assigneeName: undefined,
    createdAt: '2026-01-05T10:00:00.000Z',
    queuedAt: '2026-01-05T10:00:00.000Z',
    slaDueAt: '2026-01-05T14:00:00.000Z',
    slaAnnouncedFor: undefined,
    firstClaimedAt: undefined,
    closedAt: undefined,
    rating: undefined,
    transcriptFrom: 1,
    transcriptTo: undefined,
    outOfHours: false,
    ...overrides,
  };
}
