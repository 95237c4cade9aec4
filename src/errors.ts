/**
 * Every error the bot raises on purpose carries a stable code, so that callers (CLI, adapters,
 * tests) branch on the code rather than on message text, and the original failure rides along
 * as `cause`.
 */
export const ErrorCodes = {
  /** Configuration in the environment is missing or invalid. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A command-line argument is missing or invalid. */
  CLI_USAGE: 'CLI_USAGE',
  /** A knowledge-base file could not be read or parsed. */
  KB_INVALID: 'KB_INVALID',
  /** The knowledge-base folder does not exist or cannot be listed. */
  KB_UNREADABLE: 'KB_UNREADABLE',
  /** The embedding model could not be loaded while embeddings were required. */
  EMBEDDINGS_UNAVAILABLE: 'EMBEDDINGS_UNAVAILABLE',
  /** The embedding model failed while computing vectors. */
  EMBEDDING_FAILED: 'EMBEDDING_FAILED',
  /** The SQLite database could not be opened or migrated. */
  STORAGE_FAILED: 'STORAGE_FAILED',
  /** A query or operation referenced something that does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** The caller is not allowed to perform this action (e.g. a non-agent using agent commands). */
  FORBIDDEN: 'FORBIDDEN',
  /** The action does not fit the current state (e.g. claiming a ticket already resolved). */
  INVALID_STATE: 'INVALID_STATE',
  /** Input from outside was malformed (payload, message, file). */
  BAD_INPUT: 'BAD_INPUT',
  /** A remote service answered with a refusal (HTTP 4xx/5xx, `ok: false`). */
  REMOTE_REJECTED: 'REMOTE_REJECTED',
  /** A remote service could not be reached at all (DNS, connection refused, timeout). */
  NETWORK_FAILED: 'NETWORK_FAILED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The single error class of the project; `code` says what went wrong, `cause` why. */
export class HelpdeskError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HelpdeskError';
    this.code = code;
    this.details = options.details;
  }
}

/**
 * A channel's refusal of a delivery, for its notifier to throw: `retryAfterMs` when the remote
 * said when to come back (HTTP 429 `Retry-After`), `permanent` when trying again cannot help
 * (403/404: the bot was removed from the chat). The outbox honours both.
 */
export function deliveryRefused(
  message: string,
  options: { status?: number; retryAfterMs?: number; permanent?: boolean; cause?: unknown } = {},
): HelpdeskError {
  const { cause, ...details } = options;
  return new HelpdeskError(ErrorCodes.REMOTE_REJECTED, message, { cause, details });
}

/** Narrowing helper for `catch (e)` blocks that only handle one code. */
export function isHelpdeskError(error: unknown, code?: ErrorCode): error is HelpdeskError {
  return error instanceof HelpdeskError && (code === undefined || error.code === code);
}

/** Message of any thrown value, for logs and user-facing CLI output. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
