import type { Lang } from '../config.js';
import type { QuestionOutcome } from '../conversation/types.js';
import type { Db } from '../storage/db.js';
import { jaccard, stemSet } from '../conversation/similarity.js';
import { detectRating } from '../conversation/intents.js';

/**
 * Text that is no question the knowledge base could answer, whatever it says: a rating typed
 * where a question was expected ("7", "five", "5 stars"), a key held down ("xxxxxxx"),
 * punctuation, or terminal escape remnants ("[31m", stored before they were cleaned). Listing
 * it as a content gap would bury the real ones.
 */
export function isJunkQuestion(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  const bare = text.replace(/\u001B?\[[0-9;?]*[A-Za-z]/g, ' ').trim();
  const words = bare.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
  if (words.length === 0) return true;
  if (detectRating(bare) !== undefined || /^\s*\d+\s*(stars?|звезд\p{L}*)?\s*$/iu.test(bare)) return true;
  return words.every((w) => new Set(w).size === 1);
}

/**
 * The service-desk figures, computed from the same SQLite store the bot writes, so they cannot
 * drift from what happened: how many questions the bot deflected (confirmed by the user, shown
 * but unconfirmed, escalated, unanswered), how fast people claimed and resolved tickets, CSAT, and
 * the questions the KB could not answer (content gaps).
 */
export interface Durations {
  count: number;
  medianMinutes: number | undefined;
  p90Minutes: number | undefined;
}

/** A group of similar questions the bot could not answer. */
export interface ContentGap {
  /** The most recent wording (redacted, as stored). */
  example: string;
  count: number;
  lang: Lang;
  lastAskedAt: string;
}

/** Every figure of the report; `--json` prints exactly this. */
export interface ReportFigures {
  since: string | undefined;
  until: string;
  questions: {
    total: number;
    /** The user pressed "Yes, solved". */
    confirmed: number;
    /** An article was shown; the user never confirmed nor escalated. */
    unconfirmed: number;
    escalated: number;
    /** Nothing fitted, or the user rejected every article without asking for a person. */
    unanswered: number;
  };
  tickets: {
    created: number;
    resolved: number;
    handedBack: number;
    cancelled: number;
    open: number;
    high: number;
  };
  timeToClaim: Durations;
  timeToResolve: Durations;
  csat: { count: number; average: number | undefined; distribution: Record<1 | 2 | 3 | 4 | 5, number> };
  contentGaps: ContentGap[];
}

/** Time window (questions by time asked, tickets by time created) and list length. */
export interface ReportOptions {
  since?: Date;
  until?: Date;
  /** How many content gaps to list. */
  top?: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** Minutes from each `from` to its `to` (pairs without an end, or running backwards, left out). */
export function durations(pairs: { from: string; to: string | null }[]): Durations {
  const minutes = pairs
    .filter((p): p is { from: string; to: string } => p.to !== null)
    .map((p) => (Date.parse(p.to) - Date.parse(p.from)) / 60_000)
    .filter((m) => Number.isFinite(m) && m >= 0)
    .sort((a, b) => a - b);
  const round = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 10) / 10);
  return {
    count: minutes.length,
    medianMinutes: round(percentile(minutes, 50)),
    p90Minutes: round(percentile(minutes, 90)),
  };
}

/** The `top` biggest content gaps: most asked first, then most recently asked. */
export function biggestGaps(gaps: ContentGap[], top: number): ContentGap[] {
  return gaps.sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt)).slice(0, top);
}

/** The mean of 1-5 ratings to two decimals, undefined without any. */
export function averageRating(ratings: readonly number[]): number | undefined {
  if (ratings.length === 0) return undefined;
  return Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100;
}

/** Two unanswered questions this alike (content-word stems) count as one content gap. */
export const GAP_SIMILARITY = 0.5;

