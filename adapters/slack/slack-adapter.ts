import { App, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import {
  ErrorCodes,
  errorMessage,
  HelpdeskError,
  type ChannelAdapter,
  type ChannelContext,
  type Config,
  type HttpRoute,
} from '../../src/index.js';
import { boltLogger } from './bolt-logger.js';
import { SLACK, type SlackDeps } from './deps.js';
import { onActions } from './handlers/actions.js';
import { onCommand } from './handlers/command.js';
import { onHomeOpened } from './handlers/home.js';
import { onMention } from './handlers/mention.js';
import { onMessage } from './handlers/message.js';
import { People } from './people.js';
import { EVENTS_PATH, RouteReceiver } from './receiver.js';
import { SlackNotifier } from './slack-notifier.js';
import { SlackState } from './slack-state.js';
import { slackErrorCode } from './web-errors.js';
import { WORKING_AFTER_MS } from './employee-turn.js';
import { onAssistantThread } from './handlers/assistant.js';

/** What the adapter is built from: the configuration (`config.slack`), and a clock for tests. */
export interface SlackAdapterOptions {
  config: Config;
  /** Milliseconds since the epoch, for the signature's age check. */
  now?: () => number;
  /** How long a turn runs before the employee sees the bot is on it (default a second). */
  workingAfterMs?: number;
}

/** Web API client settings: its own retries never outlast the outbox, which owns retrying. */
export function webClientOptions(
  config: Config,
  logger: ReturnType<typeof boltLogger>,
): webApi.WebClientOptions {
  const apiUrl = config.slack.apiUrl;
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 8000,
    logger,
  };
}

/**
 * Slack through Bolt: employees ask in direct messages and mentions, Tier 2/3 agents work ticket
 * cards in the queue channels (`SLACK_TIER2_CHANNEL`, `SLACK_TIER3_CHANNEL`) and with
 * `/helpdesk`. HTTP mode serves `POST /slack/events` on the shared server; with
 * `SLACK_APP_TOKEN` it runs Socket Mode instead and serves no route.
 */
export class SlackAdapter implements ChannelAdapter {
  readonly name = SLACK;
  readonly hostsQueue = true;
  readonly notifier = new SlackNotifier();
  private app: App | undefined;
  private receiver: RouteReceiver | undefined;
  private deps: SlackDeps | undefined;

  constructor(private readonly options: SlackAdapterOptions) {}

  /** True when `SLACK_APP_TOKEN` is set: events come over a WebSocket, not HTTP. */
  get socketMode(): boolean {
    return Boolean(this.options.config.slack.appToken);
  }

  async start(ctx: ChannelContext): Promise<void> {
    const { slack } = ctx.config;
    const token = slack.botToken;
    if (!token) throw new HelpdeskError(ErrorCodes.CONFIG_INVALID, 'SLACK_BOT_TOKEN is required for Slack');
    const logger = ctx.logger.child({ channel: SLACK });
    const bolt = boltLogger(logger);
    const clientOptions = webClientOptions(ctx.config, bolt);
    const ids = await whoAmI(new webApi.WebClient(token, clientOptions), logger);

    let receiver: Receiver;
    if (slack.appToken) {
      receiver = new SocketModeReceiver({
        appToken: slack.appToken,
        logger: bolt,
        // The socket's own client (apps.connections.open) keeps its reconnect retries.
        installerOptions: {
          clientOptions: { ...(clientOptions.slackApiUrl ? { slackApiUrl: clientOptions.slackApiUrl } : {}) },
        },
      });
    } else {
      if (!slack.signingSecret) {
        throw new HelpdeskError(ErrorCodes.CONFIG_INVALID, 'SLACK_SIGNING_SECRET is required in HTTP mode');
      }
      this.receiver = new RouteReceiver(slack.signingSecret, logger, this.options.now);
      receiver = this.receiver;
    }
    const app = new App({
      token,
      ...(ids.botUserId && ids.botId ? { botUserId: ids.botUserId, botId: ids.botId } : {}),
      receiver,
      clientOptions,
      logger: bolt,
      processBeforeResponse: false,
      tokenVerificationEnabled: false,
      ignoreSelf: true,
      deferInitialization: true,
    });
    await app.init();
    app.error(async (error) => {
      logger.error({ err: errorMessage(error) }, 'slack listener failed');
    });

    const state = new SlackState(ctx.state);
    const deps: SlackDeps = {
      core: ctx.core,
      config: ctx.config,
      logger,
      knowledge: ctx.knowledge,
      client: app.client,
      state,
      people: new People(() => app.client, logger),
      botUserId: ids.botUserId,
      publicUrl: ctx.config.http.publicUrl,
      workingAfterMs: this.options.workingAfterMs ?? WORKING_AFTER_MS,
      topics: (lang, limit) => ctx.topics(lang, limit),
    };
    const get = () => deps;
    onMessage(app, get);
    onMention(app, get);
    onActions(app, get);
    onCommand(app, get);
    onHomeOpened(app, get);
    onAssistantThread(app, get);
    this.app = app;
    this.deps = deps;
    this.notifier.attach(deps);
    state.pruneDeliverySteps();
    if (slack.appToken) await app.start();
  }

  routes(): HttpRoute[] {
    return this.receiver ? [this.receiver.route()] : [];
  }

  describe(baseUrl: string): string[] {
    const queue = this.options.config.slack.tier2Channel ?? '(no SLACK_TIER2_CHANNEL: queue not shown)';
    return this.socketMode
      ? [`slack: Socket Mode; Tier 2 queue in ${queue}`]
      : [`slack: events at ${baseUrl}${EVENTS_PATH}; Tier 2 queue in ${queue}`];
  }

  async stop(): Promise<void> {
    this.notifier.attach(undefined);
    const app = this.app;
    this.app = undefined;
    if (app && this.socketMode) {
      await app
        .stop()
        .catch((error: unknown) => this.deps?.logger.warn({ err: errorMessage(error) }, 'slack stop failed'));
    }
  }
}

/**
 * The bot's own ids from `auth.test`. A refused token stops the start (nothing would work);
 * Slack out of reach does not: Bolt asks again on the first event.
 */
async function whoAmI(
  client: webApi.WebClient,
  logger: ChannelContext['logger'],
): Promise<{ botUserId: string | undefined; botId: string | undefined }> {
  try {
    const res = await client.auth.test();
    return { botUserId: res.user_id, botId: res.bot_id };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code)
      throw new HelpdeskError(ErrorCodes.CONFIG_INVALID, `Slack refused SLACK_BOT_TOKEN: ${code}`, {
        cause: error,
      });
    logger.warn({ err: errorMessage(error) }, 'slack auth.test failed; going on without the bot id');
    return { botUserId: undefined, botId: undefined };
  }
}
