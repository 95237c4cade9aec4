import type { App } from '@slack/bolt';
import { errorMessage } from '../../../src/index.js';
import { MAX_PROMPTS, suggestedPrompts } from '../blocks/prompts.js';
import type { SlackDeps } from '../deps.js';
import { slackId, slackTs } from './shapes.js';

/**
 * `assistant_thread_started`: where Slack offers an assistant pane, the employee opening it sees
 * suggested prompts taken from what employees ask about most. Their messages there are direct
 * messages in a thread, which the message handler already answers.
 */
export function onAssistantThread(app: App, deps: () => SlackDeps): void {
  app.event('assistant_thread_started', async ({ event }) => {
    const d = deps();
    const thread = (
      event as { assistant_thread?: { user_id?: unknown; channel_id?: unknown; thread_ts?: unknown } }
    ).assistant_thread;
    const channel = slackId(thread?.channel_id);
    const threadTs = slackTs(thread?.thread_ts);
    const user = slackId(thread?.user_id);
    if (!channel || !threadTs) return;
    try {
      const locale = user ? await d.people.locale(user) : undefined;
      const lang = locale?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
      const prompts = suggestedPrompts(d.topics(lang, MAX_PROMPTS));
      if (prompts.length === 0) return;
      await d.client.assistant.threads.setSuggestedPrompts({
        channel_id: channel,
        thread_ts: threadTs,
        title: lang === 'ru' ? 'Чаще всего спрашивают' : 'Most asked',
        prompts,
      });
    } catch (error) {
      d.logger.warn({ err: errorMessage(error) }, 'slack suggested prompts not set');
    }
  });
}
