import type { Config } from '../config.js';
import { formatProblem, loadKnowledgeBase } from '../kb/load-kb.js';
import type { KbProblem } from '../kb/types.js';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/db.js';
import { createEmbedder } from './embedding/create-embedder.js';
import { CachedEmbedder } from './embedding/vector-cache.js';
import { sqliteIntentCache } from './intent-cache.js';
import { indexRetriever, retrieverSettings, type KnowledgeRetriever } from './retriever.js';

/**
 * Loads the knowledge base and indexes it the way the bot, `ask` and `eval` all do: keyword index
 * in memory (rebuilt in well under a second), vectors cached in `db` when a model is available,
 * bad articles reported and skipped.
 */
export async function buildRetriever(options: {
  config: Config;
  logger: Logger;
  /** Holds the vector cache (migrated); the keyword index is private to the retriever. */
  db: Db;
  kbDir?: string;
  /**
   * Delete cached vectors the index did not use (the bot at start-up). Not for `ask`, which may
   * read another knowledge base from the same database.
   */
  pruneVectorCache?: boolean;
}): Promise<{ retriever: KnowledgeRetriever; problems: KbProblem[] }> {
  const { config, logger, db } = options;
  const dir = options.kbDir ?? config.kb.dir;
  const kb = await loadKnowledgeBase(dir);
  for (const problem of kb.problems) {
    const what = problem.kind === 'thesaurus' ? 'thesaurus entry skipped' : 'skipped article';
    logger.warn({ file: problem.file, line: problem.line }, `${what}: ${formatProblem(problem)}`);
  }
  const model = await createEmbedder(config.embeddings, logger);
  const cache = model ? new CachedEmbedder(db, model) : undefined;
  const retriever = await indexRetriever(kb.articles, {
    ...retrieverSettings(config),
    embedder: cache,
    intentCache: sqliteIntentCache(db),
  });
  if (cache && options.pruneVectorCache && retriever.usesEmbeddings) {
    const removed = cache.pruneUnused();
    if (removed > 0)
      logger.info({ removed }, 'deleted cached vectors of texts no longer in the knowledge base');
  }
  logger.info(
    {
      articles: kb.articles.length,
      problems: kb.problems.length,
      thesaurusGroups: kb.thesaurus.size,
      embeddings: retriever.usesEmbeddings,
    },
    `knowledge base indexed from ${dir}`,
  );
  return { retriever, problems: kb.problems };
}
