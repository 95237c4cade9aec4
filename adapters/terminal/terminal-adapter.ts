import type { ChannelAdapter, HelpdeskCore } from '../../src/index.js';
import type { TerminalButtons } from './buttons.js';
import { TerminalNotifier } from './terminal-notifier.js';

/** The terminal chat's channel name: its people are `terminal:<name>`. */
export const TERMINAL_CHANNEL = 'terminal';

/**
 * The terminal as a channel of the platform: what the core says on its own (queue, relays,
 * pages) is printed; the chat loop (`runTerminalChat`) feeds typed lines to the core it gets here.
 */
export class TerminalAdapter implements ChannelAdapter {
  readonly name = TERMINAL_CHANNEL;
  readonly hostsQueue = true;
  readonly notifier: TerminalNotifier;
  private running: HelpdeskCore | undefined;

  constructor(print: (text: string) => void, buttons: TerminalButtons) {
    this.notifier = new TerminalNotifier(print, buttons);
  }

  /** The core, once started. */
  get core(): HelpdeskCore {
    if (!this.running) throw new Error('the terminal adapter is not started');
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
