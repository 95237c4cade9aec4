import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AgentResult } from '../../src/handoff/agent-action.js';
import { AGENTS, Harness, choiceIds, texts } from '../support/helpdesk-harness.js';

function ticketOf(result: AgentResult) {
  if (result.kind !== 'done' && result.kind !== 'ticket') throw new Error(`unexpected ${result.kind}`);
  return result.ticket;
}

describe('the human handoff, end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.close());

  test('declined, escalated, claimed, relayed both ways, sent to Tier 3, resolved and rated', async () => {
    const u = h.user('U-IVAN', { name: 'Ivan Petrov' });

    // The bot cannot answer; the user takes the offered person.
    const declined = await u.say('excel crashes when I open a macro');
    expect(choiceIds(declined)).toEqual(['handoff:request']);
    const queued = await u.press('handoff:request');
    expect(texts(queued)).toEqual(['notice:queued']);
    expect(queued[0]).toMatchObject({
      text: expect.stringMatching(/request T-\d+\).*number 1 in the queue/),
    });
    const ticketId = u.conversation()?.ticketId ?? '';
    expect(u.conversation()?.state).toBe('escalated');

    // The Tier 2 queue was told, with the transcript and the ticket's facts.
    const [created] = h.channel.of('queue');
    expect(created?.event).toMatchObject({
      type: 'ticket-created',
      ticket: {
        id: ticketId,
        userId: 'U-IVAN',
        userName: 'Ivan Petrov',
        channel: 'test',
        lang: 'en',
        subject: 'excel crashes when I open a macro',
        priority: 'normal',
        tier: 2,
        status: 'queued',
        slaDueAt: '2026-01-05T14:00:00.000Z',
      },
    });
    if (created?.event.type !== 'ticket-created') throw new Error('expected ticket-created');
    expect(created.event.transcript.map((e) => e.author)).toEqual(['user', 'bot', 'user']);

    // Anna sees it in her queue and claims it; the user is told who has it.
    const list = await h.agent({ kind: 'list', agentId: AGENTS.anna });
    expect(list.kind === 'queue' && list.queued.map((t) => t.id)).toEqual([ticketId]);
    const claimed = await h.agent({ kind: 'claim', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    expect(ticketOf(claimed)).toMatchObject({
      status: 'claimed',
      assigneeId: AGENTS.anna,
      assigneeName: 'Anna',
    });
    expect(h.channel.repliesTo('U-IVAN').at(-1)).toMatchObject({
      type: 'notice',
      code: 'agent-joined',
      text: 'Anna from IT support is now handling your request. Reply right here.',
    });
    expect(u.conversation()?.state).toBe('with-agent');

    // Relayed both ways; the bot stays silent, even for things it would otherwise answer.
    await h.agent({
      kind: 'reply',
      agentId: AGENTS.anna,
      agentName: 'Anna',
      ticketId,
      text: 'Which laptop model?',
    });
    expect(h.channel.repliesTo('U-IVAN').at(-1)).toEqual({
      type: 'agent-message',
      agentName: 'Anna',
      text: 'Which laptop model?',
    });
    expect(await u.say('A Dell Latitude. Also, hi!')).toEqual([]);
    expect(await u.say('forgot my password')).toEqual([]);
    expect(h.channel.of('agent').map((d) => d.event.type === 'user-message' && d.event.text)).toEqual([
      'A Dell Latitude. Also, hi!',
      'forgot my password',
    ]);
    expect(h.channel.of('agent').every((d) => d.agentId === AGENTS.anna)).toBe(true);

    // An internal note: stored for agents, never shown to the user.
    const before = h.channel.of('user').length;
    await h.agent({ kind: 'note', agentId: AGENTS.anna, ticketId, text: 'Probably the display cable' });
    expect(h.channel.of('user')).toHaveLength(before);

    // Tier 3: back in a queue only Tier 3 works, with the note; the user is told.
    const escalated = await h.agent({
      kind: 'escalate',
      agentId: AGENTS.anna,
      ticketId,
      note: 'Hardware fault, needs a replacement',
    });
    expect(ticketOf(escalated)).toMatchObject({ tier: 3, status: 'queued', assigneeId: undefined });
    expect(h.channel.of('queue').at(-1)?.event).toMatchObject({
      type: 'ticket-escalated',
      by: AGENTS.anna,
      note: 'Hardware fault, needs a replacement',
    });
    expect(h.channel.repliesTo('U-IVAN').at(-1)).toMatchObject({ code: 'tier3' });
    expect(u.conversation()?.state).toBe('escalated');
    const boris = await h.agent({ kind: 'list', agentId: AGENTS.boris });
    expect(boris.kind === 'queue' && boris.queued).toEqual([]);
    expect(texts(await u.say('any news?'))).toEqual(['notice:queued']);

    // Vera (Tier 3) replies without claiming first: the reply claims it.
    h.clock.advance(20 * 60_000);
    await h.agent({
      kind: 'reply',
      agentId: AGENTS.vera,
      agentName: 'Vera',
      ticketId,
      text: 'A new screen is on its way.',
    });
    expect(h.stores.tickets.get(ticketId)).toMatchObject({ status: 'claimed', assigneeId: AGENTS.vera });
    expect(h.channel.repliesTo('U-IVAN').slice(-2)).toEqual([
      expect.objectContaining({ code: 'agent-joined', text: expect.stringContaining('Vera') }),
      { type: 'agent-message', agentName: 'Vera', text: 'A new screen is on its way.' },
    ]);

    // The full picture for agents: transcript in order and the notes.
    const shown = await h.agent({ kind: 'show', agentId: AGENTS.vera, ticketId });
    if (shown.kind !== 'ticket') throw new Error('expected ticket');
    expect(shown.notes.map((n) => [n.kind, n.text])).toEqual([
      ['note', 'Probably the display cable'],
      ['escalation', 'Hardware fault, needs a replacement'],
    ]);
    expect(shown.transcript.map((e) => `${e.author}:${e.authorName ?? ''}`)).toContain('agent:Vera');
    expect(shown.transcript.find((e) => e.text === 'A Dell Latitude. Also, hi!')?.ticketId).toBe(ticketId);

    // Resolved: the user is asked for a rating and gives it.
    h.clock.advance(10 * 60_000);
    const resolved = await h.agent({
      kind: 'resolve',
      agentId: AGENTS.vera,
      agentName: 'Vera',
      ticketId,
      note: 'Screen replaced',
    });
    expect(ticketOf(resolved)).toMatchObject({ status: 'resolved', closedAt: '2026-01-05T10:30:00.000Z' });
    const ratingAsk = h.channel.repliesTo('U-IVAN').slice(-2);
    expect(ratingAsk[0]).toMatchObject({
      code: 'ticket-resolved',
      text: `Vera marked request ${ticketId} as resolved.`,
    });
    expect(choiceIds(ratingAsk)).toEqual(['rating:1', 'rating:2', 'rating:3', 'rating:4', 'rating:5']);
    expect(u.conversation()?.state).toBe('resolved');
    expect(texts(await u.press('rating:4'))).toEqual(['Thank you for your rating!']);
    expect(h.stores.tickets.get(ticketId)?.rating).toBe(4);
    expect(texts(await u.press('rating:5'))).toEqual(['notice:stale-action']);
    expect(h.stores.tickets.get(ticketId)?.rating).toBe(4);

    // The bot is back for the next question.
    expect(texts(await u.say('forgot my password'))[0]).toBe('article:password-reset-en');

    // Who did what, when.
    expect(h.stores.audit.list({ ticketId }).map((e) => `${e.actor} ${e.action}`)).toEqual([
      'U-IVAN ticket.create',
      'test:U-ANNA ticket.claim',
      'test:U-ANNA ticket.reply',
      'test:U-ANNA ticket.note',
      'test:U-ANNA ticket.escalate',
      'test:U-VERA ticket.claim',
      'test:U-VERA ticket.reply',
      'test:U-VERA ticket.resolve',
      'U-IVAN ticket.rate',
    ]);
  });

  test('a ticket whose agent was removed goes back to the queue, and another agent can take it', async () => {
    const u = h.user('U-ORPHAN');
    await u.say('excel crashes when I open a macro');
    await u.press('handoff:request');
    const ticketId = u.conversation()?.ticketId ?? '';
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    expect((await h.core.sweep()).requeued).toEqual([]);

    // Anna leaves the team: only Boris is a Tier 2 agent now.
    h.rebuild({ config: { ...h.config, handoff: { ...h.config.handoff, tier2Agents: [AGENTS.boris] } } });
    expect((await h.core.sweep()).requeued).toEqual([ticketId]);
    expect(h.stores.tickets.get(ticketId)).toMatchObject({ status: 'queued', assigneeId: undefined });
    expect(u.conversation()?.state).toBe('escalated');
    expect(h.channel.repliesTo('U-ORPHAN').at(-1)).toMatchObject({
      type: 'notice',
      text: expect.stringMatching(/back in the queue/),
    });
    expect(h.channel.of('queue').at(-1)?.event).toMatchObject({ type: 'ticket-requeued', by: 'system' });
    const taken = await h.agent({ kind: 'claim', agentId: AGENTS.boris, agentName: 'Boris', ticketId });
    expect(taken).toMatchObject({ kind: 'done', ticket: { status: 'claimed', assigneeId: AGENTS.boris } });
    expect((await h.core.sweep()).requeued).toEqual([]);
  });

  test('asking for a person after a solved question files the new request, the solved one stays solved', async () => {
    const u = h.user('U-SOLVED');
    await u.say('vpn not connecting');
    await u.press('feedback:yes');
    const solvedId = u.conversation()?.context.questionId ?? '';
    expect(h.stores.conversations.getQuestion(solvedId)?.outcome).toBe('confirmed');
    h.clock.advance(3 * 3_600_000);
    await u.say('I need a human, my monitor is flickering');
    expect(h.stores.conversations.getQuestion(solvedId)?.outcome).toBe('confirmed');
    const ticket = h.stores.tickets.get(u.conversation()?.ticketId ?? '');
    expect(ticket?.subject).toBe('I need a human, my monitor is flickering');
    expect(ticket?.questionId).toBeUndefined();
    expect(ticket?.articlesTried).toEqual([]);
  });

  test('a queue channel that never answers does not hold up the replies of anyone', async () => {
    h.rebuild({
      notifier: Object.assign(Object.create(h.channel) as typeof h.channel, {
        postToQueue: () => new Promise<void>(() => undefined),
      }),
      deliveryTimeouts: { deliveryMs: 60_000 },
    });
    // Straight to the core: the harness would wait for the hung delivery to finish.
    const say = (userId: string, text: string) =>
      h.core.handleMessage({
        channel: 'test',
        userId,
        conversationId: `dm-${userId}`,
        text,
        messageId: h.nextMessageId(),
      });
    expect(texts(await say('U-A', 'talk to a person')).join(' ')).toMatch(/person|queue|agent/i);
    const replies = await say('U-B', 'vpn not connecting');
    expect(replies.some((r) => r.type === 'article')).toBe(true);
  });

  test('a Russian user gets the whole handoff in Russian', async () => {
    const u = h.user('U-OLGA', { locale: 'ru' });
    await u.say('хочу поговорить с живым человеком');
    const ticketId = u.conversation()?.ticketId ?? '';
    await h.agent({ kind: 'claim', agentId: AGENTS.boris, agentName: 'Борис', ticketId });
    await h.agent({ kind: 'resolve', agentId: AGENTS.boris, agentName: 'Борис', ticketId });
    expect(
      h.channel.repliesTo('U-OLGA').map((r) => (r.type === 'choices' ? r.prompt : 'text' in r ? r.text : '')),
    ).toEqual([
      'Вашей заявкой занимается Борис из ИТ-поддержки. Пишите прямо сюда.',
      `Заявка ${ticketId} решена (специалист: Борис).`,
      'Оцените, пожалуйста, помощь: 1 — плохо, 5 — отлично.',
    ]);
    expect(texts(await u.say('5'))).toEqual(['Спасибо за оценку!']);
    expect(h.stores.tickets.get(ticketId)?.rating).toBe(5);
  });

  test('handed back to the bot: the bot answers again and the ticket is closed as handed back', async () => {
    const u = h.user('U-3');
    await u.say('agent');
    const ticketId = u.conversation()?.ticketId ?? '';
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    expect(await u.say('how do I reset my password?')).toEqual([]);
    await h.agent({ kind: 'hand-back', agentId: AGENTS.anna, ticketId, note: 'Simple password question' });
    expect(h.channel.repliesTo('U-3').at(-1)).toMatchObject({
      code: 'agent-left',
      text: "You're chatting with the bot again. Ask me anything, or ask for a person whenever you need.",
    });
    expect(h.stores.tickets.get(ticketId)).toMatchObject({ status: 'handed-back' });
    expect(u.conversation()).toMatchObject({ state: 'bot', ticketId: undefined });
    expect(texts(await u.say('forgot my password'))).toEqual([
      'article:password-reset-en',
      'choices:feedback:yes,feedback:no',
    ]);
    // Replying to a handed-back ticket is refused.
    await expect(
      h.agent({ kind: 'reply', agentId: AGENTS.anna, ticketId, text: 'hello?' }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  test('transfer to another agent: the user sees the new name, the new agent is told', async () => {
    const u = h.user('U-4');
    await u.say('talk to a person');
    const ticketId = u.conversation()?.ticketId ?? '';
    await h.agent({ kind: 'claim', agentId: AGENTS.anna, agentName: 'Anna', ticketId });
    await h.agent({
      kind: 'transfer',
      agentId: AGENTS.anna,
      ticketId,
      toAgentId: AGENTS.boris,
      toAgentName: 'Boris',
      note: 'Boris knows printers',
    });
    expect(h.channel.repliesTo('U-4').at(-1)).toMatchObject({ text: expect.stringContaining('Boris') });
    expect(h.channel.of('agent').at(-1)).toMatchObject({
      agentId: AGENTS.boris,
      event: { type: 'ticket-assigned', by: AGENTS.anna, note: 'Boris knows printers' },
    });
    await u.say('still there?');
    expect(h.channel.of('agent').at(-1)).toMatchObject({
      agentId: AGENTS.boris,
      event: { type: 'user-message' },
    });
    await expect(
      h.agent({ kind: 'reply', agentId: AGENTS.anna, ticketId, text: 'me again' }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  test('the user cancels while queued: the queue is told and the bot takes over', async () => {
    const u = h.user('U-5');
    await u.say('оператор');
    const ticketId = u.conversation()?.ticketId ?? '';
    expect(texts(await u.say('отмена'))).toEqual(['notice:ticket-cancelled']);
    expect(h.stores.tickets.get(ticketId)?.status).toBe('cancelled');
    expect(h.channel.of('queue').at(-1)?.event).toMatchObject({ type: 'ticket-cancelled' });
    await expect(h.agent({ kind: 'claim', agentId: AGENTS.anna, ticketId })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  test('many people affected is high priority and goes first in the queue', async () => {
    await h.user('U-6').say('talk to a person');
    await h.user('U-7').say('the whole team is down, nobody can log in. I want a human');
    const list = await h.agent({ kind: 'list', agentId: AGENTS.anna });
    if (list.kind !== 'queue') throw new Error('expected queue');
    expect(list.queued.map((t) => [t.userId, t.priority])).toEqual([
      ['U-7', 'high'],
      ['U-6', 'normal'],
    ]);
    expect(list.queued[0]?.tags).toContain('many-affected');
    expect(list.queued[0]?.slaDueAt).toBe('2026-01-05T10:30:00.000Z');
    // In business hours nobody is paged.
    expect(h.channel.of('on-call')).toEqual([]);
  });
});
