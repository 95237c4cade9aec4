import type { Logger } from '../logger.js';
import type { AgentAction, AgentResult } from '../handoff/agent-action.js';
import type { FlushResult } from '../handoff/dispatch.js';
import { handleAgentAction } from '../handoff/handle-agent-action.js';
import { sweep, type SweepResult } from '../handoff/sweep.js';
import { errorMessage } from '../errors.js';
import { createContext, type CoreDeps } from './context.js';
import { handleMessage } from './handle-message.js';
import type { IncomingMessage, Reply } from './types.js';

/**
 * The channel-neutral helpdesk: what every adapter talks to. Employees' messages and button
 * presses go to `handleMessage`, agents' actions to `handleAgentAction`; `sweep` is the periodic
 * SLA / retry job. Proactive messages leave through the injected `ChannelNotifier`.
 */
export interface HelpdeskCore {
  handleMessage(incoming: IncomingMessage): Promise<Reply[]>;
  handleAgentAction(action: AgentAction): Promise<AgentResult>;
  sweep(): Promise<SweepResult>;
  /** Delivers pending outbox entries now (handy at start-up, after a restart). */
  flush(): Promise<FlushResult>;
}

/** Wires the core from its ports; production passes the SQLite stores, the KB retriever and the adapters' notifier. */
export function createHelpdeskCore(deps: CoreDeps): HelpdeskCore {
  const ctx = createContext(deps);
  return {
    handleMessage: (incoming) => handleMessage(ctx, incoming),
    handleAgentAction: (action) => handleAgentAction(ctx, action),
    sweep: () => sweep(ctx),
    flush: () => ctx.dispatcher.flush(),
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
