import { parseMarkup, type Block, type Inline } from '../../src/index.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Plain text (an employee's own message) as HTML: escaped, line breaks kept, no markup read. */
export function plainToHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeHtml(line))
    .join('<br>');
}

function inlineHtml(parts: readonly Inline[]): string {
  return parts
    .map((p) => {
      switch (p.type) {
        case 'text':
          return escapeHtml(p.text);
        case 'code':
          return `<code>${escapeHtml(p.text)}</code>`;
        case 'bold':
          return `<strong>${inlineHtml(p.children)}</strong>`;
        case 'italic':
          return `<em>${inlineHtml(p.children)}</em>`;
        case 'link':
          // parseMarkup only yields links with safe URLs; escaping keeps the attribute closed.
          return `<a href="${escapeHtml(p.url)}" target="_blank" rel="noopener noreferrer">${inlineHtml(p.children)}</a>`;
      }
    })
    .join('');
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${block.lines.map(inlineHtml).join('<br>')}</p>`;
    case 'heading':
      return `<h4>${inlineHtml(block.content)}</h4>`;
    case 'list': {
      const items = block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('');
      if (!block.ordered) return `<ul>${items}</ul>`;
      return block.start === 1 ? `<ol>${items}</ol>` : `<ol start="${block.start}">${items}</ol>`;
    }
  }
}

/**
 * The core's markup subset (bot sentences, article steps, agent text) as safe HTML: the same
 * parse every channel renders, with every text run escaped, so no text can inject elements,
 * attributes or `javascript:` links.
 */
export function markupToHtml(text: string): string {
  return parseMarkup(text).map(blockHtml).join('');
}
