/**
 * Prints what the bot expects of itself on a knowledge base, from the knowledge base alone: the
 * self-calibration the server runs at start-up (see `selfCalibrate`), with its estimates and
 * reasons. With `--queries`, labelled questions are one more source for the fit, and the
 * calibrated bot's figures on them are printed too. Usage:
 *   npm run calibrate -- [--kb DIR] [--queries FILE.jsonl] [--json]
 */
import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { formatProblem, loadKnowledgeBase } from '../kb/load-kb.js';
import { selfCalibrate, type Calibration } from '../retrieval/calibration/self-calibrate.js';
import { countSections } from '../kb/sections.js';
import { MAX_CALIBRATED_SECTIONS } from '../retrieval/calibration/self-calibrator.js';
import { readQueries, type LabelledQuery } from '../retrieval/eval-queries.js';
import { formatReport, summarise, type QueryOutcome } from '../retrieval/evaluate.js';
import { createRetriever, retrieverSettings, type KnowledgeRetriever } from '../retrieval/retriever.js';
import { parseCliArgs, runCli } from './args.js';

const USAGE = 'npm run calibrate -- [--kb DIR] [--queries FILE.jsonl] [--json]';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The estimates and reasons as a few readable lines. */
export function formatCalibration(c: Calibration, configured: number): string {
  const e = c.estimates;
  return [
    `held out: ${e.inScope} phrasings (questions the knowledge base covers), ${e.outOfScope} phrasings of held-out articles (questions it does not), ${e.offTopic} off-topic questions`,
    `expected on questions it covers: top-1 ${pct(e.top1)}, answered ${pct(e.answered)}, offered a choice ${pct(e.clarified)}, declined ${pct(e.declined)}, wrong answers ${pct(e.wrongAnswers)}`,
    `expected on questions it does not cover: declined ${pct(e.outOfScopeDeclined)}, answered ${pct(e.outOfScopeAnswered)} (off-topic questions declined ${pct(e.offTopicDeclined)})`,
    `decline threshold ${c.clarifyThreshold} (configured ${configured}), classifier ${c.withIntent ? 'on' : 'off'}`,
    'why:',
    ...c.notes.map((n) => `  - ${n}`),
    "These come from the knowledge base's own phrasings, not from employees' messages: on our sample knowledge base and its cut-down copies they came within about 10 points of the figures measured on labelled questions.",
    'Questions it does not cover are estimated at both ends: phrasings of a held-out article (as close to the knowledge base as a question can be) and everyday off-topic ones; real ones fall in between.',
  ].join('\n');
}

async function labelledFigures(retriever: KnowledgeRetriever, queries: readonly LabelledQuery[]) {
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const { decision, ranked } = await retriever.searchDetailed(query.query, { lang: query.lang });
    outcomes.push({ query, ranked: ranked.map((c) => c.articleId), decision: decision.kind, latencyMs: 0 });
  }
  return summarise(outcomes, { embeddings: 'off', indexMs: 0 });
}

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    kb: { type: 'string' },
    queries: { type: 'string' },
    json: { type: 'boolean' },
  });
  const config = loadConfig(process.env);
  const dir = values.kb ?? config.kb.dir;
  const kb = await loadKnowledgeBase(dir);
  for (const p of kb.problems) process.stderr.write(`skipped: ${formatProblem(p)}\n`);
  if (kb.articles.length === 0)
    throw new HelpdeskError(ErrorCodes.KB_UNREADABLE, `no article could be loaded from ${dir}`);
  const queries = values.queries ? await readQueries(values.queries) : [];
  const retriever = createRetriever(kb.articles, retrieverSettings(config));
  const calibration = await selfCalibrate(retriever, config.retrieval, { extra: queries });
  retriever.setCalibration(calibration);
  const labelled = queries.length > 0 ? await labelledFigures(retriever, queries) : undefined;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ calibration, labelled }, null, 2)}\n`);
    return 0;
  }
  const phrasings = kb.articles.reduce((n, a) => n + a.questions.length, 0);
  const sections = countSections(kb.articles);
  if (sections > MAX_CALIBRATED_SECTIONS)
    process.stdout.write(
      `note: the server does not calibrate a knowledge base of ${sections} sections (more than ${MAX_CALIBRATED_SECTIONS}); the built-in decision serves it. What it would find:\n`,
    );
  process.stdout.write(
    `${kb.articles.length} articles from ${dir}, ${(phrasings / kb.articles.length).toFixed(1)} example phrasings per article\n`,
  );
  process.stdout.write(`${formatCalibration(calibration, config.retrieval.clarifyThreshold)}\n`);
  if (labelled)
    process.stdout.write(`on ${values.queries} (also used for the fit):\n${formatReport(labelled)}\n`);
  return 0;
});
