/**
 * Inbound Slack text back to what the person typed: Slack encodes mentions, channels and links
 * as `<…>` markup and escapes `&`, `<`, `>`. The core wants plain words (and a mention of the bot
 * itself is not part of the question), so this undoes Slack's encoding. Never throws.
 */
export function normalizeInbound(text: string, botUserId?: string): string {
  const decoded = text.replace(/<([^<>]*)>/g, (_all, inner: string) => {
    const [target = '', label] = splitLabel(inner);
    if (target.startsWith('@')) {
      const id = target.slice(1);
      if (botUserId && id === botUserId) return '';
      return `@${label ?? id}`;
    }
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!subteam^')) return label ?? '@team';
    if (target.startsWith('!date^')) return label ?? '';
    if (target.startsWith('!')) return `@${label ?? target.slice(1)}`;
    if (label !== undefined) return label;
    return target.replace(/^mailto:/i, '');
  });
  return decodeEntities(decoded)
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** Slack's three entities, `&amp;` last so that `&amp;lt;` stays the text `&lt;`. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Whether the text mentions the user (for a thread message that is also an `app_mention`). */
export function mentions(text: string, userId: string | undefined): boolean {
  return userId !== undefined && (text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`));
}
