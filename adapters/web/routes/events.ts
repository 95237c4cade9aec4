import type { HttpRoute } from '../../../src/index.js';
import { sendJson } from '../../../src/index.js';
import type { WebDeps } from '../deps.js';
import { MAX_STREAMS_PER_USER, sseFrame } from '../live-hub.js';
import { PAGE_SIZE } from '../mailbox.js';
import { parseAfter } from './history.js';
import { openEventStream } from '../event-stream.js';

/**
 * `GET /api/chat/events`: the employee's live stream (server-sent events). It first replays what
 * came after `Last-Event-ID` (or `?after=N`), then stays open for new events. The handler returns
 * once the stream is set up: the hub owns it from then on, and closes it when the adapter stops.
 */
export function eventsRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/api/chat/events',
    handle(req, res) {
      const user = deps.identity.require(req);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const header = req.headers['last-event-id'];
      const after = parseAfter(
        typeof header === 'string' && header !== '' ? header.trim() : url.searchParams.get('after'),
      );
      if (deps.hub.count(user.id) >= MAX_STREAMS_PER_USER) {
        res.setHeader('retry-after', '10');
        sendJson(res, 429, { error: 'Too many open chat windows' });
        return;
      }
      if (!openEventStream(req, res)) return;
      // Replay and registration run in one synchronous stretch: no append can fall between them.
      let last = after;
      for (;;) {
        const page = deps.mailbox.after(user.id, last, PAGE_SIZE);
        if (page.length > 0) res.write(page.map(sseFrame).join(''));
        last = page[page.length - 1]?.id ?? last;
        if (page.length < PAGE_SIZE) break;
      }
      deps.hub.add(user.id, res, last);
    },
  };
}
