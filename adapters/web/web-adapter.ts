import type { ChannelAdapter, ChannelContext, Config, HttpRoute } from '../../src/index.js';
import { Assets } from './assets.js';
import { ConsoleAssets } from './console/console-assets.js';
import { ConsoleAuth } from './console/console-auth.js';
import type { ConsoleDeps } from './console/console-deps.js';
import { ConsoleHub } from './console/console-hub.js';
import { consoleRoutes } from './console/console-routes.js';
import { AgentSessions } from './console/console-session.js';
import { LoginLimiter } from './console/login-limiter.js';
import type { WebDeps } from './deps.js';
import { Identity } from './identity.js';
import { LiveHub } from './live-hub.js';
import { Mailbox, WEB_MIGRATIONS } from './mailbox.js';
import { eventsRoute } from './routes/events.js';
import { historyRoute } from './routes/history.js';
import { kbRoute } from './routes/kb.js';
import { logoutRoute } from './routes/logout.js';
import { meRoute } from './routes/me.js';
import { messagesRoute } from './routes/messages.js';
import { pageRoute } from './routes/page.js';
import { sessionRoute } from './routes/session.js';
import { staticRoute } from './routes/static.js';
import { SessionCodec, sessionSecret } from './session.js';
import { Turns, WEB_CHANNEL } from './turns.js';
import { WebNotifier } from './web-notifier.js';

/**
 * The web chat (`GET /` on the shared server): employees chat in a browser with the same answers,
 * buttons, handoff and agent messages as in any channel, live over server-sent events. Identity
 * is a signed session cookie for local use, or the single sign-on proxy's header when
 * `WEB_USER_HEADER` is set. It also hosts the agent console (`/agent`): every queue, whatever
 * channel the employee is on, live; tickets; learning from resolutions; the dashboard.
 */
export class WebAdapter implements ChannelAdapter {
  readonly name = WEB_CHANNEL;
  readonly hostsQueue = true;
  readonly migrations = WEB_MIGRATIONS;
  readonly notifier = new WebNotifier();
  private deps: WebDeps | undefined;
  private console: ConsoleDeps | undefined;

  constructor(private readonly options: { config: Config; assets?: Assets }) {}

  async start(ctx: ChannelContext): Promise<void> {
    const mailbox = new Mailbox(ctx.db);
    const hub = new LiveHub();
    const secret = sessionSecret(ctx.config.web.sessionSecret, ctx.state);
    const sessions = new SessionCodec(secret);
    this.deps = {
      config: ctx.config,
      core: ctx.core,
      logger: ctx.logger,
      knowledge: ctx.knowledge,
      mailbox,
      hub,
      sessions,
      identity: new Identity(ctx.config.web.userHeader, sessions),
      assets: this.options.assets ?? new Assets(),
      turns: new Turns({ core: ctx.core, mailbox, hub, config: ctx.config, logger: ctx.logger }),
    };
    if (ctx.console) {
      const agentSessions = new AgentSessions();
      this.console = {
        config: ctx.config,
        core: ctx.core,
        logger: ctx.logger,
        knowledge: ctx.knowledge,
        services: ctx.console,
        sessions: agentSessions,
        auth: new ConsoleAuth({
          services: ctx.console,
          sessions: agentSessions,
          userHeader: ctx.config.web.userHeader,
          secret,
          publicUrl: ctx.config.http.publicUrl,
        }),
        hub: new ConsoleHub(),
        limiter: new LoginLimiter(),
        assets: new ConsoleAssets(),
      };
    }
    this.notifier.attach({ mailbox, hub, logger: ctx.logger, console: this.console?.hub });
  }

  routes(): HttpRoute[] {
    const deps = this.deps;
    if (!deps) throw new Error('the web adapter is not started');
    return [
      pageRoute(deps),
      staticRoute(deps),
      kbRoute(deps),
      meRoute(deps),
      sessionRoute(deps),
      logoutRoute(deps),
      messagesRoute(deps),
      historyRoute(deps),
      eventsRoute(deps),
      ...(this.console ? consoleRoutes(this.console) : []),
    ];
  }

  describe(baseUrl: string): string[] {
    const identity = this.options.config.web.userHeader
      ? `users named by the ${this.options.config.web.userHeader} header`
      : 'sign-in by name';
    return [`web chat: ${baseUrl}/ (${identity})`, `agent console: ${baseUrl}/agent`];
  }

  /** Open live streams (for tests and metrics). */
  get openStreams(): number {
    return this.deps?.hub.size ?? 0;
  }

  async stop(): Promise<void> {
    this.deps?.hub.closeAll();
    this.console?.hub.closeAll();
    this.notifier.attach(undefined);
  }
}
