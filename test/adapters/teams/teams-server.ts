import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TeamsAdapter } from '../../../adapters/teams/teams-adapter.js';
import { createLogger } from '../../../src/logger.js';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { TestAdapter } from '../../support/test-adapter.js';
import { FakeConnector } from './fake-connector.js';
import { serverTestConfig } from '../../support/test-server.js';

/** Tier 2 agent on Teams, Tier 2 agent on the test channel, Tier 3 agent on Teams. */
export const AGENT_AAD = 'aad-agent-1';
export const ANNA = 'test:U-ANNA';
export const TIER3_AAD = 'aad-agent-3';

/** A real server with the Teams adapter (and a test channel) plus a fake Bot Connector. */
export interface TeamsServer {
  server: RunningServer;
  base: string;
  teams: TeamsAdapter;
  agents: TestAdapter;
  connector: FakeConnector;
  dir: string;
  close(keepDir?: boolean): Promise<void>;
}

/** Starts the product's server with Teams on a free port over a temp database and kb-small. */
export async function startTeamsServer(
  overrides: Record<string, string> = {},
  reuse?: { dir: string; connector: FakeConnector },
): Promise<TeamsServer> {
  const dir = reuse?.dir ?? mkdtempSync(path.join(tmpdir(), 'helpdesk-teams-'));
  const connector = reuse?.connector ?? new FakeConnector();
  if (!reuse) await connector.start();
  const config = serverTestConfig(dir, {
    TEAMS_ENABLED: 'true',
    TIER2_AGENTS: `teams:${AGENT_AAD},${ANNA}`,
    TIER3_AGENTS: `teams:${TIER3_AAD}`,
    ...overrides,
  });
  const teams = new TeamsAdapter({ config });
  const agents = new TestAdapter('test');
  const server = await startServer(config, createLogger('silent'), [teams, agents]);
  return {
    server,
    base: `http://127.0.0.1:${server.port}`,
    teams,
    agents,
    connector,
    dir,
    async close(keepDir = false) {
      await server.shutdown();
      if (!keepDir) {
        await connector.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let seq = 0;

/** A Teams activity as the Bot Framework posts it; `overrides` win. */
export function activity(
  connector: FakeConnector,
  overrides: Record<string, unknown> & {
    from?: Record<string, unknown>;
    conversation?: Record<string, unknown>;
  },
): Record<string, unknown> {
  seq += 1;
  return {
    type: 'message',
    id: `act-${seq}-${Math.random().toString(36).slice(2, 8)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:user', name: 'Ivan Petrov', aadObjectId: 'aad-employee-1' },
    conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:bot', name: 'Helpdesk' },
    locale: 'en-US',
    ...overrides,
  };
}

/** A channel message that @mentions the bot, as Teams sends it. */
export function mention(
  connector: FakeConnector,
  text: string,
  options: { channel: string; root?: string; from?: Record<string, unknown> },
): Record<string, unknown> {
  const base = activity(connector, {});
  const root = options.root ?? (base.id as string);
  return {
    ...base,
    text: `<at>Helpdesk</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Helpdesk</at>', mentioned: { id: '28:bot', name: 'Helpdesk' } }],
    conversation: {
      id: `${options.channel};messageid=${root}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: 'tenant-1',
    },
    channelData: {
      channel: { id: options.channel },
      team: { id: '19:team@thread.tacv2' },
      tenant: { id: 'tenant-1' },
    },
    ...(options.from ? { from: options.from } : {}),
  };
}

/** POSTs an activity (or raw text) to the bot. */
export async function post(
  base: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
