import type { HttpRoute } from '../../../src/index.js';
import { sendJson } from '../../../src/index.js';
import type { Asset } from '../assets.js';

/**
 * `GET <prefix><file>` for a fixed set of files (no file-system lookup of the path): an ETag, a
 * 304 for a page that has it, and a year's cache for the `?v=<hash>` links pages use.
 */
export function assetRoute(prefix: string, get: (name: string) => Asset | undefined): HttpRoute {
  return {
    method: 'GET',
    path: `${prefix}*`,
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const asset = get(url.pathname.slice(prefix.length));
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
