import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SlackAdapter, type SlackAdapterOptions } from '../../../adapters/slack/slack-adapter.js';
import { signSlackRequest } from '../../../adapters/slack/signature.js';
import { createLogger } from '../../../src/logger.js';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { TestAdapter } from '../../support/test-adapter.js';
import { FakeSlack } from './fake-slack.js';
import { serverTestConfig } from '../../support/test-server.js';

export const SECRET = 'test-signing-secret';
export const TIER2 = 'CTIER2';
export const TIER3 = 'CTIER3';
export const AGENT = 'UAGENT1';
export const AGENT3 = 'UAGENT3';
export const ANNA = 'test:U-ANNA';

/** The product's server with Slack (against the fake) and a test channel for other agents. */
export interface SlackServer {
  fake: FakeSlack;
  server: RunningServer;
  base: string;
  slack: SlackAdapter;
  agents: TestAdapter;
  close(): Promise<void>;
}

/** Starts the fake Slack, then the real server with the Slack adapter pointed at it. */
export async function startSlackServer(
  overrides: Record<string, string> = {},
  adapterOptions: Omit<SlackAdapterOptions, 'config'> = {},
): Promise<SlackServer> {
  const fake = await FakeSlack.start();
  fake.users.set(AGENT, { realName: 'Anna Agent', locale: 'en-US' });
  fake.users.set(AGENT3, { realName: 'Tom Tier3', locale: 'en-US' });
  const dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-slack-'));
  const config = serverTestConfig(dir, {
    PUBLIC_URL: 'https://helpdesk.example.com',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_TIER2_CHANNEL: TIER2,
    SLACK_TIER3_CHANNEL: TIER3,
    TIER2_AGENTS: `slack:${AGENT},${ANNA}`,
    TIER3_AGENTS: `slack:${AGENT3}`,
    ...overrides,
  });
  const slack = new SlackAdapter({ config, ...adapterOptions });
  const agents = new TestAdapter('test');
  const server = await startServer(config, createLogger('silent'), [slack, agents]);
  return {
    fake,
    server,
    base: `http://127.0.0.1:${server.port}`,
    slack,
    agents,
    async close() {
      await server.shutdown();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let eventCounter = 0;

/** An Events API envelope around `event`, as Slack posts it. */
export function eventEnvelope(event: Record<string, unknown>, eventId?: string): Record<string, unknown> {
  eventCounter += 1;
  return {
    token: 'verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: eventId ?? `Ev${Date.now()}${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
  };
}

let tsCounter = 0;

/** A fresh message ts, as Slack makes them. */
export function nextTs(): string {
  tsCounter += 1;
  return `1800000000.${String(tsCounter).padStart(6, '0')}`;
}

/** A DM event from `user`. */
export function dm(user: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channel: `D${user}`,
    channel_type: 'im',
    user,
    text,
    ts: nextTs(),
    client_msg_id: `cm-${tsCounter}`,
    ...extra,
  };
}

/** A signed POST to `/slack/events`. */
export async function signedPost(
  s: SlackServer,
  body: string,
  contentType: string,
  options: { timestamp?: number; secret?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${s.base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(options.secret ?? SECRET, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

/** Posts an event (signed); `retryNum` adds Slack's retry headers. */
export function postEvent(
  s: SlackServer,
  envelope: Record<string, unknown>,
  retryNum?: number,
): Promise<Response> {
  const headers: Record<string, string> = retryNum
    ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }
    : {};
  return signedPost(s, JSON.stringify(envelope), 'application/json', { headers });
}

let actionCounter = 0;

/** A `block_actions` payload: `user` pressed `button` on `message`. */
export function blockAction(
  s: SlackServer,
  user: string,
  message: { channel: string; ts: string; threadTs?: string; blocks: unknown[] },
  button: { actionId: string; value: string; label: string },
): Record<string, unknown> {
  actionCounter += 1;
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'verification-token',
    team: { id: 'T1', domain: 'acme' },
    trigger_id: `trigger-${actionCounter}`,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: 'x' },
    message: {
      type: 'message',
      ts: message.ts,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      bot_id: 'BBOT',
      user: 'UBOT',
      blocks: message.blocks,
    },
    response_url: s.fake.responseUrl(`action-${actionCounter}`),
    actions: [
      {
        type: 'button',
        action_id: button.actionId,
        block_id: 'b',
        value: button.value,
        text: { type: 'plain_text', text: button.label },
        action_ts: `1800000100.${String(actionCounter).padStart(6, '0')}`,
      },
    ],
  };
}

/** Posts an interaction (form-encoded `payload=`), signed. */
export function postInteraction(s: SlackServer, payload: Record<string, unknown>): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedPost(s, body, 'application/x-www-form-urlencoded');
}

let commandCounter = 0;

/** The `/helpdesk` slash command's form fields. */
export function slashCommand(
  s: SlackServer,
  user: string,
  text: string,
  channel = TIER2,
): Record<string, string> {
  commandCounter += 1;
  return {
    token: 'verification-token',
    team_id: 'T1',
    channel_id: channel,
    channel_name: 'it-queue',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/helpdesk',
    text,
    api_app_id: 'A1',
    response_url: s.fake.responseUrl(`command-${commandCounter}`),
    trigger_id: `cmd-trigger-${commandCounter}`,
  };
}

/** Posts a slash command (form-encoded), signed. */
export function postCommand(s: SlackServer, fields: Record<string, string>): Promise<Response> {
  return signedPost(s, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
}
