import { webApi } from '@slack/bolt';
import { describe, expect, test } from 'vitest';
import { agentResultMessage } from '../../../adapters/slack/blocks/agent-result.js';
import { homeView } from '../../../adapters/slack/blocks/home.js';
import { repliesMessage } from '../../../adapters/slack/blocks/replies.js';
import { ticketCard } from '../../../adapters/slack/blocks/ticket-card.js';
import { chunkText, escapeMrkdwn, markupToMrkdwn } from '../../../adapters/slack/mrkdwn.js';
import { normalizeInbound } from '../../../adapters/slack/normalize.js';
import { parseBody } from '../../../adapters/slack/receiver.js';
import { signatureProblem, signSlackRequest } from '../../../adapters/slack/signature.js';
import { toDeliveryError } from '../../../adapters/slack/web-errors.js';
import type { Ticket } from '../../../src/index.js';
import { makeTicket } from '../../support/ticket-fixture.js';

const ticket: Ticket = makeTicket({
  channel: 'slack',
  subject: '<!channel> vpn & <@U999> broken',
  priority: 'high',
  slaDueAt: '2026-01-05T10:30:00.000Z',
});

describe('Slack text', () => {
  test('escapes the three markup characters, so no mention or link can be injected', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <https://x|y>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt;',
    );
    expect(markupToMrkdwn('**Bold** <!here> [site](https://a.example/x|y) [bad](javascript:alert(1))')).toBe(
      '*Bold* &lt;!here&gt; <https://a.example/x%7Cy|site> [bad](javascript:alert(1))',
    );
    expect(markupToMrkdwn('1. one\n2. two\n\n- a', 'https://h')).toBe('1. one\n2. two\n\n• a');
    expect(markupToMrkdwn('[kb](/kb/x)', 'https://h.example')).toBe('<https://h.example/kb/x|kb>');
    expect(markupToMrkdwn('[kb](/kb/x)')).toBe('kb');
  });

  test('inbound markup becomes plain text: the bot mention dropped, links to their text, entities decoded', () => {
    expect(normalizeInbound('<@UBOT> my <https://x.example|site> is down &lt;b&gt; &amp;amp;', 'UBOT')).toBe(
      'my site is down <b> &amp;',
    );
    expect(
      normalizeInbound('<!channel> ask <@U2|anna> in <#C1|general> <mailto:a@b.c|a@b.c> <https://y>'),
    ).toBe('@channel ask @anna in #general a@b.c https://y');
    expect(normalizeInbound('<<<>>>')).toBe('<<>>');
  });

  test('long text is cut at line ends, never inside an entity', () => {
    const pieces = chunkText(`${'a'.repeat(2897)}&amp;${'b'.repeat(100)}`, 2900);
    expect(pieces[0]?.endsWith('a')).toBe(true);
    expect(pieces[1]?.startsWith('&amp;')).toBe(true);
  });

  test('signatures: valid, forged, stale and missing', () => {
    const now = 1_800_000_000_000;
    const ts = String(now / 1000);
    const sig = signSlackRequest('s3cret', ts, 'body');
    expect(signatureProblem('s3cret', { signature: sig, timestamp: ts }, 'body', now)).toBeUndefined();
    expect(signatureProblem('s3cret', { signature: sig, timestamp: ts }, 'body2', now)).toBe('bad signature');
    expect(signatureProblem('s3cret', { signature: sig, timestamp: ts }, 'body', now + 301_000)).toBe(
      'stale timestamp',
    );
    expect(signatureProblem('s3cret', { signature: undefined, timestamp: ts }, 'body', now)).toBe(
      'missing signature headers',
    );
    expect(signatureProblem('s3cret', { signature: 'v0=zz', timestamp: 'x' }, 'body', now)).toBe(
      'bad timestamp',
    );
  });

  test('bodies: JSON events, interactions and slash commands; junk is undefined', () => {
    expect(parseBody('{"type":"event_callback"}', 'application/json')).toEqual({ type: 'event_callback' });
    expect(
      parseBody('payload=%7B%22type%22%3A%22block_actions%22%7D', 'application/x-www-form-urlencoded'),
    ).toEqual({
      type: 'block_actions',
    });
    expect(parseBody('command=%2Fhelpdesk&text=queue', 'application/x-www-form-urlencoded')).toEqual({
      command: '/helpdesk',
      text: 'queue',
    });
    expect(parseBody('{nope', 'application/json')).toBeUndefined();
    expect(parseBody('payload=[1]', 'application/x-www-form-urlencoded')).toBeUndefined();
  });

  test('Web API refusals map to the outbox: 429 with Retry-After, permanent ones, the rest retried', () => {
    const limited = toDeliveryError(new webApi.WebAPIRateLimitedError(7), 'post');
    expect(limited.details).toMatchObject({ status: 429, retryAfterMs: 7000 });
    const gone = toDeliveryError(
      new webApi.WebAPIPlatformError({ ok: false, error: 'channel_not_found' }),
      'post',
    );
    expect(gone.details).toMatchObject({ permanent: true });
    const flaky = toDeliveryError(
      new webApi.WebAPIPlatformError({ ok: false, error: 'internal_error' }),
      'post',
    );
    expect(flaky.details).toMatchObject({ permanent: false });
    expect(toDeliveryError(new Error('ECONNRESET'), 'post').details?.permanent).toBeUndefined();
  });
});

