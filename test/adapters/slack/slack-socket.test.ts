import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FakeSlack } from './fake-slack.js';
import { dm, eventEnvelope, startSlackServer, type SlackServer } from './slack-server.js';

/** Socket Mode end to end: the fake hands out a loopback WebSocket from `apps.connections.open`. */

let s: SlackServer;
beforeAll(async () => {
  s = await startSlackServer({ SLACK_APP_TOKEN: 'xapp-test-app-token', SLACK_SIGNING_SECRET: '' });
  await s.fake.socketReady();
});
afterAll(async () => {
  await s.close();
});

describe('Slack in Socket Mode', () => {
  test('connects with the app token, serves no HTTP route, and answers a DM after acking its envelope', async () => {
    const open = s.fake.of('apps.connections.open');
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]?.auth).toBe('Bearer xapp-test-app-token');
    expect(s.slack.routes()).toEqual([]);
    expect((await fetch(`${s.base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);

    const event = dm('USOCK1', 'vpn does not connect');
    const envelope = eventEnvelope(event);
    await s.fake.sendEnvelope('events_api', envelope);
    const answer = await vi.waitFor(
      () => {
        const found = s.fake.postedIn('DUSOCK1', event.ts as string)[0];
        if (!found) throw new Error('not answered yet');
        return found;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(FakeSlack.buttons(answer).map((b) => b.value)).toEqual(
      expect.arrayContaining(['feedback:yes', 'feedback:no']),
    );

    // Slack redelivers the same envelope payload (retry_attempt 1): acked, not answered twice.
    await s.fake.sendEnvelope('events_api', envelope, 1);
    const later = dm('USOCK1', 'thanks');
    await s.fake.sendEnvelope('events_api', eventEnvelope(later));
    await vi.waitFor(() => expect(s.fake.postedIn('DUSOCK1', later.ts as string)).toHaveLength(1), {
      timeout: 10_000,
      interval: 20,
    });
    expect(s.fake.postedIn('DUSOCK1', event.ts as string)).toHaveLength(1);
  });
});
