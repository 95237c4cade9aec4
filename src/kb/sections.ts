import type { Section } from './types.js';

const FENCE = /^\s{0,3}(```|~~~)/;
// A closing run of `#` only counts after whitespace, so `## C#` keeps its `#` (CommonMark).
const H2 = /^\s{0,3}##\s+(.+?)(?:\s+#+)?\s*$/;
const H1 = /^\s{0,3}#\s+(.+?)(?:\s+#+)?\s*$/;

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
    const h2 = inFence ? null : H2.exec(line);
    if (h2) {
      raw.push({ heading: h2[1] ?? '', lines: [] });
    } else {
      raw[raw.length - 1]?.lines.push(line);
    }
  }
  const lead = raw[0];
  if (lead) {
    const firstText = lead.lines.findIndex((l) => l.trim() !== '');
    if (firstText >= 0 && H1.test(lead.lines[firstText] ?? '')) lead.lines.splice(firstText, 1);
  }
  const sections: Section[] = [];
  raw.forEach((part, index) => {
    const text = part.lines.join('\n').trim();
    if (text === '') return;
    sections.push({ id: `${articleId}#${index}`, articleId, index, heading: part.heading, body: text });
  });
  return sections;
}
