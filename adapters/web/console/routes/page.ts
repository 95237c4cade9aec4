import type { HttpRoute } from '../../../../src/index.js';
import { HTML_HEADERS } from '../../assets.js';
import type { ConsoleDeps } from '../console-deps.js';

/** The console's views: one static page; its script picks the view by path and asks who is signed in. */
export const CONSOLE_PAGES = ['/agent', '/agent/dashboard', '/agent/suggestions'] as const;

/** `GET /agent`, `/agent/dashboard`, `/agent/suggestions`: the console page. */
export function consolePageRoutes(deps: ConsoleDeps): HttpRoute[] {
  return CONSOLE_PAGES.map((path) => ({
    method: 'GET' as const,
    path,
    handle(_req, res) {
      const body = deps.assets.page;
      res.writeHead(200, { ...HTML_HEADERS, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  }));
}
