import type { HttpRoute } from '../../../../src/index.js';
import { sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';
import { dashboardWindow } from '../dashboard-window.js';

/** `GET /agent/api/dashboard?since=&until=`: the dashboard's figures as JSON (the page draws them). */
export function consoleDashboardRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/dashboard',
    handle(req, res) {
      deps.auth.require(req);
      res.setHeader('cache-control', 'no-store');
      sendJson(res, 200, deps.services.dashboard({ ...dashboardWindow(req.url), top: 10 }));
    },
  };
}
