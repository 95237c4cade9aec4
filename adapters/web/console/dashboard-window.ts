import { ErrorCodes, HelpdeskError } from '../../../src/index.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Default dashboard window: the last 30 days. */
export const DEFAULT_DAYS = 30;

/**
 * The `since` / `until` query of a dashboard request: whole UTC days (`2026-01-31`); `until`
 * includes its day. Defaults to the last 30 days; anything else is a 400, never an empty chart.
 */
export function dashboardWindow(url: string | undefined, now = new Date()): { since: Date; until: Date } {
  const q = new URL(url ?? '/', 'http://localhost').searchParams;
  const day = (name: string): Date | undefined => {
    const v = q.get(name);
    if (v === null || v === '') return undefined;
    const m = DAY.exec(v);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
    if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
      throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${name} must be a date such as 2026-01-31`);
    }
    return d;
  };
  const untilDay = day('until');
  const until = untilDay ? new Date(untilDay.getTime() + 86_400_000) : now;
  const since = day('since') ?? new Date(until.getTime() - DEFAULT_DAYS * 86_400_000);
  if (since >= until) throw new HelpdeskError(ErrorCodes.BAD_INPUT, 'since must be before until');
  return { since, until };
}