describe('Slack blocks', () => {
  test('replies: article with link and steps, buttons carrying the core ids, notices and agent messages', () => {
    const m = repliesMessage(
      [
        {
          type: 'article',
          articleId: 'a',
          title: 'VPN <x>',
          sectionHeading: 'Steps',
          steps: '1. Do <!here>',
          url: '/kb/a',
        },
        {
          type: 'choices',
          prompt: 'Solved?',
          choices: [
            { id: 'feedback:yes', label: 'Yes' },
            { id: 'handoff:request', label: 'Talk to a person' },
          ],
        },
        { type: 'notice', code: 'secret-redacted', level: 'warning', text: 'Careful' },
        { type: 'agent-message', agentName: 'Anna <@U1>', text: 'Hi &' },
      ],
      'https://h.example',
    );
    const json = JSON.stringify(m);
    expect(json).toContain('<https://h.example/kb/a|VPN &lt;x&gt;>');
    expect(json).toContain('1. Do &lt;!here&gt;');
    expect(json).toContain('"value":"handoff:request"');
    expect(json).toContain(':warning: Careful');
    expect(json).toContain('*Anna &lt;@U1&gt;*');
    expect(json).not.toMatch(/<!here>|<@U1>/);
    expect(m.text).toContain('VPN &lt;x&gt;');
  });

  test('the ticket card: fields, Claim while queued, Resolve / Tier 3 / Hand back once claimed, none elsewhere', () => {
    const queued = ticketCard(ticket, { requester: 'Ivan <Petrov>', active: true });
    const json = JSON.stringify(queued);
    expect(json).toContain('Ivan &lt;Petrov&gt;');
    expect(json).toContain('<!date^1767609000^');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U999>');
    const labels = (m: ReturnType<typeof ticketCard>) =>
      m.blocks.flatMap((b) =>
        b.type === 'actions' ? b.elements.map((e) => ('text' in e && e.text ? e.text.text : '')) : [],
      );
    expect(labels(queued)).toEqual(['Claim']);
    const claimed = { ...ticket, status: 'claimed' as const, assigneeId: 'slack:UA', assigneeName: 'Anna' };
    expect(labels(ticketCard(claimed, { requester: 'Ivan', active: true }))).toEqual([
      'Resolve',
      'Tier 3',
      'Hand back',
    ]);
    expect(labels(ticketCard(claimed, { requester: 'Ivan', active: false, movedTo: 'C3' }))).toEqual([]);
    const breached = ticketCard(
      { ...ticket, slaAnnouncedFor: ticket.slaDueAt },
      { requester: 'Ivan', active: true },
    );
    expect(JSON.stringify(breached)).toContain('SLA breached');
  });

  test('agent results and the Home tab escape what people wrote', () => {
    const q = agentResultMessage({ kind: 'queue', queued: [ticket], mine: [] });
    expect(JSON.stringify(q)).toContain('T-1');
    expect(JSON.stringify(q)).not.toContain('<!channel>');
    const home = homeView([{ id: 'T-1', subject: '<!channel>', status: 'queued' }], []);
    expect(JSON.stringify(home)).toContain('&lt;!channel&gt;');
  });
});
