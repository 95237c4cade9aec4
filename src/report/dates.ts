import { ErrorCodes, HelpdeskError } from '../errors.js';
import { zonedTime } from '../handoff/business-hours.js';

/** Years a report can cover; `Date.UTC` reads years below 100 as 19xx. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;

/** True for a calendar day that exists (no February 30) within the years a report covers. */
function dayExists(year: number, month: number, date: number): boolean {
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const check = new Date(Date.UTC(year, month - 1, date));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === date;
}

/**
 * Parses `2026-01-31` (midnight) or `2026-01-31T08:30` (that time), both in the company time
 * zone, or a timestamp with its own offset (`...Z`, `...+03:00`); anything else is a usage error,
 * never a silently empty report. The host's time zone never counts.
 */
export function parseDateArg(name: string, value: string, timeZone: string): Date {
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (local) {
    const [year, month, date] = [Number(local[1]), Number(local[2]), Number(local[3])];
    const [hour, minute, second] = [Number(local[4] ?? 0), Number(local[5] ?? 0), Number(local[6] ?? 0)];
    const valid = dayExists(year, month, date) && hour < 24 && minute < 60 && second < 60;
    if (valid) {
      return new Date(zonedTime(year, month, date, hour * 60 + minute, timeZone).getTime() + second * 1000);
    }
  } else {
    const withOffset = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.exec(
      value,
    );
    if (withOffset && !Number.isNaN(Date.parse(value))) {
      // Date.parse rolls 2025-02-29 over to March 1; the written day must exist.
      if (dayExists(Number(withOffset[1]), Number(withOffset[2]), Number(withOffset[3]))) {
        return new Date(value);
      }
    }
  }
  throw new HelpdeskError(
    ErrorCodes.CLI_USAGE,
    `--${name}: "${value}" is not a date; expected e.g. 2026-01-31`,
  );
}
