import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { formatProblem, loadKnowledgeBase } from '../kb/load-kb.js';
import { readDialogs } from '../dialogs/format.js';
import { runDialogs } from '../dialogs/run-dialogs.js';
import { formatDialogReport } from '../dialogs/score.js';
import { parseCliArgs, runCli } from './args.js';

const USAGE = 'npm run eval:dialogs -- --kb DIR --dialogs FILE.jsonl [--out REPORT.json]';

/**
 * Whole conversations through the real core on a temporary database: how the bot behaves as an
 * employee sees it (section quoted, next tries, asking back, language, tickets), which the
 * retrieval evaluation cannot tell. Keyword search only, so the figures do not depend on a model.
 */
await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    kb: { type: 'string' },
    dialogs: { type: 'string' },
    out: { type: 'string' },
  });
  if (!values.kb || !values.dialogs)
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--kb and --dialogs are required');
  const dialogs = await readDialogs(values.dialogs);
  if (dialogs.length === 0) throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${values.dialogs} has no dialogs`);
  const { articles, problems } = await loadKnowledgeBase(values.kb);
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  const config = loadConfig({ ...process.env, EMBEDDINGS: 'off', NODE_ENV: 'test' });
  const report = await runDialogs(articles, dialogs, config);
  if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatDialogReport(report)}\n`);
  return 0;
});
