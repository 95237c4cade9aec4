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
