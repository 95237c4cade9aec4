import type { ChannelAdapter, HelpdeskCore } from '../../src/index.js';
import { TestChannel } from './test-channel.js';

/**
 * A channel for tests that records what the core sends it (a `TestChannel`) and hands out the
 * core, so that a test can play an agent or an employee on a second channel of a real server.
 */
export class TestAdapter implements ChannelAdapter {
  readonly notifier = new TestChannel();
  private running: HelpdeskCore | undefined;

  constructor(
    readonly name = 'test',
    readonly hostsQueue = true,
  ) {}

  get core(): HelpdeskCore {
    if (!this.running) throw new Error(`the ${this.name} adapter is not started`);
    return this.running;
  }

  async start(context: { core: HelpdeskCore }): Promise<void> {
    this.running = context.core;
  }

  routes() {
    return [];
  }

  async stop(): Promise<void> {
    this.running = undefined;
  }
}
