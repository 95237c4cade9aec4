import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { cliLogger } from '../logger.js';
import { buildRetriever } from '../retrieval/build-retriever.js';
import { sqliteCalibrationStore } from '../retrieval/calibration/calibration-store.js';
import { SelfCalibrator } from '../retrieval/calibration/self-calibrator.js';
import { migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { parseCliArgs, runCli } from './args.js';

const USAGE = 'npm run ask -- [--kb DIR] [--lang en|ru] [--json] "text"';

await runCli(USAGE, async () => {
  const { values, positionals } = parseCliArgs(
    process.argv.slice(2),
    { kb: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  const text = positionals.join(' ').trim();
  if (text === '') throw new HelpdeskError(ErrorCodes.CLI_USAGE, 'the text to ask is missing');
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'ru') {
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, `--lang must be en or ru (got "${values.lang}")`);
  }
  const config = loadConfig(process.env);
  const logger = cliLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = openDatabase(config.databasePath);
  migrate(db, ALL_MIGRATIONS);
  try {
    const { retriever } = await buildRetriever({ config, logger, db, kbDir: values.kb });
    // Decides as the bot does: with the stored calibration of this knowledge base, made if none.
    if (config.selfCalibration)
      await new SelfCalibrator(retriever, config.retrieval, { store: sqliteCalibrationStore(db) }).refresh();
    const { decision, ranked } = await retriever.searchDetailed(text, { lang: values.lang });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(
      `decision: ${decision.kind} (lang ${decision.lang}, confidence ${decision.confidence.toFixed(3)}, embeddings ${retriever.usesEmbeddings ? 'on' : 'off'})\n`,
    );
    const intents = new Map(ranked.map((r) => [r.articleId, r.features.intent]));
    const withIntent = retriever.usesIntentModel;
    decision.candidates.forEach((c, i) => {
      const dense = c.denseScore === undefined ? '' : ` dense ${c.denseScore.toFixed(3)}`;
      const intent = withIntent ? ` intent ${(intents.get(c.articleId) ?? 0).toFixed(3)}` : '';
      process.stdout.write(
        `${i + 1}. ${c.articleId}  score ${c.score.toFixed(3)} keyword ${c.keywordScore.toFixed(3)}${intent}${dense}  "${c.title}" -> ${c.sectionId}\n`,
      );
    });
    for (const f of decision.followUps ?? []) {
      process.stdout.write(
        `also: ${f.articleId}  "${f.title}" for "${f.question}" (offered once the first is solved)\n`,
      );
    }
    return 0;
  } finally {
    db.close();
  }
});
