import { watch, type FSWatcher } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { errorMessage } from '../errors.js';
import { formatProblem, loadArticleFile } from './load-kb.js';
import type { Article } from './types.js';

/** What the watcher updates: the retriever implements it. */
export interface ArticleSink {
  upsert(article: Article): Promise<boolean>;
  remove(articleId: string): boolean;
  getArticle(id: string): Article | undefined;
  /** Rebuilds views derived from all articles after a change, off the message path. */
  rebuildInBackground?(): Promise<void>;
}

export interface KbWatcher {
  /** Re-reads one file (relative to the folder) now; what the file-system events call. */
  refresh(file: string): Promise<'indexed' | 'unchanged' | 'removed' | 'rejected'>;
  close(): void;
}

function fileExists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Keeps the index in step with the knowledge-base folder: a changed file re-indexes only that
 * article, a deleted file removes it, and a file that no longer parses is reported while the
 * previous version keeps serving. Events are debounced per file (editors write several times).
 */
export function watchKnowledgeBase(
  dir: string,
  sink: ArticleSink,
  initial: readonly Article[],
  logger: Logger,
  debounceMs = 250,
): KbWatcher {
  const fileToId = new Map(initial.map((a) => [a.file, a.id]));
  const timers = new Map<string, NodeJS.Timeout>();
  let rebuildTimer: NodeJS.Timeout | undefined;

  /** One rebuild of the derived views after a burst of changes (a `git pull`), not one per file. */
  const scheduleRebuild = (): void => {
    if (!sink.rebuildInBackground) return;
    clearTimeout(rebuildTimer);
    rebuildTimer = setTimeout(() => {
      sink
        .rebuildInBackground?.()
        .catch((error: unknown) =>
          logger.error({ err: errorMessage(error) }, 'rebuilding the derived indexes failed'),
        );
    }, debounceMs);
    rebuildTimer.unref();
  };

  const ownerOf = (id: string): string | undefined => {
    for (const [file, owner] of fileToId) if (owner === id) return file;
    return undefined;
  };

  async function refresh(file: string): Promise<'indexed' | 'unchanged' | 'removed' | 'rejected'> {
    const full = path.join(dir, file);
    const exists = await fileExists(full);
    const previousId = fileToId.get(file);
    if (!exists) {
      fileToId.delete(file);
      if (previousId === undefined) return 'unchanged';
      sink.remove(previousId);
      scheduleRebuild();
      logger.info({ file, article: previousId }, 'article removed from the index');
      return 'removed';
    }
    const { article, problems } = await loadArticleFile(dir, file);
    if (!article) {
      for (const p of problems)
        logger.warn({ file }, `article not re-indexed, previous version kept: ${formatProblem(p)}`);
      return 'rejected';
    }
    const owner = ownerOf(article.id);
    if (owner !== undefined && owner !== file) {
      // A renamed or moved file: its old path is gone but its own event may not have run yet.
      // Take the id over, so that the old path's event does not remove the article afterwards.
      if (await fileExists(path.join(dir, owner))) {
        logger.warn(
          { file, article: article.id },
          `article not re-indexed: id "${article.id}" is already used by ${owner}`,
        );
        return 'rejected';
      }
      fileToId.delete(owner);
    }
    try {
      const changed = await sink.upsert(article);
      if (previousId !== undefined && previousId !== article.id) sink.remove(previousId);
      fileToId.set(file, article.id);
      if (changed) {
        scheduleRebuild();
        logger.info({ file, article: article.id }, 'article re-indexed');
      }
      return changed ? 'indexed' : 'unchanged';
    } catch (error) {
      logger.error({ file, err: errorMessage(error) }, 're-indexing failed, previous version kept');
      return 'rejected';
    }
  }

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (!name) return;
      const file = name.toString().split(path.sep).join('/');
      if (!file.toLowerCase().endsWith('.md') || file.split('/').some((part) => part.startsWith('.'))) return;
      clearTimeout(timers.get(file));
      timers.set(
        file,
        setTimeout(() => {
          timers.delete(file);
          void refresh(file);
        }, debounceMs),
      );
    });
    watcher.on('error', (error) =>
      logger.error({ err: errorMessage(error) }, 'knowledge-base watcher failed'),
    );
  } catch (error) {
    logger.warn(
      { err: errorMessage(error) },
      'cannot watch the knowledge-base folder; restart to pick up edits',
    );
  }

  return {
    refresh,
    close() {
      watcher?.close();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      clearTimeout(rebuildTimer);
    },
  };
}
