import type { HttpRoute } from '../../../../src/index.js';
import { sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';

/** `GET /agent/api/articles`: every article's id, title and language, for canned replies and resolve links. */
export function consoleArticleListRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/articles',
    handle(req, res) {
      deps.auth.require(req);
      const articles = deps.knowledge
        .listArticles()
        .map((a) => ({ id: a.id, title: a.title, lang: a.lang }))
        .sort((a, b) => a.title.localeCompare(b.title));
      sendJson(res, 200, { articles });
    },
  };
}
