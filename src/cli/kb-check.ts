import { loadConfig } from '../config.js';
import { formatProblem, loadKnowledgeBase } from '../kb/load-kb.js';
import { parseCliArgs, runCli } from './args.js';

const USAGE = 'npm run kb:check -- [--kb DIR]';

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    kb: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(
      `usage: ${USAGE}\nValidates every article and prints each problem as file:line: message.\n`,
    );
    return 0;
  }
  const dir = values.kb ?? loadConfig(process.env).kb.dir;
  const { articles, problems } = await loadKnowledgeBase(dir);
  for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const byLang = { en: 0, ru: 0 };
  for (const a of articles) byLang[a.lang] += 1;
  const files = new Set(problems.map((p) => p.file)).size;
  process.stdout.write(
    `${articles.length} articles loaded (en ${byLang.en}, ru ${byLang.ru}); ` +
      `${problems.length} problem(s) in ${files} file(s) from ${dir}\n`,
  );
  if (articles.length === 0 && problems.length === 0) {
    process.stdout.write(`no markdown articles found in ${dir}: is it the right folder?\n`);
    return 1;
  }
  return problems.length > 0 ? 1 : 0;
});
