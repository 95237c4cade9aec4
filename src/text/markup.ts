/**
 * The small markdown subset the core speaks (article steps, notices, agent text): paragraphs,
 * ordered and bulleted lists, `**bold**`, `*italic*` / `_italic_`, `` `code` `` and
 * `[text](https://link)`. Every adapter renders the same parse for its channel (HTML, Slack
 * mrkdwn, Adaptive Card text, plain terminal text), escaping text in its own format, so no
 * channel interprets markup the core did not mean. Anything else is plain text.
 */

/** A run of inline text. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'bold'; children: Inline[] }
  | { type: 'italic'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; url: string; children: Inline[] };

/** A block: a paragraph (lines kept apart by `lines`), a list, or a heading line (`### x`). */
export type Block =
  | { type: 'paragraph'; lines: Inline[][] }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'heading'; content: Inline[] };

const LIST_ITEM = /^\s{0,3}(?:(\d{1,3})[.)]|[-*+•])\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*)$/;

/** Only web links and mail: a `javascript:` or `data:` link is shown as text. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:|\/(?!\/))[^\s<>"]*$/i.test(url);
}

/** Parses the subset into blocks; never throws, whatever the input. */
export function parseMarkup(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: Inline[][] = [];
  let list: Extract<Block, { type: 'list' }> | undefined;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', lines: paragraph });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push(list);
    list = undefined;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      endParagraph();
      const ordered = item[1] !== undefined;
      if (!list || list.ordered !== ordered) {
        endList();
        list = { type: 'list', ordered, start: ordered ? Number(item[1]) : 1, items: [] };
      }
      list.items.push(parseInline(item[2] ?? ''));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      endList();
      blocks.push({ type: 'heading', content: parseInline(heading[1] ?? '') });
      continue;
    }
    if (list && /^\s+\S/.test(raw) && list.items.length > 0) {
      // An indented continuation line belongs to the list item above it.
      const at = list.items.length - 1;
      list.items[at] = mergeText([
        ...(list.items[at] as Inline[]),
        { type: 'text', text: ' ' },
        ...parseInline(line.trim()),
      ]);
      continue;
    }
    endList();
    paragraph.push(parseInline(line.trim()));
  }
  endParagraph();
  endList();
  return blocks;
}

const INLINE =
  /(\*\*(?=\S)([^*]+?)\*\*|`([^`\n]+)`|\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)|(?<![\w*])\*(?=\S)([^*\n]+?)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)_(?![\w_]))/g;

/** Parses one line's inline markup. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ type: 'text', text: text.slice(last, at) });
    if (m[2] !== undefined) out.push({ type: 'bold', children: parseInline(m[2]) });
    else if (m[3] !== undefined) out.push({ type: 'code', text: m[3] });
    else if (m[4] !== undefined && m[5] !== undefined) {
      if (isSafeUrl(m[5])) out.push({ type: 'link', url: m[5], children: parseInline(m[4]) });
      else out.push({ type: 'text', text: m[0] });
    } else out.push({ type: 'italic', children: parseInline(m[6] ?? m[7] ?? '') });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return mergeText(out);
}

function mergeText(parts: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (p.type === 'text' && prev?.type === 'text') prev.text += p.text;
    else out.push(p);
  }
  return out;
}

/** The plain text of inline runs (links as "text (url)"), for channels without markup. */
export function inlineToPlain(parts: readonly Inline[]): string {
  return parts
    .map((p) => {
      switch (p.type) {
        case 'text':
        case 'code':
          return p.text;
        case 'bold':
        case 'italic':
          return inlineToPlain(p.children);
        case 'link': {
          const label = inlineToPlain(p.children);
          return label === p.url ? p.url : `${label} (${p.url})`;
        }
      }
    })
    .join('');
}

/**
 * A button label cut to a channel's limit (Slack 75 characters, Teams about 40 on a phone), at a
 * word boundary where one is near, with an ellipsis.
 */
export function capLabel(label: string, max: number): string {
  const clean = label.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
