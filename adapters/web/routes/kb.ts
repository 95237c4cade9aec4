import type { HttpRoute } from '../../../src/index.js';
import { isArticleId } from '../../../src/index.js';
import { HTML_HEADERS } from '../assets.js';
import type { WebDeps } from '../deps.js';
import { articlePage, notFoundPage } from '../kb-page.js';

/** `GET /kb/<id>`: the whole article as a page; a 404 page for an unknown id. */
export function kbRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/kb/*',
    handle(req, res) {
      const id = new URL(req.url ?? '/', 'http://localhost').pathname.slice('/kb/'.length).replace(/\/$/, '');
      const article = isArticleId(id) ? deps.knowledge.getArticle(id) : undefined;
      const body = article ? articlePage(article, deps.assets.strings) : notFoundPage(deps.assets.strings);
      res.writeHead(article ? 200 : 404, { ...HTML_HEADERS, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  };
}
