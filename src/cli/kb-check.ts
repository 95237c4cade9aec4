import { loadConfig } from '../config.js';
import { confusablePairs, fewPhrasings, type AuthoringWarning } from '../kb/authoring.js';
import { formatProblem, loadKnowledgeBase } from '../kb/load-kb.js';
import { THESAURUS_FILE } from '../kb/thesaurus-file.js';
import type { Article } from '../kb/types.js';
import { createRetriever, retrieverSettings } from '../retrieval/retriever.js';
import { parseCliArgs, runCli } from './args.js';

const USAGE = 'npm run kb:check -- [--kb DIR]';

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    kb: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(
      `usage: ${USAGE}\nValidates every article and the company thesaurus (${THESAURUS_FILE}), printing\n` +
        'each problem as file:line: message; then warns (file:line: warning: ...) about articles\n' +
        'with too few example phrasings and pairs of articles whose phrasings answer each other.\n',
    );
    return 0;
  }
  const config = loadConfig(process.env);
  const dir = values.kb ?? config.kb.dir;
  const { articles, problems, thesaurus } = await loadKnowledgeBase(dir);
  for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const warnings = await authoringWarnings(articles, config);
  for (const w of warnings) process.stdout.write(`${w.file}:${w.line}: warning: ${w.message}\n`);
  const byLang = { en: 0, ru: 0 };
  for (const a of articles) byLang[a.lang] += 1;
  const files = new Set(problems.map((p) => p.file)).size;
  process.stdout.write(
    `${articles.length} articles loaded (en ${byLang.en}, ru ${byLang.ru}); ` +
      (thesaurus.size > 0 ? `${thesaurus.size} company thesaurus group(s); ` : '') +
      `${problems.length} problem(s) in ${files} file(s) from ${dir}` +
      `${warnings.length > 0 ? `; ${warnings.length} warning(s)` : ''}\n`,
  );
  if (articles.length === 0 && problems.length === 0) {
    process.stdout.write(`no markdown articles found in ${dir}: is it the right folder?\n`);
    return 1;
  }
  return problems.length > 0 ? 1 : 0;
});

/** Advice for authors on the articles that loaded: too few phrasings, topics easy to confuse. */
async function authoringWarnings(
  articles: readonly Article[],
  config: ReturnType<typeof loadConfig>,
): Promise<AuthoringWarning[]> {
  if (articles.length === 0) return [];
  const lineOf = (a: Article) => a.questionsLine ?? a.idLine;
  const retriever = createRetriever(articles, retrieverSettings(config));
  return [...fewPhrasings(articles, lineOf), ...(await confusablePairs(articles, retriever, lineOf))];
}
