import path from 'node:path';
import { describe, expect, vi } from 'vitest';
import { WebAdapter } from '../../adapters/web/web-adapter.js';
import { WebEmployee, type ChatEvent } from '../../scripts/lib/web-employee.js';
import { silentLogger } from '../../src/logger.js';
import { startServer } from '../../src/server/serve.js';
import { KB_SMALL, testConfig } from '../support/helpdesk-harness.js';
import { SseReader } from '../adapters/web/web-server.js';
import { TestAdapter } from '../support/test-adapter.js';
import { tempDir } from '../support/temp-dir.js';
import { CONTRACT_ENV, channelContract, type ChannelDriver } from './channel-contract.js';

/** Visible text of an event's HTML, as a person reads it. */
function visible(event: ChatEvent): string {
  const text = event.html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return [event.author, text, ...(event.choices ?? []).map((c) => `[${c.label}]`)].filter(Boolean).join(' ');
}

/** The web chat on the real server, over its HTTP API and its live stream, as the page uses them. */
async function webDriver(): Promise<ChannelDriver> {
  const { dir, cleanup } = await tempDir('contract-web');
  const config = testConfig(path.join(dir, 'helpdesk.db'), {
    ...CONTRACT_ENV,
    KB_DIR: KB_SMALL,
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const agent = new TestAdapter('test');
  const server = await startServer(config, silentLogger(), [new WebAdapter({ config }), agent]);
  const employee = new WebEmployee(`http://127.0.0.1:${server.port}`, 'Ivan');
  await employee.signIn();
  const shown = new Map<number, ChatEvent>();
  const controller = new AbortController();
  const stream = new SseReader(
    await fetch(`${employee.url}/api/chat/events`, {
      headers: { accept: 'text/event-stream', ...employee.headers },
      signal: controller.signal,
    }),
    controller,
  );
  let counter = 0;
  let last: { messageId: string; text?: string; action?: string } | undefined;
  const send = async (
    body: { text?: string; action?: string },
    messageId = `web-message-${(counter += 1)}`,
  ) => {
    last = { messageId, ...body };
    const sent = await employee.send(last);
    expect(sent.status).toBe(200);
    for (const event of sent.events) shown.set(event.id, event);
  };
  // What the page shows: the answers to its posts and what the live stream brought, once each.
  const ordered = () => {
    for (const event of stream.events) shown.set(event.id, event);
    return [...shown.values()].sort((a, b) => a.id - b.id);
  };
  return {
    agent,
    say: (text) => send({ text }),
    async press(label) {
      const choice = ordered()
        .filter((e) => e.kind === 'choices')
        .at(-1)
        ?.choices?.find((c) => label.test(c.label));
      if (!choice) throw new Error(`no button ${label}: ${JSON.stringify(ordered().at(-1))}`);
      await send({ action: choice.id });
    },
    seen: () => ordered().map(visible).join('\n'),
    buttons: () =>
      ordered()
        .filter((e) => e.kind === 'choices')
        .at(-1)
        ?.choices?.map((c) => c.label) ?? [],
    async retryLast() {
      if (!last) return;
      const before = ordered().length;
      const { messageId, ...body } = last;
      await send(body, messageId);
      // Whatever the retry returned is what was already there: nothing new appears.
      await vi.waitFor(() => expect(ordered().length).toBe(before));
    },
    async close() {
      stream.close();
      await server.shutdown();
      await cleanup();
    },
  };
}

describe('channel contract: web chat', { timeout: 60_000 }, () => {
  channelContract(webDriver);
});
