import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { parseDateArg } from '../report/dates.js';
import { computeReport } from '../report/figures.js';
import { formatReport } from '../report/format.js';
import { assertHelpdeskDatabase, migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { parseCliArgs, parseWholeNumber, runCli } from './args.js';

const USAGE = 'npm run report -- [--since DATE] [--until DATE] [--db FILE] [--top N] [--json]';

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    since: { type: 'string' },
    until: { type: 'string' },
    db: { type: 'string' },
    top: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(
      `usage: ${USAGE}\nDeflection, time to claim and resolve, CSAT and content gaps from the bot's database.\n`,
    );
    return 0;
  }
  const config = loadConfig(process.env);
  const tz = config.handoff.timeZone;
  const since = values.since === undefined ? undefined : parseDateArg('since', values.since, tz);
  const until = values.until === undefined ? undefined : parseDateArg('until', values.until, tz);
  if (since && until && since >= until) {
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--since must be before --until');
  }
  const top = values.top === undefined ? 10 : parseWholeNumber(values.top, 1, 1000);
  if (top === undefined) {
    throw new HelpdeskError(
      ErrorCodes.CLI_USAGE,
      `--top: "${values.top}" must be a whole number from 1 to 1000`,
    );
  }
  const file = values.db ?? config.databasePath;
  assertHelpdeskDatabase(file);
  const db = openDatabase(file);
  try {
    migrate(db, ALL_MIGRATIONS);
    const figures = computeReport(db, { since, until, top });
    process.stdout.write(values.json ? `${JSON.stringify(figures, null, 2)}\n` : formatReport(figures));
  } finally {
    db.close();
  }
  return 0;
});
