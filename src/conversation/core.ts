import type { Logger } from '../logger.js';
import type { AgentAction, AgentResult } from '../handoff/agent-action.js';
import type { FlushResult } from '../handoff/dispatch.js';
import { handleAgentAction } from '../handoff/handle-agent-action.js';
import { sweep, type SweepResult } from '../handoff/sweep.js';
import { errorMessage } from '../errors.js';
import { createContext, type CoreDeps } from './context.js';
import { handleMessage, recoverUnconfirmedReplies, reportReplies } from './handle-message.js';
import type { IncomingMessage, Reply } from './types.js';

/**
 * The channel-neutral helpdesk: what every adapter talks to. Employees' messages and button
 * presses go to `handleMessage`, agents' actions to `handleAgentAction`; `sweep` is the periodic
 * SLA / retry job. Proactive messages leave through the injected `ChannelNotifier`.
 */
export interface HelpdeskCore {
  handleMessage(incoming: IncomingMessage): Promise<Reply[]>;
  /**
   * Whether the replies `handleMessage` returned for a message reached the employee. Every
   * channel reports it: replies not shown go out again through the outbox (see `reportReplies`).
   */
  reportReplies(
    ref: Pick<IncomingMessage, 'channel' | 'conversationId' | 'messageId'>,
    delivered: boolean,
  ): void;
  handleAgentAction(action: AgentAction): Promise<AgentResult>;
  sweep(): Promise<SweepResult>;
  /** Delivers pending outbox entries now, in every channel's lane. */
  flush(): Promise<FlushResult>;
  /** Resolves once no delivery is running (at most `ms`): for shutdown, and for tests. */
  idle(ms?: number): Promise<void>;
  /** Start-up: replies a killed process never saw confirmed go to the outbox. */
  recover(): number;
}

/** Wires the core from its ports; production passes the SQLite stores, the KB retriever and the adapters' notifier. */
export function createHelpdeskCore(deps: CoreDeps): HelpdeskCore {
  const ctx = createContext(deps);
  return {
    handleMessage: (incoming) => handleMessage(ctx, incoming),
    reportReplies: (ref, delivered) => reportReplies(ctx, ref, delivered),
    handleAgentAction: (action) => handleAgentAction(ctx, action),
    sweep: () => sweep(ctx),
    flush: () => ctx.dispatcher.flush(),
    idle: (ms) => ctx.dispatcher.idle(ms),
    recover: () => recoverUnconfirmedReplies(ctx),
  };
}

/**
 * Calls `core.sweep()` every `intervalSeconds` (SWEEP_INTERVAL_SECONDS) until the returned
 * function is called. Runs never overlap; the timer does not keep the process alive.
 */
export function startSweepTimer(core: HelpdeskCore, intervalSeconds: number, logger: Logger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    core
      .sweep()
      .then((r) => {
        if (r.announced.length > 0 || r.failed > 0) logger.info(r, 'sweep');
      })
      .catch((error: unknown) => logger.error({ err: errorMessage(error) }, 'sweep failed'))
      .finally(() => {
        running = false;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
