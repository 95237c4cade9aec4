import type { Durations, ReportFigures } from './figures.js';

function pct(part: number, total: number): string {
  return total === 0 ? '–' : `${Math.round((part / total) * 1000) / 10}%`;
}

function minutes(value: number | undefined): string {
  if (value === undefined) return '–';
  if (value < 120) return `${value} min`;
  return `${Math.round((value / 60) * 10) / 10} h`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function timing(d: Durations): string {
  return d.count === 0
    ? 'no data'
    : `median ${minutes(d.medianMinutes)}, p90 ${minutes(d.p90Minutes)} (${plural(d.count, 'ticket')})`;
}

const MAX_GAP_CHARS = 100;

/** The report as plain text for a terminal: aligned, no colours, one section per question it answers. */
export function formatReport(f: ReportFigures): string {
  const q = f.questions;
  const lines = [
    `Helpdesk report ${f.since ? `from ${f.since} ` : ''}to ${f.until}`,
    '',
    `Questions to the bot: ${q.total}`,
    `  confirmed deflection    ${String(q.confirmed).padStart(6)}  ${pct(q.confirmed, q.total)}`,
    `  unconfirmed deflection  ${String(q.unconfirmed).padStart(6)}  ${pct(q.unconfirmed, q.total)}`,
    `  escalated to a person   ${String(q.escalated).padStart(6)}  ${pct(q.escalated, q.total)}`,
    `  unanswered              ${String(q.unanswered).padStart(6)}  ${pct(q.unanswered, q.total)}`,
    '',
    `Tickets: ${f.tickets.created} created (${f.tickets.high} high priority), ${f.tickets.resolved} resolved, ` +
      `${f.tickets.handedBack} handed back, ${f.tickets.cancelled} cancelled, ${f.tickets.open} open`,
    `  time to claim    ${timing(f.timeToClaim)}`,
    `  time to resolve  ${timing(f.timeToResolve)}`,
    '',
    f.csat.count === 0
      ? 'CSAT: no ratings'
      : `CSAT: ${f.csat.average} / 5 from ${plural(f.csat.count, 'rating')} ` +
        `(${[1, 2, 3, 4, 5].map((n) => `${n}: ${f.csat.distribution[n as 1 | 2 | 3 | 4 | 5]}`).join(', ')})`,
    '',
    'Top unanswered questions (content gaps):',
  ];
  if (f.contentGaps.length === 0) lines.push('  none');
  f.contentGaps.forEach((g, i) => {
    const text = g.example.replace(/\s+/g, ' ');
    const clipped = text.length > MAX_GAP_CHARS ? `${text.slice(0, MAX_GAP_CHARS - 1)}…` : text;
    lines.push(`  ${String(i + 1).padStart(2)}. ${String(g.count).padStart(4)}×  [${g.lang}] ${clipped}`);
  });
  return `${lines.join('\n')}\n`;
}
