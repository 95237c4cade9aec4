import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { deliveryRefused } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { MAX_DELIVERY_ATTEMPTS, OutboxDispatcher } from '../../src/handoff/dispatch.js';
import { channelRegistry, singleNotifier } from '../../src/channels/registry.js';
import { TestChannel } from '../support/test-channel.js';
import { TempDb } from '../support/temp-db.js';

const target = (userId: string) => ({
  channel: 'test',
  conversationId: `dm-${userId}`,
  threadId: undefined,
  userId,
});
const text = (t: string) => [{ type: 'text' as const, text: t }];

describe('OutboxDispatcher', () => {
  let temp: TempDb;
  let clock: ManualClock;
  let channel: TestChannel;
  let dispatcher: OutboxDispatcher;
  beforeEach(() => {
    temp = new TempDb();
    clock = new ManualClock();
    channel = new TestChannel();
    dispatcher = new OutboxDispatcher(temp.stores.outbox, singleNotifier(channel), clock, silentLogger());
  });
  afterEach(() => temp.close());

  test('delivers in order with the outbox id as delivery id', async () => {
    const id1 = temp.stores.outbox.enqueue(
      { kind: 'user', target: target('U1'), replies: text('one') },
      clock.now(),
    );
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U1'), replies: text('two') }, clock.now());
    expect(await dispatcher.flush()).toEqual({ delivered: 2, failed: 0 });
    expect(channel.repliesTo('U1')).toEqual([...text('one'), ...text('two')]);
    expect(channel.deliveries[0]?.deliveryId).toBe(String(id1));
    expect(await dispatcher.flush()).toEqual({ delivered: 0, failed: 0 });
  });

  test('a failing channel keeps deliveries; they arrive after the backoff, still in order', async () => {
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U1'), replies: text('one') }, clock.now());
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U1'), replies: text('two') }, clock.now());
    channel.down = true;
    expect(await dispatcher.flush()).toEqual({ delivered: 0, failed: 1 });
    channel.down = false;
    expect(await dispatcher.flush()).toEqual({ delivered: 0, failed: 0 }); // the first waits for its retry time
    clock.advance(60_000);
    expect(await dispatcher.flush()).toEqual({ delivered: 2, failed: 0 });
    expect(channel.repliesTo('U1')).toEqual([...text('one'), ...text('two')]);
  });

  test('one recipient failing does not hold back another', async () => {
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U1'), replies: text('to U1') }, clock.now());
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U2'), replies: text('to U2') }, clock.now());
    let calls = 0;
    const original = channel.deliverToUser.bind(channel);
    channel.deliverToUser = async (t, r, m) => {
      calls += 1;
      if (t.userId === 'U1') throw new Error('U1 unreachable');
      return original(t, r, m);
    };
    expect(await dispatcher.flush()).toEqual({ delivered: 1, failed: 1 });
    expect(calls).toBe(2);
    expect(channel.repliesTo('U2')).toEqual(text('to U2'));
  });

  test('gives up after the maximum number of attempts', async () => {
    temp.stores.outbox.enqueue(
      { kind: 'queue', channel: 'test', event: { type: 'ticket-cancelled', ticket: {} as never } },
      clock.now(),
    );
    channel.down = true;
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await dispatcher.flush();
      clock.advance(2 * 60 * 60 * 1000);
    }
    expect(temp.stores.outbox.pendingCount()).toBe(0);
  });

  test('concurrent flushes never deliver twice', async () => {
    for (let i = 0; i < 5; i++) {
      temp.stores.outbox.enqueue({ kind: 'user', target: target('U1'), replies: text(`m${i}`) }, clock.now());
    }
    await Promise.all([dispatcher.flush(), dispatcher.flush(), dispatcher.flush()]);
    expect(channel.repliesTo('U1')).toHaveLength(5);
    expect(await dispatcher.flush()).toEqual({ delivered: 0, failed: 0 });
  });

  test('a delivery that never answers times out, is retried later, and holds back no one else', async () => {
    dispatcher = new OutboxDispatcher(temp.stores.outbox, singleNotifier(channel), clock, silentLogger(), {
      deliveryMs: 30,
    });
    const original = channel.deliverToUser.bind(channel);
    channel.deliverToUser = (t, r, m) =>
      t.userId === 'U1' ? new Promise<void>(() => undefined) : original(t, r, m);
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U1'), replies: text('to U1') }, clock.now());
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U2'), replies: text('to U2') }, clock.now());
    expect(await dispatcher.flush()).toEqual({ delivered: 1, failed: 1 });
    expect(channel.repliesTo('U2')).toEqual(text('to U2'));
    channel.deliverToUser = original;
    clock.advance(60_000);
    expect(await dispatcher.flush()).toEqual({ delivered: 1, failed: 0 });
    expect(channel.repliesTo('U1')).toEqual(text('to U1'));
  });

  test('each channel has its own lane: one that hangs holds up only its own deliveries', async () => {
    const web = new TestChannel();
    const slack = new TestChannel();
    slack.deliverToUser = () => new Promise<void>(() => undefined);
    dispatcher = new OutboxDispatcher(
      temp.stores.outbox,
      channelRegistry([
        { name: 'web', notifier: web, hostsQueue: true },
        { name: 'slack', notifier: slack, hostsQueue: true },
      ]),
      clock,
      silentLogger(),
      { deliveryMs: 60_000 },
    );
    const slackTarget = { ...target('U1'), channel: 'slack' };
    const webTarget = { ...target('U2'), channel: 'web' };
    temp.stores.outbox.enqueue({ kind: 'user', target: slackTarget, replies: text('stuck') }, clock.now());
    temp.stores.outbox.enqueue({ kind: 'user', target: webTarget, replies: text('to web') }, clock.now());
    dispatcher.kick();
    // Joins the flush the kick started, which the hung Slack delivery does not hold up.
    expect(await dispatcher.flushChannel('web')).toEqual({ delivered: 1, failed: 0 });
    expect(web.repliesTo('U2')).toEqual(text('to web'));
    expect(temp.stores.outbox.pendingChannels()).toEqual(['slack']);
  });

  test('a delivery for a channel that does not run fails and is kept for a retry', async () => {
    dispatcher = new OutboxDispatcher(
      temp.stores.outbox,
      channelRegistry([{ name: 'web', notifier: channel, hostsQueue: true }]),
      clock,
      silentLogger(),
    );
    temp.stores.outbox.enqueue(
      { kind: 'user', target: { ...target('U1'), channel: 'teams' }, replies: text('later') },
      clock.now(),
    );
    expect(await dispatcher.flush()).toEqual({ delivered: 0, failed: 1 });
    expect(temp.stores.outbox.pendingCount()).toBe(1);
  });

  test("a remote's Retry-After sets the next attempt; a permanent refusal is given up at once", async () => {
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U1'), replies: text('429') }, clock.now());
    temp.stores.outbox.enqueue({ kind: 'user', target: target('U2'), replies: text('gone') }, clock.now());
    const original = channel.deliverToUser.bind(channel);
    let limited = true;
    channel.deliverToUser = async (t, r, m) => {
      if (t.userId === 'U2') throw deliveryRefused('channel_not_found', { status: 404, permanent: true });
      if (limited) throw deliveryRefused('ratelimited', { status: 429, retryAfterMs: 5_000 });
      return original(t, r, m);
    };
    expect(await dispatcher.flush()).toEqual({ delivered: 0, failed: 2 });
    expect(temp.stores.outbox.pendingCount()).toBe(1);
    limited = false;
    clock.advance(4_000);
    expect(await dispatcher.flush()).toEqual({ delivered: 0, failed: 0 });
    clock.advance(1_000);
    expect(await dispatcher.flush()).toEqual({ delivered: 1, failed: 0 });
    expect(await dispatcher.flush()).toEqual({ delivered: 0, failed: 0 });
    expect(channel.repliesTo('U1')).toEqual(text('429'));
  });
});
