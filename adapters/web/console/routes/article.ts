import type { HttpRoute } from '../../../../src/index.js';
import { ErrorCodes, HelpdeskError, isArticleId, sendJson } from '../../../../src/index.js';
import type { ConsoleDeps } from '../console-deps.js';

/** `GET /agent/api/articles/<id>`: an article's sections (markdown), to insert one into a reply. */
export function consoleArticleRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'GET',
    path: '/agent/api/articles/*',
    handle(req, res) {
      deps.auth.require(req);
      const id = new URL(req.url ?? '/', 'http://localhost').pathname.slice('/agent/api/articles/'.length);
      const article = isArticleId(id) ? deps.knowledge.getArticle(id) : undefined;
      if (!article) throw new HelpdeskError(ErrorCodes.NOT_FOUND, 'No such article');
      sendJson(res, 200, {
        id: article.id,
        title: article.title,
        lang: article.lang,
        sections: article.sections.map((s) => ({ id: s.id, heading: s.heading, body: s.body.trim() })),
      });
    },
  };
}