/**
 * Groups unanswered questions: each joins the first earlier group of the same language whose
 * first wording is similar enough, so "excel crashes on macros" and "excel macro crash" are one
 * gap. Greedy and order-dependent, which is fine for a ranking of the biggest gaps.
 */
export function groupGaps(questions: readonly { text: string; lang: Lang; askedAt: string }[]): ContentGap[] {
  const groups: { stems: Set<string>; gap: ContentGap }[] = [];
  for (const q of questions) {
    const stems = stemSet(q.text);
    const group = groups.find(
      (g) =>
        g.gap.lang === q.lang &&
        (stems.size === 0
          ? g.gap.example.trim().toLowerCase() === q.text.trim().toLowerCase()
          : jaccard(g.stems, stems) >= GAP_SIMILARITY),
    );
    if (group) {
      group.gap.count += 1;
      group.gap.example = q.text;
      group.gap.lastAskedAt = q.askedAt;
    } else {
      groups.push({ stems, gap: { example: q.text, count: 1, lang: q.lang, lastAskedAt: q.askedAt } });
    }
  }
  return groups.map((g) => g.gap);
}

interface QuestionRow {
  asked_at: string;
  lang: Lang;
  text: string;
  outcome: QuestionOutcome;
}

interface TicketRow {
  status: string;
  priority: string;
  created_at: string;
  first_claimed_at: string | null;
  closed_at: string | null;
  rating: number | null;
}

/** Reads the questions and tickets of the window and computes the figures; read-only. */
export function computeReport(db: Db, options: ReportOptions = {}): ReportFigures {
  const since = options.since?.toISOString() ?? '';
  const until = (options.until ?? new Date()).toISOString();
  const questions = db
    .prepare(
      `SELECT asked_at, lang, text, outcome FROM conversation_questions
       WHERE asked_at >= ? AND asked_at < ? ORDER BY asked_at`,
    )
    .all(since, until) as QuestionRow[];
  const tickets = db
    .prepare(
      `SELECT status, priority, created_at, first_claimed_at, closed_at, rating FROM tickets
       WHERE created_at >= ? AND created_at < ?`,
    )
    .all(since, until) as TicketRow[];

  const count = (pred: (q: QuestionRow) => boolean) => questions.filter(pred).length;
  const gaps = groupGaps(
    questions
      .filter((q) => q.outcome === 'declined' || q.outcome === 'escalated')
      .filter((q) => !isJunkQuestion(q.text))
      .map((q) => ({ text: q.text, lang: q.lang, askedAt: q.asked_at })),
  );
  const ratings = tickets.map((t) => t.rating).filter((r): r is number => r !== null);
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of ratings) distribution[r as 1 | 2 | 3 | 4 | 5] += 1;

  return {
    since: options.since?.toISOString(),
    until,
    questions: {
      total: questions.length,
      confirmed: count((q) => q.outcome === 'confirmed'),
      unconfirmed: count((q) => q.outcome === 'answered'),
      escalated: count((q) => q.outcome === 'escalated'),
      unanswered: count((q) => q.outcome === 'declined' || q.outcome === 'pending'),
    },
    tickets: {
      created: tickets.length,
      resolved: tickets.filter((t) => t.status === 'resolved').length,
      handedBack: tickets.filter((t) => t.status === 'handed-back').length,
      cancelled: tickets.filter((t) => t.status === 'cancelled').length,
      open: tickets.filter((t) => t.status === 'queued' || t.status === 'claimed').length,
      high: tickets.filter((t) => t.priority === 'high').length,
    },
    timeToClaim: durations(tickets.map((t) => ({ from: t.created_at, to: t.first_claimed_at }))),
    timeToResolve: durations(
      tickets.filter((t) => t.status === 'resolved').map((t) => ({ from: t.created_at, to: t.closed_at })),
    ),
    csat: {
      count: ratings.length,
      average: averageRating(ratings),
      distribution,
    },
    contentGaps: biggestGaps(gaps, options.top ?? 10),
  };
}
