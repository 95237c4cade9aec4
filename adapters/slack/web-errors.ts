import { webApi } from '@slack/bolt';
import { deliveryRefused, errorMessage, type HelpdeskError } from '../../src/index.js';

/**
 * Slack errors after which trying again cannot help: the bot was removed, the channel or user is
 * gone, the token was revoked. The outbox gives such a delivery up instead of retrying for a day.
 */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'restricted_action',
  'msg_too_long',
  'invalid_blocks',
  'invalid_blocks_format',
  'no_text',
  'message_not_found',
  'cant_update_message',
  'team_access_not_granted',
]);

/** The Slack error code (`channel_not_found`) of a failed Web API call, if it has one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  return undefined;
}

/**
 * A failed Web API call as the outbox understands it: a 429 carries Slack's `Retry-After`, a
 * permanent refusal is marked so, anything else (network, 5xx) is retried with backoff.
 */
export function toDeliveryError(error: unknown, what: string): HelpdeskError {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return deliveryRefused(`${what}: rate limited by Slack`, {
      status: 429,
      retryAfterMs: Math.max(0, error.retryAfter) * 1000,
      cause: error,
    });
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    return deliveryRefused(`${what}: Slack said ${code}`, {
      permanent: PERMANENT_SLACK_ERRORS.has(code),
      cause: error,
    });
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return deliveryRefused(`${what}: HTTP ${error.statusCode}`, {
      status: error.statusCode,
      permanent: error.statusCode === 404 || error.statusCode === 403,
      cause: error,
    });
  }
  return deliveryRefused(`${what}: ${errorMessage(error)}`, { cause: error });
}
