import type { HttpRoute } from '../../../src/index.js';
import { ErrorCodes, HelpdeskError, sendJson } from '../../../src/index.js';
import type { WebDeps } from '../deps.js';
import { PAGE_SIZE } from '../mailbox.js';

/** The `after` cursor of a history or stream request: a whole number, 0 when absent. */
export function parseAfter(value: string | null | undefined): number {
  if (value === null || value === undefined || value === '') return 0;
  if (!/^\d{1,15}$/.test(value))
    throw new HelpdeskError(ErrorCodes.BAD_INPUT, 'after must be a whole number');
  return Number(value);
}

/** `GET /api/chat/history?after=N`: the signed-in employee's events after N (at most 500). */
export function historyRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/api/chat/history',
    handle(req, res) {
      const user = deps.identity.require(req);
      const after = parseAfter(new URL(req.url ?? '/', 'http://localhost').searchParams.get('after'));
      const events = deps.mailbox.after(user.id, after, PAGE_SIZE);
      sendJson(res, 200, { events, more: events.length === PAGE_SIZE });
    },
  };
}
