import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { Config } from '../../src/index.js';

// botframework-connector's types, taken from botbuilder's API (the package is not a direct dependency).
type Base = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<Base['authenticateRequest']>>;
type ClaimsIdentity = Parameters<Base['createConnectorFactory']>[0];
/** Makes the connector clients a turn uses to call the Bot Connector. */
export type ConnectorFactory = ReturnType<Base['createConnectorFactory']>;
/** The Bot Connector REST client. */
export type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** The connector client's internals this module touches: its @azure/core-client pipeline. */
interface WithPipeline {
  client?: { pipeline?: { removePolicy(options: { phase?: string; name?: string }): unknown } };
}

/**
 * A connector client without the HTTP pipeline's own retries. The Azure pipeline under
 * botframework-connector retries 429 and 5xx answers in-process (honouring Retry-After); a retry
 * that outlasts the outbox's delivery timeout would then post the same message twice. Failures
 * go to the outbox instead, which retries once, when the connector said to.
 */
export function withoutRetries(factory: ConnectorFactory): ConnectorFactory {
  return {
    async create(serviceUrl: string, audience?: string) {
      const client = await factory.create(serviceUrl, audience);
      (client as unknown as WithPipeline).client?.pipeline?.removePolicy({ phase: 'Retry' });
      return client;
    },
  } as ConnectorFactory;
}

/**
 * Bot Framework authentication from the MICROSOFT_APP_* settings. With no app id it is off (local
 * use): inbound requests are not checked and no token is fetched for outbound calls. Connector
 * clients it makes never retry on their own (see `withoutRetries`).
 */
export class TeamsBotAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(teams: Config['teams']) {
    super({
      MicrosoftAppId: teams.appId ?? '',
      MicrosoftAppPassword: teams.appPassword ?? '',
      MicrosoftAppType: teams.appType,
      MicrosoftAppTenantId: teams.tenantId ?? '',
    });
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory
      ? { ...result, connectorFactory: withoutRetries(result.connectorFactory) }
      : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return withoutRetries(super.createConnectorFactory(claimsIdentity));
  }
}
