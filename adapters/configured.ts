import type { ChannelAdapter, Config, Logger } from '../src/index.js';
import { WebAdapter } from './web/web-adapter.js';

/**
 * The channels this configuration turns on: the web chat always; Slack when SLACK_BOT_TOKEN is
 * set; Teams when TEAMS_ENABLED=true. A channel's SDK is imported only when the channel runs, so
 * a web-only server never loads Bolt or botbuilder.
 */
export async function configuredAdapters(config: Config, logger: Logger): Promise<ChannelAdapter[]> {
  const adapters: ChannelAdapter[] = [new WebAdapter({ config })];
  if (config.slack.botToken) {
    const { SlackAdapter } = await import('./slack/slack-adapter.js');
    adapters.push(new SlackAdapter({ config }));
    logger.debug({ mode: config.slack.appToken ? 'socket' : 'http' }, 'Slack configured');
  }
  if (config.teams.enabled) {
    const { TeamsAdapter } = await import('./teams/teams-adapter.js');
    adapters.push(new TeamsAdapter({ config }));
  }
  return adapters;
}
