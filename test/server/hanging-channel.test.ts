import { createHmac } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { spawnServer } from '../../scripts/lib/server-process.js';
import { WebEmployee } from '../../scripts/lib/web-employee.js';
import { KB_SMALL } from '../support/helpdesk-harness.js';
import { useTempDir } from '../support/temp-dir.js';

let dir: string;
useTempDir('hanging-channel', (d) => (dir = d));

const SECRET = 'hanging-test-secret';

/**
 * A Slack Web API that answers `auth.test` and then never answers anything else: every other call
 * hangs, held open, as a Slack behind a broken proxy would. `hanging` counts the calls held.
 */
async function silentSlack(): Promise<{ url: string; hanging: () => number; close: () => Promise<void> }> {
  const held = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    if (req.url?.endsWith('/auth.test')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'helpdesk' }));
      return;
    }
    held.add(res);
    res.on('close', () => held.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    hanging: () => held.size,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `/helpdesk <text>` typed by Slack user `user`, signed as Slack signs it. */
function slashCommand(url: string, user: string, text: string): Promise<Response> {
  const body = new URLSearchParams({
    command: '/helpdesk',
    text,
    user_id: user,
    user_name: user.toLowerCase(),
    channel_id: 'CTIER2',
    team_id: 'T1',
    trigger_id: 'trigger-1',
    response_url: 'http://127.0.0.1:9/unused',
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
    body,
  });
}

describe('a channel that hangs', { timeout: 120_000 }, () => {
  test("Slack's deliveries hang in the real server process; the web chat's replies and relays still arrive", async () => {
    const slack = await silentSlack();
    const server = await spawnServer({
      DATA_DIR: path.join(dir, 'data'),
      KB_DIR: KB_SMALL,
      KB_WATCH: 'false',
      EMBEDDINGS: 'off',
      BUSINESS_HOURS: 'mon-sun 00:00-24:00',
      SLACK_BOT_TOKEN: 'xoxb-hanging-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      SLACK_TIER2_CHANNEL: 'CTIER2',
      TIER2_AGENTS: 'slack:UAGENT',
      // The hung Slack calls are still running at the end: do not wait the default 20 s for them.
      SHUTDOWN_GRACE_SECONDS: '2',
    });
    try {
      const employee = new WebEmployee(server.url, 'Ivan');
      await employee.signIn();
      const queued = await employee.send({ messageId: 'hang-handoff', text: 'I want to talk to a person' });
      expect(queued.status).toBe(200);
      const ticketId = /request (T-[0-9A-Z]+)/.exec(queued.events.map((e) => e.html).join(' '))?.[1] ?? '';
      expect(ticketId).toMatch(/^T-/);
      // The ticket card is on its way to Slack, which holds the call open.
      await vi.waitFor(() => expect(slack.hanging()).toBeGreaterThan(0), { timeout: 20_000 });

      // Another employee keeps asking: every message is answered while Slack still hangs.
      const other = new WebEmployee(server.url, 'Olga');
      await other.signIn();
      for (let i = 0; i < 5; i++) {
        const sent = await other.send({ messageId: `hang-question-${i}`, text: 'vpn wont connect' });
        expect(sent.status).toBe(200);
        expect(sent.events.some((e) => e.from === 'bot')).toBe(true);
      }

      // A Slack agent claims with /helpdesk: the web employee is told, live, through the web lane.
      expect((await slashCommand(server.url, 'UAGENT', `claim ${ticketId}`)).status).toBe(200);
      await vi.waitFor(
        async () => {
          const history = await employee.history();
          expect(history.map((e) => e.html).join(' ')).toMatch(/is now handling your request/);
        },
        { timeout: 20_000, interval: 100 },
      );
      expect(slack.hanging()).toBeGreaterThan(0);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
      await slack.close();
    }
  });
});
