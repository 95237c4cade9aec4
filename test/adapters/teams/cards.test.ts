import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { repliesCard, plainCard } from '../../../adapters/teams/cards/reply-card.js';
import { escapeMarkdown, markupToBlocks } from '../../../adapters/teams/cards/text.js';
import { ticketCard } from '../../../adapters/teams/cards/ticket-card.js';
import { queueLine } from '../../../adapters/teams/cards/queue-line.js';
import { refusal } from '../../../adapters/teams/connector-errors.js';
import { checkActivity } from '../../../adapters/teams/activity-check.js';
import { buildAppPackage } from '../../../adapters/teams/package-app.js';
import type { Ticket } from '../../../src/index.js';
import { makeTicket } from '../../support/ticket-fixture.js';

const ticket: Ticket = makeTicket({
  conversationId: 'c1',
  userId: 'aad-1',
  userName: 'Ivan <b>Petrov</b>',
  channel: 'teams',
  subject: 'VPN **broken** [click](http://evil)',
  priority: 'high',
  tags: [],
  createdAt: '2026-01-01T10:00:00.000Z',
  queuedAt: '2026-01-01T10:00:00.000Z',
  slaDueAt: '2026-01-01T11:00:00.000Z',
  transcriptFrom: 0,
});

describe('card text', () => {
  test('user text is inert in card markdown', () => {
    expect(escapeMarkdown('**bold** _it_ [a](http://x) <at>x</at> `c`')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\[a\\](http://x) \\<at\\>x\\</at\\> \\`c\\`',
    );
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('# no heading')).toBe('\\# no heading');
  });

  test("the core's markup becomes card markdown, text runs escaped, unsafe links dropped", () => {
    expect(markupToBlocks('Click **Start** then _wait_\n\n1. one\n2. two *x*')).toEqual([
      'Click **Start** then _wait_',
      '1. one\r2. two _x_',
    ]);
    expect(markupToBlocks('[site](https://ok.example) [bad](javascript:alert(1))').join('')).toBe(
      '[site](https://ok.example) \\[bad\\](javascript:alert(1))',
    );
    expect(markupToBlocks('a <script>x</script>')).toEqual(['a \\<script\\>x\\</script\\>']);
  });
});

describe('cards', () => {
  test('replies become one card: wrapped TextBlocks and Action.Submit buttons with the choice ids', () => {
    const card = repliesCard([
      {
        type: 'article',
        articleId: 'a',
        title: 'VPN',
        sectionHeading: 'Connect',
        steps: '1. Open',
        url: '/kb/a',
      },
      {
        type: 'choices',
        prompt: 'Did this solve it?',
        choices: [
          { id: 'feedback:yes', label: 'Yes' },
          { id: 'feedback:no', label: 'No' },
        ],
      },
      { type: 'agent-message', agentName: 'Anna *A*', text: 'hi **there**' },
    ]);
    expect(card.version).toBe('1.5');
    expect(card.body.filter((e) => e.type === 'TextBlock').every((e) => 'wrap' in e && e.wrap)).toBe(true);
    const sets = card.body.filter((e) => e.type === 'ActionSet');
    expect(sets).toEqual([
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Submit', title: 'Yes', data: { action: 'feedback:yes' } },
          { type: 'Action.Submit', title: 'No', data: { action: 'feedback:no' } },
        ],
      },
    ]);
    expect(JSON.stringify(card)).toContain('**Anna \\\\*A\\\\***');
    expect(plainCard('a\nb').body).toHaveLength(2);
  });

  test('the ticket card shows the facts and the buttons of its state, all escaped', () => {
    const queued = ticketCard(ticket);
    const json = JSON.stringify(queued);
    for (const fact of ['Requester', 'Priority', 'SLA due', 'Language', 'Channel', 'Articles tried'])
      expect(json).toContain(fact);
    expect(json).toContain('Ivan \\\\<b\\\\>Petrov\\\\</b\\\\>');
    expect(json).toContain('\\\\*\\\\*broken\\\\*\\\\*');
    expect(json).toContain('2026-01-01 11:00 UTC');
    expect(queued.actions?.map((a) => [a.title, a.data.action])).toEqual([['Claim', 'agent:claim:T-1']]);
    const claimed = ticketCard({ ...ticket, status: 'claimed', assigneeId: 'teams:a', assigneeName: 'Olga' });
    expect(claimed.actions?.map((a) => a.title)).toEqual(['Resolve', 'Tier 3', 'Hand back']);
    expect(JSON.stringify(claimed)).toContain('Claimed by Olga');
    expect(ticketCard({ ...ticket, status: 'resolved' }).actions).toBeUndefined();
    expect(ticketCard(ticket, { buttons: false }).actions).toBeUndefined();
  });

  test('queue events say what happened in the thread', () => {
    expect(JSON.stringify(queueLine({ type: 'user-message', ticket, text: '**hi**', at: '' }))).toContain(
      '\\\\*\\\\*hi',
    );
    expect(
      JSON.stringify(queueLine({ type: 'note-added', ticket, by: 'x', byName: 'Olga', text: 'n' })),
    ).toContain('Internal note');
    expect(queueLine({ type: 'ticket-created', ticket, transcript: [] })).toBeUndefined();
  });
});

