import type { Lang } from '../config.js';
import type { QuestionOutcome } from '../conversation/types.js';
import type { Db } from '../storage/db.js';
import {
  averageRating,
  computeReport,
  durations,
  type ReportFigures,
  type ReportOptions,
} from './figures.js';

/** One line of a breakdown (a channel, a language or a day). */
export interface BreakdownRow {
  key: string;
  questions: number;
  confirmed: number;
  unconfirmed: number;
  escalated: number;
  /** Nothing fitted (`declined`). */
  declined: number;
  /** A clarification the user never picked (`pending`). */
  clarifyOpen: number;
  /** confirmed / questions, unconfirmed / questions (0..1); undefined without questions. */
  confirmedRate: number | undefined;
  unconfirmedRate: number | undefined;
  tickets: number;
  resolved: number;
  slaBreaches: number;
  csatCount: number;
  csatAverage: number | undefined;
  medianClaimMinutes: number | undefined;
  medianResolveMinutes: number | undefined;
}

/** The agent console's dashboard: the report's figures plus rates and breakdowns. */
export interface DashboardFigures extends ReportFigures {
  /** Shares of all questions (0..1): answered with an article, left at a clarification, declined, escalated. */
  rates: {
    answer: number | undefined;
    clarify: number | undefined;
    decline: number | undefined;
    escalate: number | undefined;
  };
  /** Tickets whose SLA passed before an agent claimed them. */
  slaBreaches: number;
  byChannel: BreakdownRow[];
  byLang: BreakdownRow[];
  byDay: BreakdownRow[];
}

interface QRow {
  asked_at: string;
  lang: Lang;
  outcome: QuestionOutcome;
  channel: string;
}

interface TRow {
  channel: string;
  lang: Lang;
  status: string;
  created_at: string;
  first_claimed_at: string | null;
  closed_at: string | null;
  sla_due_at: string;
  sla_announced_for: string | null;
  rating: number | null;
}

const share = (part: number, whole: number) =>
  whole === 0 ? undefined : Math.round((part / whole) * 1000) / 1000;

function breached(t: TRow, until: string): boolean {
  if (t.sla_announced_for !== null) return true;
  if (t.first_claimed_at !== null) return t.first_claimed_at > t.sla_due_at;
  return t.status === 'queued' && t.sla_due_at < until;
}

function row(key: string, qs: QRow[], ts: TRow[], until: string): BreakdownRow {
  const n = (o: QuestionOutcome) => qs.filter((q) => q.outcome === o).length;
  const ratings = ts.map((t) => t.rating).filter((r): r is number => r !== null);
  const claim = durations(ts.map((t) => ({ from: t.created_at, to: t.first_claimed_at })));
  const resolve = durations(
    ts.filter((t) => t.status === 'resolved').map((t) => ({ from: t.created_at, to: t.closed_at })),
  );
  return {
    key,
    questions: qs.length,
    confirmed: n('confirmed'),
    unconfirmed: n('answered'),
    escalated: n('escalated'),
    declined: n('declined'),
    clarifyOpen: n('pending'),
    confirmedRate: share(n('confirmed'), qs.length),
    unconfirmedRate: share(n('answered'), qs.length),
    tickets: ts.length,
    resolved: ts.filter((t) => t.status === 'resolved').length,
    slaBreaches: ts.filter((t) => breached(t, until)).length,
    csatCount: ratings.length,
    csatAverage: averageRating(ratings),
    medianClaimMinutes: claim.medianMinutes,
    medianResolveMinutes: resolve.medianMinutes,
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function breakdown(
  qs: QRow[],
  ts: TRow[],
  until: string,
  qKey: (q: QRow) => string,
  tKey: (t: TRow) => string,
) {
  const q = groupBy(qs, qKey);
  const t = groupBy(ts, tKey);
  const keys = [...new Set([...q.keys(), ...t.keys()])].sort();
  return keys.map((k) => row(k, q.get(k) ?? [], t.get(k) ?? [], until));
}

/**
 * The dashboard's figures over the same window as `computeReport`: deflection (confirmed and
 * unconfirmed), answer / clarify / decline rates, SLA breaches and the per-channel, per-language
 * and per-day lines (days in the company time zone). Read-only.
 */
export function computeDashboard(db: Db, options: ReportOptions & { timeZone: string }): DashboardFigures {
  const report = computeReport(db, options);
  const since = options.since?.toISOString() ?? '';
  const until = report.until;
  const qs = db
    .prepare(
      `SELECT q.asked_at, q.lang, q.outcome, c.channel FROM conversation_questions q
       JOIN conversations c ON c.id = q.conversation_id
       WHERE q.asked_at >= ? AND q.asked_at < ?`,
    )
    .all(since, until) as QRow[];
  const ts = db
    .prepare(
      `SELECT channel, lang, status, created_at, first_claimed_at, closed_at, sla_due_at, sla_announced_for, rating
       FROM tickets WHERE created_at >= ? AND created_at < ?`,
    )
    .all(since, until) as TRow[];
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: options.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const dayOf = (iso: string) => day.format(new Date(iso));
  const total = report.questions.total;
  return {
    ...report,
    rates: {
      answer: share(report.questions.confirmed + report.questions.unconfirmed, total),
      clarify: share(qs.filter((q) => q.outcome === 'pending').length, total),
      decline: share(qs.filter((q) => q.outcome === 'declined').length, total),
      escalate: share(report.questions.escalated, total),
    },
    slaBreaches: ts.filter((t) => breached(t, until)).length,
    byChannel: breakdown(
      qs,
      ts,
      until,
      (q) => q.channel,
      (t) => t.channel,
    ),
    byLang: breakdown(
      qs,
      ts,
      until,
      (q) => q.lang,
      (t) => t.lang,
    ),
    byDay: breakdown(
      qs,
      ts,
      until,
      (q) => dayOf(q.asked_at),
      (t) => dayOf(t.created_at),
    ),
  };
}
