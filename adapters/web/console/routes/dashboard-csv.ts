import type { HttpRoute } from '../../../../src/index.js';
import { dashboardCsv } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';
import { dashboardWindow } from '../dashboard-window.js';

/** `GET /agent/api/dashboard.csv?since=&until=`: the breakdowns and top unanswered questions as CSV. */
export function consoleDashboardCsvRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/dashboard.csv',
    handle(req, res) {
      deps.auth.require(req);
      const window = dashboardWindow(req.url);
      const body = dashboardCsv(deps.services.dashboard({ ...window, top: 50 }));
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="helpdesk-${window.since.toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    },
  };
}
