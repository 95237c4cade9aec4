import type { IncomingMessage as NodeRequest, ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { errorMessage, readJson, sendJson, statusOf, type HttpRoute, type Logger } from '../../src/index.js';
import { checkActivity } from './activity-check.js';
import { shimRequest, shimResponse } from './http-shim.js';

/** The Bot Framework messaging endpoint every Teams bot registers. */
export const MESSAGES_PATH = '/api/messages';

/** What the route needs from the running adapter. */
export interface RouteDeps {
  adapter: CloudAdapter;
  logger: Logger;
  /** True when an app id is set: requests must carry the Bot Framework's signed token. */
  authEnabled: boolean;
  onTurn(context: TurnContext): Promise<void>;
}

/**
 * `POST /api/messages`: reads and checks the activity itself (400 for bad JSON, no conversation,
 * no service URL), refuses an unsigned request when authentication is on (401), and hands the
 * rest to `CloudAdapter.process`, which verifies the token and runs the turn. A turn that fails is
 * logged and answered 500; nothing a client sends can crash the server.
 */
export function messagesRoute(deps: RouteDeps): HttpRoute {
  return {
    method: 'POST',
    path: MESSAGES_PATH,
    async handle(req: NodeRequest, res: ServerResponse) {
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (error) {
        const { status, message } = statusOf(error);
        sendJson(res, status, { error: message });
        return;
      }
      const check = checkActivity(body);
      if (!check.ok) {
        sendJson(res, 400, { error: check.reason });
        return;
      }
      if (deps.authEnabled && !req.headers.authorization) {
        sendJson(res, 401, { error: 'missing Bot Framework authorization' });
        return;
      }
      try {
        await deps.adapter.process(shimRequest(req, check.activity), shimResponse(res), (context) =>
          deps.onTurn(context),
        );
      } catch (error) {
        deps.logger.error({ err: errorMessage(error) }, 'a Teams activity could not be processed');
        sendJson(res, 500, { error: 'Internal error' });
      }
    },
  };
}
