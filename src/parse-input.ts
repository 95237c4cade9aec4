import type { z } from 'zod';
import { ErrorCodes, HelpdeskError } from './errors.js';

/**
 * Validates untrusted input at an inbound port (a channel's message envelope, an agent action)
 * with `schema`. Both ports refuse the same way, BAD_INPUT naming the first problem and every bad
 * field, so adapters handle one error shape; `what` names the input in the message.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new HelpdeskError(
      ErrorCodes.BAD_INPUT,
      `Invalid ${what}: ${parsed.error.issues[0]?.message ?? ''}`,
      {
        details: { fields: parsed.error.issues.map((i) => i.path.join('.')) },
      },
    );
  }
  return parsed.data;
}
