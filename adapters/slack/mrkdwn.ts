import { parseMarkup, type Block, type Inline } from '../../src/index.js';

/**
 * Slack mrkdwn out of the core's markdown subset. Every text run is escaped, so a user's
 * `<!channel>`, `<@U…>` or `<https://evil|bank>` reaches Slack as visible text, never as markup.
 */

/** `&`, `<`, `>` as Slack's entities: the three characters Slack reads as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL inside `<url|label>`: `|`, `<`, `>` and spaces would end the link early. */
function linkUrl(url: string): string {
  return url.replace(/[|<>\s]/g, (c) => encodeURIComponent(c));
}

/** An absolute link to a core URL (`/kb/x` becomes `<publicUrl>/kb/x`); undefined when none can be made. */
export function absoluteUrl(url: string, publicUrl: string | undefined): string | undefined {
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  if (url.startsWith('/') && !url.startsWith('//') && publicUrl)
    return `${publicUrl.replace(/\/+$/, '')}${url}`;
  return undefined;
}

function inline(parts: readonly Inline[], publicUrl: string | undefined): string {
  return parts
    .map((p) => {
      switch (p.type) {
        case 'text':
          return escapeMrkdwn(p.text);
        case 'code':
          return `\`${escapeMrkdwn(p.text.replace(/`/g, "'"))}\``;
        case 'bold':
          return `*${inline(p.children, publicUrl)}*`;
        case 'italic':
          return `_${inline(p.children, publicUrl)}_`;
        case 'link': {
          const label = inline(p.children, publicUrl).replace(/\|/g, '¦');
          const url = absoluteUrl(p.url, publicUrl);
          return url ? `<${linkUrl(url)}|${label}>` : label;
        }
      }
    })
    .join('');
}

function block(b: Block, publicUrl: string | undefined): string {
  switch (b.type) {
    case 'paragraph':
      return b.lines.map((l) => inline(l, publicUrl)).join('\n');
    case 'heading':
      return `*${inline(b.content, publicUrl)}*`;
    case 'list':
      return b.items
        .map((item, i) => `${b.ordered ? `${b.start + i}.` : '•'} ${inline(item, publicUrl)}`)
        .join('\n');
  }
}

/** The core's markup (article steps, notices, agent text) as escaped Slack mrkdwn. */
export function markupToMrkdwn(text: string, publicUrl?: string): string {
  return parseMarkup(text)
    .map((b) => block(b, publicUrl))
    .join('\n\n');
}

/**
 * Text cut into pieces of at most `max` characters, at line ends where possible: a section's
 * text is limited to 3000 characters. Never splits an entity such as `&amp;`.
 */
export function chunkText(text: string, max = 2900): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 6 && rest.indexOf(';', amp) >= cut) cut = amp;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n+/, '');
  }
  if (rest.trim() !== '' || out.length === 0) out.push(rest);
  return out;
}

/** Plain text cut to `max` characters with an ellipsis (fallback texts, button labels). */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
