import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { SqliteAuditLog } from '../handoff/sqlite-audit-log.js';
import { loadKnowledgeBase } from '../kb/load-kb.js';
import { LearningService } from '../learning/learning-service.js';
import { SqliteLearningStore } from '../learning/sqlite-learning-store.js';
import { assertHelpdeskDatabase, migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { parseCliArgs, parseWholeNumber, runCli } from './args.js';

const USAGE = 'npm run kb:suggest -- [--accept ID | --reject ID] [--db FILE] [--kb DIR] [--json]';

/**
 * The phrasings agents' resolutions suggest for articles, and the content gaps they marked (the
 * console's `/agent/suggestions`, on the terminal). `--accept ID` writes one into its article's
 * `questions` (a running bot re-indexes it), `--reject ID` remembers it is not wanted.
 */
await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    accept: { type: 'string' },
    reject: { type: 'string' },
    db: { type: 'string' },
    kb: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(
      `usage: ${USAGE}\nSuggested phrasings learned from resolved tickets, and content gaps.\n`,
    );
    return 0;
  }
  if (values.accept !== undefined && values.reject !== undefined) {
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, 'Give --accept or --reject, not both');
  }
  const config = loadConfig(process.env);
  const kbDir = values.kb ?? config.kb.dir;
  const file = values.db ?? config.databasePath;
  assertHelpdeskDatabase(file);
  const { articles } = await loadKnowledgeBase(kbDir);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const db = openDatabase(file);
  try {
    migrate(db, ALL_MIGRATIONS);
    const service = new LearningService({
      store: new SqliteLearningStore(db),
      audit: new SqliteAuditLog(db),
      config: { kb: { ...config.kb, dir: kbDir } },
      articles: { getArticle: (id) => byId.get(id) },
      now: () => new Date(),
    });
    const by = { agentId: 'cli', role: 'none' as const };
    const idOf = (v: string) => {
      const id = parseWholeNumber(v, 1, Number.MAX_SAFE_INTEGER);
      if (id === undefined) throw new HelpdeskError(ErrorCodes.CLI_USAGE, `"${v}" is not a suggestion id`);
      return id;
    };
    if (values.accept !== undefined) {
      const { suggestion, edit } = await service.accept(idOf(values.accept), by);
      process.stdout.write(
        `${edit === 'added' ? 'added' : 'already there'}: "${suggestion.text}" -> ${suggestion.articleId}\n`,
      );
      return 0;
    }
    if (values.reject !== undefined) {
      const s = service.reject(idOf(values.reject), by);
      process.stdout.write(`rejected: "${s.text}" -> ${s.articleId}\n`);
      return 0;
    }
    const list = service.list();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(`Suggested phrasings (${list.pending.length}):\n`);
    for (const s of list.pending) {
      process.stdout.write(
        `  #${s.id}  "${s.text}" -> ${s.articleId} (${s.articleTitle ?? 'article not found'})\n`,
      );
    }
    process.stdout.write(`Content gaps (${list.gaps.length}):\n`);
    for (const g of list.gaps)
      process.stdout.write(`  ${String(g.count).padStart(3)}  ${g.example} (${g.lang})\n`);
    return 0;
  } finally {
    db.close();
  }
});
