import { describe, expect, vi } from 'vitest';
import type { ConnectorCall } from '../adapters/teams/fake-connector.js';
import { activity, post, startTeamsServer } from '../adapters/teams/teams-server.js';
import { CONTRACT_AGENTS, channelContract, retried, type ChannelDriver } from './channel-contract.js';

const CHAT = 'a:personal-1';
const WAIT = { timeout: 20_000, interval: 20 };

interface Button {
  title: string;
  data: unknown;
}

/** What a person reads on a card (its texts, facts and button titles) and its buttons. */
function readCard(node: unknown, out: { text: string[]; buttons: Button[] }): void {
  if (Array.isArray(node)) {
    for (const item of node) readCard(item, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'Action.Submit' && typeof o.title === 'string') {
    out.buttons.push({ title: o.title, data: o.data });
    out.text.push(`[${o.title}]`);
  } else if (typeof o.text === 'string' && (o.type === 'TextBlock' || o.type === 'TextRun')) {
    out.text.push(o.text.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1'));
  }
  if (o.type === 'FactSet' && Array.isArray(o.facts)) {
    for (const f of o.facts as { title: string; value: string }[]) out.text.push(`${f.title}: ${f.value}`);
  }
  for (const [key, value] of Object.entries(o)) if (key !== 'data') readCard(value, out);
}

function read(call: ConnectorCall): { text: string; buttons: Button[] } {
  const out = { text: [] as string[], buttons: [] as Button[] };
  const body = call.body;
  if (typeof body.text === 'string' && body.text) out.text.push(body.text);
  readCard(body.attachments ?? [], out);
  return { text: out.text.join('\n'), buttons: out.buttons };
}

/**
 * An employee in a Teams personal chat with the real CloudAdapter: activities are POSTed to
 * `/api/messages` with a service URL pointing at the fake Bot Connector, and what the bot sent
 * into the chat (replies and proactive messages) is what the employee sees.
 */
async function teamsDriver(): Promise<ChannelDriver> {
  const s = await startTeamsServer({
    TIER2_AGENTS: CONTRACT_AGENTS.tier2,
    TIER3_AGENTS: CONTRACT_AGENTS.tier3,
  });
  const inChat = () => s.connector.messagesTo(CHAT).map(read);
  let last: Record<string, unknown> | undefined;
  const send = async (fields: Record<string, unknown>, again = false) => {
    if (!again) last = activity(s.connector, fields);
    const before = inChat().length;
    expect((await post(s.base, last)).status).toBeLessThan(300);
    return before;
  };
  /** Until the bot wrote in the chat, or relayed the text to the agent (then it says nothing). */
  const answered = (before: number, text?: string) =>
    vi.waitFor(() => {
      const relayed = s.agents.notifier
        .of('agent')
        .some((a) => text !== undefined && 'text' in a.event && a.event.text === text);
      expect(inChat().length > before || relayed).toBe(true);
    }, WAIT);
  return {
    agent: s.agents,
    async say(text) {
      await answered(await send({ text }), text);
    },
    async press(label) {
      const button = inChat()
        .reverse()
        .flatMap((m) => m.buttons)
        .find((b) => label.test(b.title));
      if (!button) throw new Error(`no button ${label} in the chat`);
      await answered(await send({ text: '', value: button.data }));
    },
    seen: () =>
      inChat()
        .map((m) => m.text)
        .join('\n'),
    buttons: () =>
      (
        inChat()
          .reverse()
          .find((m) => m.buttons.length > 0)?.buttons ?? []
      ).map((b) => b.title),
    async retryLast() {
      if (!last) return;
      await retried(s.server.app, 'teams', async () => void (await send({}, true)));
    },
    close: () => s.close(),
  };
}

describe('channel contract: Teams', { timeout: 60_000 }, () => {
  channelContract(teamsDriver);
});
