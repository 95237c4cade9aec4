import type { BreakdownRow, DashboardFigures } from './dashboard.js';

const COLUMNS: (keyof BreakdownRow)[] = [
  'key',
  'questions',
  'confirmed',
  'unconfirmed',
  'escalated',
  'declined',
  'clarifyOpen',
  'confirmedRate',
  'unconfirmedRate',
  'tickets',
  'resolved',
  'slaBreaches',
  'csatCount',
  'csatAverage',
  'medianClaimMinutes',
  'medianResolveMinutes',
];

/**
 * One CSV cell: quoted when it holds a comma, quote or line break, and a leading `= + - @` (or
 * tab / CR) neutralised with a quote mark, so a spreadsheet never runs text as a formula.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The dashboard's breakdowns and top unanswered questions as one CSV (RFC 4180, CRLF). */
export function dashboardCsv(f: DashboardFigures): string {
  const lines = [['dimension', ...COLUMNS].join(',')];
  const add = (dimension: string, rows: BreakdownRow[]) => {
    for (const r of rows) lines.push([dimension, ...COLUMNS.map((c) => r[c])].map(csvCell).join(','));
  };
  add('channel', f.byChannel);
  add('language', f.byLang);
  add('day', f.byDay);
  lines.push('');
  lines.push(['unanswered question', 'count', 'lang', 'last asked'].join(','));
  for (const g of f.contentGaps)
    lines.push([g.example, g.count, g.lang, g.lastAskedAt].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
