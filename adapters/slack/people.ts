import type { SlackClient } from './deps.js';
import { slackErrorCode } from './web-errors.js';
import type { Logger } from '../../src/index.js';

const TTL_MS = 6 * 3600 * 1000;
const MAX_ENTRIES = 5000;

/**
 * Real names from `users.info`, cached for hours: the ticket card and the agent's name shown to
 * the employee need one, and Slack rate-limits `users.info`. A failed lookup is not fatal: the
 * caller shows the id instead.
 */
export class People {
  private readonly cache = new Map<
    string,
    { name: string | undefined; locale: string | undefined; at: number }
  >();

  constructor(
    private readonly client: () => SlackClient,
    private readonly logger: Logger,
  ) {}

  /** The user's real name (or display name), undefined when Slack does not tell. */
  async name(userId: string): Promise<string | undefined> {
    return (await this.lookup(userId))?.name;
  }

  /** The user's locale (`en-US`), when Slack knows it. */
  async locale(userId: string): Promise<string | undefined> {
    return (await this.lookup(userId))?.locale;
  }

  private async lookup(userId: string) {
    if (!/^[UW][A-Z0-9]{2,30}$/.test(userId)) return undefined;
    const hit = this.cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit;
    try {
      const res = await this.client().users.info({ user: userId, include_locale: true });
      const u = res.user;
      const name = u?.real_name || u?.profile?.real_name || u?.profile?.display_name || u?.name || undefined;
      const entry = { name: name?.trim() || undefined, locale: u?.locale, at: Date.now() };
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(userId, entry);
      return entry;
    } catch (error) {
      this.logger.debug({ userId, err: String(error) }, 'slack users.info failed');
      // Slack's answer (user_not_found...) is remembered; a network failure or 429 is not.
      if (slackErrorCode(error))
        this.cache.set(userId, { name: undefined, locale: undefined, at: Date.now() });
      return hit;
    }
  }
}
