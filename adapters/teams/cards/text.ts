import { isSafeUrl, parseMarkup, type Block, type Inline } from '../../../src/index.js';

/**
 * Text for Adaptive Card TextBlocks, which Teams runs through its markdown subset: what a user,
 * an agent or an article wrote is escaped so that it shows as typed and cannot inject a link,
 * emphasis or a list, and the core's own markup is rendered to the card's markdown on purpose.
 */

/** Longest text kept in one card block; Teams refuses activities past about 28 KB. */
export const MAX_CARD_TEXT = 8_000;

/** Cuts text past `max` characters with an ellipsis. */
export function clip(text: string, max = MAX_CARD_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Plain text made inert for the card's markdown: every punctuation mark markdown reacts to is
 * backslash-escaped, and line starts that would open a list, heading or quote are defused.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\u2028\u2029]/g, '')
    .replace(/[\\`*_[\]<>~|{}]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+#>!])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** One line of inline markup as card markdown, text runs escaped. */
export function inlineToMarkdown(parts: readonly Inline[]): string {
  return parts
    .map((p) => {
      switch (p.type) {
        case 'text':
          return escapeMarkdown(p.text);
        case 'code':
          // Cards have no code spans: the text is shown as it is.
          return escapeMarkdown(p.text);
        case 'bold': {
          const inner = inlineToMarkdown(p.children);
          return inner.trim() ? `**${inner}**` : inner;
        }
        case 'italic': {
          const inner = inlineToMarkdown(p.children);
          return inner.trim() ? `_${inner}_` : inner;
        }
        case 'link': {
          const label = inlineToMarkdown(p.children);
          return isSafeUrl(p.url) && /^(https?:|mailto:)/i.test(p.url)
            ? `[${label}](${p.url.replace(/[()\\]/g, (c) => encodeURIComponent(c))})`
            : `${label} (${escapeMarkdown(p.url)})`;
        }
      }
    })
    .join('');
}

function blockToMarkdown(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      // A lone newline is no break in card markdown; two are a paragraph.
      return block.lines.map(inlineToMarkdown).join('\n\n');
    case 'heading':
      return `**${inlineToMarkdown(block.content)}**`;
    case 'list':
      return block.items
        .map((item, i) => (block.ordered ? `${block.start + i}. ` : '- ') + inlineToMarkdown(item))
        .join('\r');
  }
}

/**
 * The core's markdown subset (article steps, notices, agent text) as card markdown, one string
 * per block so that each becomes its own TextBlock (lists render reliably only that way).
 */
export function markupToBlocks(text: string): string[] {
  return parseMarkup(clip(text))
    .map(blockToMarkdown)
    .filter((b) => b.trim() !== '');
}
