import type { Article, Section } from './types.js';

const FENCE = /^\s{0,3}(```|~~~)/;
const H2 = /^\s{0,3}##\s/;
const H1 = /^\s{0,3}#\s/;

/**
 * The text of a heading line matched by `opener`, or undefined when it is not one. A closing run
 * of `#` only counts after whitespace, so `## C#` keeps its `#` (CommonMark). Done by hand, not by
 * one regular expression: a backtracking pattern takes quadratic time on a long run of spaces,
 * and an article file is anyone's to edit.
 */
function headingText(line: string, opener: RegExp): string | undefined {
  const open = opener.exec(line);
  if (!open) return undefined;
  const text = line.slice(open[0].length).trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end -= 1;
  const closed = end > 0 && end < text.length && /\s/.test(text[end - 1] ?? '');
  const heading = closed ? text.slice(0, end).trimEnd() : text;
  return heading === '' ? undefined : heading;
}

/**
 * Splits a markdown body into sections at `##` headings (ignoring headings inside fenced code).
 * Text before the first `##` becomes section 0 under the article title, minus a leading `#` title
 * line that would only repeat it. Sections with no text are dropped.
 */
export function splitSections(articleId: string, title: string, body: string): Section[] {
  const raw: { heading: string; lines: string[] }[] = [{ heading: title, lines: [] }];
  let inFence = false;
  let fenceMarker = '';
  for (const line of body.split('\n')) {
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '';
      if (!inFence) {
        inFence = true;
        fenceMarker = marker;
      } else if (marker === fenceMarker) {
        inFence = false;
      }
    }
    const h2 = inFence ? undefined : headingText(line, H2);
    if (h2 !== undefined) {
      raw.push({ heading: h2, lines: [] });
    } else {
      raw[raw.length - 1]?.lines.push(line);
    }
  }
  const lead = raw[0];
  if (lead) {
    const firstText = lead.lines.findIndex((l) => l.trim() !== '');
    if (firstText >= 0 && headingText(lead.lines[firstText] ?? '', H1) !== undefined) {
      lead.lines.splice(firstText, 1);
    }
  }
  const sections: Section[] = [];
  raw.forEach((part, index) => {
    const text = part.lines.join('\n').trim();
    if (text === '') return;
    sections.push({ id: `${articleId}#${index}`, articleId, index, heading: part.heading, body: text });
  });
  return sections;
}

/** Sections a set of articles is indexed as: the size that memory and work budgets go by. */
export function countSections(articles: readonly Article[]): number {
  return articles.reduce((n, a) => n + a.sections.length, 0);
}
