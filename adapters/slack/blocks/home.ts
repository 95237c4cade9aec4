import type { types } from '@slack/bolt';
import { STATUS_WORDS, type Article, type TicketStatus } from '../../../src/index.js';
import { clip, escapeMrkdwn } from '../mrkdwn.js';
import { capBlocks, context, sections } from './kit.js';

/** One of the employee's open requests, as the Home tab lists it. */
export interface OpenRequest {
  id: string;
  subject: string;
  status: TicketStatus;
}

/** The knowledge base as topics: the English titles (one per article pair) and their tags. */
export function topics(articles: readonly Article[], max = 25): { titles: string[]; tags: string[] } {
  const english = articles.filter((a) => a.lang === 'en');
  const source = english.length > 0 ? english : articles;
  const titles = [...new Set(source.map((a) => a.title))].sort().slice(0, max);
  const tags = [...new Set(source.flatMap((a) => a.tags))].sort().slice(0, 40);
  return { titles, tags };
}

/**
 * The App Home tab: what the employee has open with IT, and what the bot can help with (from
 * the knowledge base's titles and tags), with the one instruction that matters: just write.
 */
export function homeView(open: readonly OpenRequest[], articles: readonly Article[]): types.HomeView {
  const { titles, tags } = topics(articles);
  const requests =
    open.length > 0
      ? open
          .map((r) => `• *${r.id}* · ${escapeMrkdwn(clip(r.subject, 150))} · ${STATUS_WORDS[r.status]}`)
          .join('\n')
      : '_No open requests._';
  return {
    type: 'home',
    blocks: capBlocks([
      { type: 'header', text: { type: 'plain_text', text: 'IT helpdesk' } },
      ...sections(
        'Send me a direct message with your problem in a few words, or mention me in a channel. I answer from the IT knowledge base and bring in a person when needed.',
      ),
      { type: 'divider' },
      ...sections(`*Your open requests*\n${requests}`),
      { type: 'divider' },
      ...sections(
        `*I can help with*\n${titles.length > 0 ? titles.map((t) => `• ${escapeMrkdwn(t)}`).join('\n') : '_The knowledge base is empty._'}`,
      ),
      ...(tags.length > 0 ? [context(`Topics: ${escapeMrkdwn(tags.join(', '))}`)] : []),
    ]),
  };
}