describe('connector failures and activity checks', () => {
  test('429 and 5xx come back when the connector says, 403/404 never', () => {
    const headers = { get: (n: string) => (n === 'retry-after' ? '7' : undefined) };
    expect(refusal('x', { statusCode: 429, response: { headers } }).details).toMatchObject({
      status: 429,
      retryAfterMs: 7000,
    });
    expect(refusal('x', { statusCode: 503 }).details).toMatchObject({ status: 503 });
    expect(refusal('x', { statusCode: 403 }).details).toMatchObject({ status: 403, permanent: true });
    expect(refusal('x', { statusCode: 404 }).details).toMatchObject({ permanent: true });
    expect(refusal('x', new Error('ECONNREFUSED')).details?.permanent).toBeUndefined();
  });

  test('activities need a type, a conversation, a service URL and a sender', () => {
    const ok = {
      type: 'message',
      id: '1',
      conversation: { id: 'c' },
      serviceUrl: 'https://smba.example/',
      from: { id: 'u' },
    };
    expect(checkActivity(ok).ok).toBe(true);
    expect(checkActivity({ ...ok, serviceUrl: 'ftp://x' }).ok).toBe(false);
    expect(checkActivity({ ...ok, serviceUrl: 'https://user:pw@x/' }).ok).toBe(false);
    expect(
      checkActivity({ type: 'conversationUpdate', conversation: { id: 'c' }, serviceUrl: 'https://x/' }).ok,
    ).toBe(true);
    expect(checkActivity(null).ok).toBe(false);
  });
});

describe('app package', () => {
  test('the zip holds the manifest with the app id and both icons', () => {
    const appId = '0b1f2c3d-1111-2222-3333-444455556666';
    const data = buildAppPackage(appId);
    const files = readZip(data);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files['manifest.json']?.toString('utf8') ?? '{}') as {
      id: string;
      bots: { botId: string }[];
    };
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0]?.botId).toBe(appId);
    expect(JSON.stringify(manifest)).not.toContain('${');
    expect(files['color.png']?.readUInt32BE(16)).toBe(192);
    expect(files['outline.png']?.readUInt32BE(16)).toBe(32);
    expect(() => buildAppPackage('not-a-guid')).toThrow(/GUID/);
    // A standard tool reads it too, when one is installed.
    const dir = mkdtempSync(path.join(tmpdir(), 'teams-zip-'));
    try {
      writeFileSync(path.join(dir, 'app.zip'), data);
      let listing = '';
      try {
        listing = execFileSync('unzip', ['-t', path.join(dir, 'app.zip')], { encoding: 'utf8' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (listing) expect(listing).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Reads a zip through its central directory (deflate entries only, as ours are). */
function readZip(data: Buffer): Record<string, Buffer> {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < count; i += 1) {
    const size = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extra = data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    files[name] = inflateRawSync(data.subarray(start, start + size));
    at += 46 + nameLength + extra;
  }
  return files;
}
