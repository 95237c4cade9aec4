import type { HttpRoute } from '../../../../src/index.js';
import { sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';

/** `GET /agent/static/<file>`: the console's script, styles and Chart.js; fixed names only. */
export function consoleStaticRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/static/*',
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const asset = deps.assets.get(url.pathname.slice('/agent/static/'.length));
      if (!asset) {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      const versioned = url.searchParams.get('v') === asset.etag.replace(/"/g, '');
      const headers = {
        'content-type': asset.type,
        etag: asset.etag,
        'x-content-type-options': 'nosniff',
        'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      };
      if (req.headers['if-none-match'] === asset.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': asset.body.length });
      res.end(asset.body);
    },
  };
}
