import { analyzeDocument } from '../text/analyze.js';

/** Stems of a text's content words: what two wordings of the same question share. */
export function stemSet(text: string): Set<string> {
  return new Set(analyzeDocument(text));
}

/** Jaccard overlap of two stem sets, 0..1. */
export function jaccard(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/**
 * How alike two messages are (0..1), by content-word stems: used to notice "the same problem
 * again" after an answer, and to group unanswered questions in the report.
 */
export function similarity(a: string, b: string): number {
  return jaccard(stemSet(a), stemSet(b));
}
