import type { HttpRoute } from '../../../src/index.js';
import { sendJson } from '../../../src/index.js';
import type { WebDeps } from '../deps.js';

/**
 * `GET /static/<file>`: the page's script, styles and strings. Only names in the fixed list are
 * served (no file-system lookup of the path), with an ETag and a long cache for versioned links.
 */
export function staticRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/static/*',
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const asset = deps.assets.get(url.pathname.slice('/static/'.length));
      if (!asset) {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      const versioned = url.searchParams.get('v') === asset.etag.replace(/"/g, '');
      const headers = {
        'content-type': asset.type,
        etag: asset.etag,
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
