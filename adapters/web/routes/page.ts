import type { HttpRoute } from '../../../src/index.js';
import { HTML_HEADERS } from '../assets.js';
import type { WebDeps } from '../deps.js';

/** `GET /`: the chat page (static HTML; the script asks who is signed in). */
export function pageRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/',
    handle(_req, res) {
      const body = deps.assets.page;
      res.writeHead(200, { ...HTML_HEADERS, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  };
}
