import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { dm, eventEnvelope, postEvent, startSlackServer, type SlackServer } from './slack-server.js';

let s: SlackServer;
beforeAll(async () => {
  // Every turn counts as slow here, so that the indicator shows without slowing the test down.
  s = await startSlackServer({}, { workingAfterMs: 0 });
});
afterAll(async () => {
  await s.close();
});

describe('Slack: the employee sees the bot is working', () => {
  test('a slow turn puts an eyes reaction on the message, removed once the answer is posted', async () => {
    const event = dm('UWAIT', 'vpn wont connect');
    expect((await postEvent(s, eventEnvelope(event))).status).toBe(200);
    await vi.waitFor(() => expect(s.fake.postedIn('DUWAIT').length).toBeGreaterThan(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(s.fake.of('reactions.remove').length).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    const on = (method: string) =>
      s.fake.of(method).filter((c) => c.args.timestamp === event.ts && c.args.name === 'eyes');
    expect(on('reactions.add')).toHaveLength(1);
    expect(on('reactions.remove')).toHaveLength(1);
    const order = s.fake.calls.map((c) => c.method);
    expect(order.indexOf('reactions.add')).toBeLessThan(order.lastIndexOf('reactions.remove'));
  });
});

describe('Slack: suggested prompts in the assistant pane', () => {
  test('opening the assistant pane suggests the most asked topics, each sending one of its phrasings', async () => {
    // One question answered first: VPN is now what employees ask about most (though the
    // knowledge base lists the printer articles first).
    const asked = dm('UPROMPT', 'vpn wont connect');
    await postEvent(s, eventEnvelope(asked));
    await vi.waitFor(() => expect(s.fake.postedIn('DUPROMPT').length).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    const started = {
      type: 'assistant_thread_started',
      assistant_thread: {
        user_id: 'UPROMPT',
        channel_id: 'DUPROMPT',
        thread_ts: '1800000900.000001',
        context: {},
      },
      event_ts: '1800000900.000002',
    };
    expect((await postEvent(s, eventEnvelope(started))).status).toBe(200);
    const call = await vi.waitFor(
      () => {
        const found = s.fake.of('assistant.threads.setSuggestedPrompts')[0];
        if (!found) throw new Error('no prompts yet');
        return found;
      },
      { timeout: 10_000 },
    );
    expect(call.args).toMatchObject({
      channel_id: 'DUPROMPT',
      thread_ts: '1800000900.000001',
      title: 'Most asked',
    });
    const prompts = call.args.prompts as { title: string; message: string }[];
    expect(prompts.length).toBe(4);
    expect(prompts[0]?.title).toMatch(/VPN/);
    expect(prompts.slice(1).map((p) => p.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/printer/i)]),
    );
    for (const p of prompts) expect(p.message.length).toBeGreaterThan(0);
  });
});
