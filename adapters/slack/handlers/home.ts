import type { App } from '@slack/bolt';
import { errorMessage, type TicketStatus } from '../../../src/index.js';
import { homeView } from '../blocks/home.js';
import type { SlackDeps } from '../deps.js';
import { slackId, type MessageLike } from './shapes.js';

/** `app_home_opened`: publishes the Home tab (open requests, what the bot helps with). */
export function onHomeOpened(app: App, deps: () => SlackDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    const d = deps();
    const e = event as MessageLike;
    const user = slackId(e.user);
    if (!user || (e.tab !== undefined && e.tab !== 'home')) return;
    try {
      const open = d.state.openRequests(user).map((r) => ({ ...r, status: r.status as TicketStatus }));
      await d.client.views.publish({ user_id: user, view: homeView(open, d.knowledge.listArticles()) });
    } catch (error) {
      d.logger.warn({ err: errorMessage(error) }, 'slack home tab not published');
    }
  });
}
