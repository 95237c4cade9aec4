import { CloudAdapter, type TurnContext } from 'botbuilder';
import {
  errorMessage,
  type ChannelAdapter,
  type ChannelContext,
  type Config,
  type HttpRoute,
} from '../../src/index.js';
import { TeamsBotAuthentication } from './bot-auth.js';
import { TEAMS_CHANNEL, type TeamsDeps } from './handlers/deps.js';
import { onTurn } from './handlers/turn.js';
import { messagesRoute, MESSAGES_PATH } from './messages-route.js';
import { Proactive } from './proactive.js';
import { TeamsNotifier } from './teams-notifier.js';
import { TeamsStore } from './teams-store.js';

/** Options of the Teams adapter; `config.teams` carries the MICROSOFT_APP_* settings. */
export interface TeamsAdapterOptions {
  config: Config;
}

/**
 * Microsoft Teams through Bot Framework (`botbuilder` CloudAdapter) on the shared server at
 * `POST /api/messages`. Employees chat with the bot in a personal chat or @mention it in channels
 * and group chats; Tier 2/3 agents work tickets in queue channels (ticket cards with buttons, the
 * employee's words in the card's reply chain). Everything botbuilder-specific lives in this folder,
 * so moving to the Microsoft 365 Agents SDK replaces this folder only.
 */
export class TeamsAdapter implements ChannelAdapter {
  readonly name = TEAMS_CHANNEL;
  readonly hostsQueue = true;
  readonly notifier = new TeamsNotifier();
  private running: { deps: TeamsDeps; adapter: CloudAdapter } | undefined;

  constructor(private readonly options: TeamsAdapterOptions) {}

  /** True when MICROSOFT_APP_ID is set: inbound requests must be signed by the Bot Framework. */
  get authEnabled(): boolean {
    return Boolean(this.options.config.teams.appId);
  }

  async start(ctx: ChannelContext): Promise<void> {
    const teams = ctx.config.teams;
    const adapter = new CloudAdapter(new TeamsBotAuthentication(teams));
    const store = new TeamsStore(ctx.state);
    const deps: TeamsDeps = {
      core: ctx.core,
      config: ctx.config,
      logger: ctx.logger,
      store,
      agents: ctx.agents,
    };
    this.notifier.attach({ store, proactive: new Proactive(adapter, teams.appId ?? ''), logger: ctx.logger });
    this.running = { deps, adapter };
    const pruned = store.pruneSent();
    if (pruned > 0) ctx.logger.debug({ pruned }, 'forgot old Teams delivery ids');
    if (this.authEnabled) {
      ctx.logger.info({ appType: teams.appType }, 'Teams: Bot Framework authentication is on');
    } else {
      ctx.logger.warn(
        'Teams: MICROSOFT_APP_ID is not set, so authentication is OFF: anyone who can reach /api/messages can ' +
          'post activities. Use this only locally (Bot Framework Emulator, tests).',
      );
    }
  }

  routes(): HttpRoute[] {
    const running = this.running;
    if (!running) throw new Error('the Teams adapter is not started');
    return [
      messagesRoute({
        adapter: running.adapter,
        logger: running.deps.logger,
        authEnabled: this.authEnabled,
        onTurn: (context: TurnContext) => this.turn(context),
      }),
    ];
  }

  describe(baseUrl: string): string[] {
    return [
      `Teams: messaging endpoint ${baseUrl}${MESSAGES_PATH} (authentication ${this.authEnabled ? 'on' : 'OFF'})`,
    ];
  }

  async stop(): Promise<void> {
    this.notifier.attach(undefined);
    this.running = undefined;
  }

  private async turn(context: TurnContext): Promise<void> {
    const running = this.running;
    if (!running) throw new Error('the Teams adapter is stopped');
    try {
      await onTurn(running.deps, context);
    } catch (error) {
      // A failed turn is answered 500 (Teams retries it; the core dedups by message id).
      running.deps.logger.error(
        {
          err: errorMessage(error),
          type: context.activity.type,
          conversationId: context.activity.conversation?.id,
        },
        'Teams turn failed',
      );
      throw error;
    }
  }
}
