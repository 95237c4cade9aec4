import type { Reply, TurnDecision } from '../conversation/types.js';
import { detectLang } from '../text/lang.js';

/**
 * What a turn's replies show, read from the replies themselves (never guessed from wording): the
 * decision marker the core puts on them, the article and section quoted, the buttons, the text.
 */

/** The turn's decision: the last marker, else an article means an answer, else small talk. */
export function decisionOf(replies: readonly Reply[]): TurnDecision {
  for (let i = replies.length - 1; i >= 0; i -= 1) {
    const r = replies[i];
    if ((r?.type === 'choices' || r?.type === 'notice') && r.decision) return r.decision;
  }
  return replies.some((r) => r.type === 'article') ? 'answer' : 'small-talk';
}

/** Everything the employee reads, one line per reply part. */
export function textOf(replies: readonly Reply[]): string {
  return replies
    .map((r) => {
      switch (r.type) {
        case 'article':
          return `${r.title}\n${r.sectionHeading}\n${r.steps}`;
        case 'choices':
          return `${r.prompt}\n${r.choices.map((c) => c.label).join('\n')}`;
        case 'agent-message':
          return r.text;
        default:
          return r.text;
      }
    })
    .join('\n');
}

/** The language the bot wrote in: its own sentences decide, article steps only when there are none. */
export function langOf(replies: readonly Reply[]): 'en' | 'ru' | undefined {
  const own = replies
    .map((r) => (r.type === 'article' ? r.title : r.type === 'choices' ? r.prompt : r.text))
    .join('\n');
  return detectLang(own);
}

/** Ids of the articles a turn's buttons point to (`clarify:`: the options offered). */
export function offeredArticles(replies: readonly Reply[]): string[] {
  return replies.flatMap((r) =>
    r.type === 'choices'
      ? r.choices.flatMap((c) => {
          const m = /^clarify:([a-z0-9-]+)$/.exec(c.id);
          return m?.[1] ? [m[1]] : [];
        })
      : [],
  );
}
