import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startSweepTimer } from '../../src/conversation/core.js';
import { silentLogger } from '../../src/logger.js';
import { Harness } from '../support/helpdesk-harness.js';

describe('startSweepTimer', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => {
    vi.useRealTimers();
    h.close();
  });

  test('runs the sweep every interval until stopped', async () => {
    await h.user('U-1').say('talk to a person');
    h.clock.advance(5 * 60 * 60_000); // past the 4-hour normal SLA
    vi.useFakeTimers();
    const stop = startSweepTimer(h.core, 60, silentLogger());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.channel.of('queue').map((d) => d.event.type)).toEqual(['ticket-created', 'sla-breached']);
    stop();
    h.clock.advance(60 * 60_000);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(h.channel.of('queue')).toHaveLength(2);
  });
});
