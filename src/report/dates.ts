import { ErrorCodes, HelpdeskError } from '../errors.js';
import { zonedTime } from '../handoff/business-hours.js';

/**
 * Parses `2026-01-31` (midnight in the company time zone) or a full ISO timestamp; anything else
 * is a usage error, never a silently empty report.
 */
export function parseDateArg(name: string, value: string, timeZone: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const check = new Date(Date.UTC(year, month - 1, date));
    if (check.getUTCMonth() === month - 1 && check.getUTCDate() === date)
      return zonedTime(year, month, date, 0, timeZone);
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Date(value);
  }
  throw new HelpdeskError(
    ErrorCodes.CLI_USAGE,
    `--${name}: "${value}" is not a date; expected e.g. 2026-01-31`,
  );
}
