import { describe, expect, test } from 'vitest';
import {
  renderAgentEvent,
  renderAgentResult,
  renderPage,
  renderQueueEvent,
  renderReplies,
} from '../../../adapters/terminal/render.js';
import type { Reply, TranscriptEntry } from '../../../src/conversation/types.js';
import type { Ticket, TicketNote } from '../../../src/handoff/types.js';
import { makeTicket } from '../../support/ticket-fixture.js';

/** Terminal escape sequences a user or an agent could type to repaint or beep the terminal. */
const CLEAR_SCREEN = '\u001b[2J';
const BELL = '\u0007';
/** Any C0/C1 control character other than newline and tab. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return makeTicket({
    conversationId: 'c-1',
    questionId: 'q-1',
    userId: 'U-IVAN',
    channel: 'terminal',
    subject: "VPN won't connect",
    ...overrides,
  });
}

function entry(seq: number, author: TranscriptEntry['author'], text: string): TranscriptEntry {
  return {
    seq,
    conversationId: 'c-1',
    at: '2026-01-05T10:00:00.000Z',
    author,
    authorId: undefined,
    authorName: undefined,
    text,
    ticketId: 'T-1',
  };
}

function note(overrides: Partial<TicketNote>): TicketNote {
  return {
    id: 1,
    ticketId: 'T-1',
    at: '2026-01-05T10:00:00.000Z',
    agentId: 'U-ANNA',
    agentName: 'Anna',
    kind: 'note',
    text: 'checked the logs',
    ...overrides,
  };
}

describe('renderReplies', () => {
  test('a text reply is one bot line', () => {
    expect(renderReplies([{ type: 'text', text: 'Hello!' }])).toEqual({ text: 'bot> Hello!', choices: [] });
  });

  test('an article shows title, section, every step indented and the link', () => {
    const { text, choices } = renderReplies([
      {
        type: 'article',
        articleId: 'vpn-connect-en',
        title: 'Connect to the VPN',
        sectionHeading: 'Connect',
        steps: '1. Open GlobalProtect.\n2. Click **Connect**.',
        url: 'https://kb.example.com/vpn-connect-en',
      },
    ]);
    expect(text.split('\n')).toEqual([
      'bot> Connect to the VPN — Connect',
      '     1. Open GlobalProtect.',
      '     2. Click Connect.',
      '     (full article: https://kb.example.com/vpn-connect-en)',
    ]);
    expect(choices).toEqual([]);
  });

  test('choices are numbered across several choices replies in one batch and returned in that order', () => {
    const feedback = [
      { id: 'feedback:yes', label: 'Yes' },
      { id: 'feedback:no', label: 'No' },
    ];
    const handoff = [{ id: 'handoff:request', label: 'Talk to a person' }];
    const { text, choices } = renderReplies([
      { type: 'choices', prompt: 'Did this solve it?', choices: feedback },
      { type: 'text', text: 'Or:' },
      { type: 'choices', prompt: 'Need a person?', choices: handoff },
    ]);
    expect(text.split('\n')).toEqual([
      'bot> Did this solve it?',
      '     [1] Yes',
      '     [2] No',
      'bot> Or:',
      'bot> Need a person?',
      '     [3] Talk to a person',
    ]);
    expect(choices).toEqual([...feedback, ...handoff]);
  });

  test('each batch numbers from 1 again', () => {
    const first: Reply = {
      type: 'choices',
      prompt: 'Pick',
      choices: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
    };
    const second: Reply = { type: 'choices', prompt: 'Rate', choices: [{ id: 'rating:1', label: '1' }] };
    expect(renderReplies([first]).text).toContain('[2] B');
    expect(renderReplies([second])).toEqual({
      text: 'bot> Rate\n     [1] 1',
      choices: [{ id: 'rating:1', label: '1' }],
    });
  });

  test('a warning notice carries the (!) marker, an info notice does not', () => {
    const { text } = renderReplies([
      { type: 'notice', code: 'secret-redacted', level: 'warning', text: 'Change your password now.' },
      { type: 'notice', code: 'queued', level: 'info', text: 'You are number 1 in the queue.' },
    ]);
    expect(text.split('\n')).toEqual([
      'bot> (!) Change your password now.',
      'bot> You are number 1 in the queue.',
    ]);
  });

  test("an agent's message is shown under the agent's name", () => {
    expect(renderReplies([{ type: 'agent-message', agentName: 'Anna', text: 'Which laptop?' }]).text).toBe(
      'Anna> Which laptop?',
    );
  });

  test('an empty batch renders nothing', () => {
    expect(renderReplies([])).toEqual({ text: '', choices: [] });
  });

  test('control characters in user and agent text are stripped, newlines and tabs kept', () => {
    const { text, choices } = renderReplies([
      { type: 'text', text: `${CLEAR_SCREEN}you typed${BELL} this\r` },
      { type: 'agent-message', agentName: `An${BELL}na${CLEAR_SCREEN}`, text: `line 1\n\tline 2${BELL}` },
      { type: 'notice', code: 'error', level: 'warning', text: `oops\u009b31m` },
      { type: 'choices', prompt: `pick${BELL}`, choices: [{ id: 'x', label: `X${CLEAR_SCREEN}` }] },
      {
        type: 'article',
        articleId: 'a',
        title: `T${BELL}`,
        sectionHeading: `S${CLEAR_SCREEN}`,
        steps: `step\u007f 1`,
        url: '/kb/a',
      },
    ]);
    expect(text).not.toMatch(CONTROL);
    expect(text.split('\n')).toEqual([
      'bot> [2Jyou typed this',
      'Anna[2J> line 1',
      '\tline 2',
      'bot> (!) oops31m',
      'bot> pick',
      '     [1] X[2J',
      'bot> T — S[2J',
      '     step 1',
      '     (full article: /kb/a)',
    ]);
    // The id a pressed button sends back is the core's, untouched.
    expect(choices).toEqual([{ id: 'x', label: `X${CLEAR_SCREEN}` }]);
  });
});

describe('renderQueueEvent', () => {
  const t = ticket({ subject: `printer${BELL} jammed`, priority: 'high', tier: 3 });

  test('each queue event is one line with the ticket, its priority and tier', () => {
    expect(renderQueueEvent({ type: 'ticket-created', ticket: t, transcript: [] })).toBe(
      '[queue] T-1 (high, tier 3) new: printer jammed',
    );
    expect(
      renderQueueEvent({
        type: 'ticket-escalated',
        ticket: t,
        by: 'U-ANNA',
        note: `needs${CLEAR_SCREEN} a part`,
      }),
    ).toBe('[queue] T-1 (high, tier 3) escalated by U-ANNA: needs[2J a part');
    expect(renderQueueEvent({ type: 'ticket-requeued', ticket: t, by: 'U-BORIS' })).toBe(
      '[queue] T-1 (high, tier 3) back in the queue (by U-BORIS)',
    );
    expect(renderQueueEvent({ type: 'sla-breached', ticket: t, overdueMinutes: 45 })).toBe(
      '[queue] T-1 (high, tier 3) unclaimed, 45 min past its SLA',
    );
    expect(renderQueueEvent({ type: 'ticket-cancelled', ticket: t })).toBe(
      '[queue] T-1 (high, tier 3) cancelled by the user',
    );
  });
});

describe('renderAgentEvent', () => {
  const t = ticket({ status: 'claimed', assigneeId: 'U-ANNA', assigneeName: 'Anna' });

  test('a relayed user message, without control characters', () => {
    expect(
      renderAgentEvent('U-ANNA', {
        type: 'user-message',
        ticket: t,
        text: `still broken${CLEAR_SCREEN}${BELL}`,
        at: '2026-01-05T10:05:00.000Z',
      }),
    ).toBe('[to U-ANNA] T-1 user: still broken[2J');
  });

  test('an assignment with and without a note', () => {
    expect(
      renderAgentEvent('U-BORIS', { type: 'ticket-assigned', ticket: t, by: 'U-ANNA', note: 'yours' }),
    ).toBe('[to U-BORIS] T-1 assigned to you by U-ANNA: yours');
    expect(
      renderAgentEvent('U-BORIS', { type: 'ticket-assigned', ticket: t, by: 'U-ANNA', note: undefined }),
    ).toBe('[to U-BORIS] T-1 assigned to you by U-ANNA');
  });

  test('the user left', () => {
    expect(renderAgentEvent('U-ANNA', { type: 'user-left', ticket: t, at: '2026-01-05T10:06:00.000Z' })).toBe(
      '[to U-ANNA] T-1 the user left the conversation',
    );
  });
});

describe('renderPage', () => {
  test('both page reasons name the target, ticket and priority', () => {
    const t = ticket({ priority: 'high' });
    expect(renderPage('oncall-it', { reason: 'high-priority-out-of-hours', ticket: t })).toBe(
      '[page oncall-it] T-1 (high): high-priority-out-of-hours',
    );
    expect(renderPage('oncall-it', { reason: 'sla-breached', ticket: t })).toBe(
      '[page oncall-it] T-1 (high): sla-breached',
    );
  });
});

describe('renderAgentResult', () => {
  test('a duplicate action', () => {
    expect(renderAgentResult({ kind: 'duplicate' })).toBe('[agent] Already done.');
  });

  test('a done action says in words what was done, and a redaction only when there was one', () => {
    const claimed = ticket({ status: 'claimed' });
    expect(renderAgentResult({ kind: 'done', ticket: claimed, did: 'claim' })).toBe(
      '[agent] You claimed T-1; the employee is told you are on it.',
    );
    expect(renderAgentResult({ kind: 'done', ticket: claimed, did: 'note' })).toBe(
      '[agent] Internal note added to T-1; the employee does not see it.',
    );
    expect(renderAgentResult({ kind: 'done', ticket: claimed, did: 'reply', redacted: true })).toBe(
      '[agent] Sent to the employee on T-1. A password or token in it was redacted.',
    );
    expect(
      renderAgentResult({ kind: 'done', ticket: { ...claimed, status: 'handed-back' }, did: 'hand-back' }),
    ).toBe('[agent] T-1 is handed back to the bot.');
  });

  test('the queue lists queued and own tickets in aligned rows, subjects cut at 60 characters', () => {
    const long = `${'x'.repeat(70)}`;
    const text = renderAgentResult({
      kind: 'queue',
      queued: [
        ticket({ id: 'T-1', priority: 'high', subject: `urgent${BELL}` }),
        ticket({ id: 'T-2', subject: long }),
      ],
      mine: [ticket({ id: 'T-3', status: 'claimed', tier: 3, priority: 'low', subject: 'mouse' })],
    });
    expect(text.split('\n')).toEqual([
      '[agent] queue:',
      '  T-1 high   tier 2 waiting in the queue: urgent',
      `  T-2 normal tier 2 waiting in the queue: ${'x'.repeat(60)}`,
      '[agent] mine:',
      '  T-3 low    tier 3 claimed: mouse',
    ]);
  });

  test('an empty queue still shows both headings', () => {
    expect(renderAgentResult({ kind: 'queue', queued: [], mine: [] })).toBe('[agent] queue:\n[agent] mine:');
  });

  test('a ticket with its transcript and notes, control characters stripped', () => {
    const text = renderAgentResult({
      kind: 'ticket',
      ticket: ticket({ status: 'claimed', priority: 'high', subject: `VPN${CLEAR_SCREEN} down` }),
      transcript: [
        entry(1, 'user', `VPN down${BELL}`),
        entry(2, 'bot', 'Try this article.'),
        entry(3, 'agent', 'On it.'),
      ],
      notes: [
        note({ kind: 'note', text: `cable${BELL}` }),
        note({ id: 2, kind: 'escalation', agentId: 'U-VERA', agentName: undefined, text: 'needs Tier 3' }),
        note({ id: 3, kind: 'resolution', agentName: `Ev${CLEAR_SCREEN}il`, text: 'done' }),
      ],
    });
    expect(text).not.toMatch(CONTROL);
    expect(text.split('\n')).toEqual([
      '[agent] T-1 claimed, high: VPN[2J down',
      '  user: VPN down',
      '  bot: Try this article.',
      '  agent: On it.',
      '  note by Anna: cable',
      '  escalation by U-VERA: needs Tier 3',
      '  resolution by Ev[2Jil: done',
    ]);
  });
});
