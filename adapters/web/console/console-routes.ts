import type { HttpRoute } from '../../../src/index.js';
import type { ConsoleDeps } from './console-deps.js';
import { consoleArticleListRoute } from './routes/article-list.js';
import { consoleArticleRoute } from './routes/article.js';
import { consoleDashboardCsvRoute } from './routes/dashboard-csv.js';
import { consoleDashboardRoute } from './routes/dashboard.js';
import { consoleEventsRoute } from './routes/events.js';
import { consoleLoginRoute } from './routes/login.js';
import { consoleLogoutRoute } from './routes/logout.js';
import { consoleMeRoute } from './routes/me.js';
import { consolePageRoutes } from './routes/page.js';
import { consoleQueueRoute } from './routes/queue.js';
import { consoleStaticRoute } from './routes/static.js';
import { consoleSuggestionDecisionRoute } from './routes/suggestion-decision.js';
import { consoleSuggestionsRoute } from './routes/suggestions.js';
import { consoleTicketActionRoute } from './routes/ticket-action.js';
import { consoleTicketRoute } from './routes/ticket.js';

/** Every route of the agent console under `/agent`. */
export function consoleRoutes(deps: ConsoleDeps): HttpRoute[] {
  return [
    ...consolePageRoutes(deps),
    consoleStaticRoute(deps),
    consoleLoginRoute(deps),
    consoleLogoutRoute(deps),
    consoleMeRoute(deps),
    consoleQueueRoute(deps),
    consoleEventsRoute(deps),
    consoleTicketRoute(deps),
    consoleTicketActionRoute(deps),
    consoleArticleListRoute(deps),
    consoleArticleRoute(deps),
    consoleSuggestionsRoute(deps),
    consoleSuggestionDecisionRoute(deps),
    consoleDashboardRoute(deps),
    consoleDashboardCsvRoute(deps),
  ];
}
