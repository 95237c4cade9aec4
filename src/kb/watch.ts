import { watch, type FSWatcher } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { errorMessage } from '../errors.js';
import { formatProblem, isSkippedName, listMarkdownFiles, loadArticleFile } from './load-kb.js';
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
  refresh(file: string): Promise<RefreshResult>;
  /**
   * Reconciles the articles under a folder (relative to the knowledge base) that was moved in,
   * moved out or deleted: such a move reports only the folder's name, not its files.
   */
  refreshFolder(folder: string): Promise<void>;
  close(): void;
}

type RefreshResult = 'indexed' | 'unchanged' | 'removed' | 'rejected';

/**
 * What is at a path, without following symlinks: start-up loads regular files only, so a symlink,
 * pipe or folder named `.md` counts as no article here too (and a pipe would block the read).
 */
async function pathKind(full: string): Promise<'file' | 'folder' | 'missing' | 'other'> {
  try {
    const info = await lstat(full);
    if (info.isFile()) return 'file';
    return info.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
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

  /**
   * After an article left the index, the first other file (in path order) claiming its id takes
   * over, as it would at a restart: a duplicate rejected earlier, or a renamed file whose own
   * event has not run yet. Only files that own no article are read.
   */
  async function promoteClaimant(id: string): Promise<void> {
    const files = await listMarkdownFiles(dir).catch(() => []);
    for (const file of files) {
      if (fileToId.has(file)) continue;
      const { article } = await loadArticleFile(dir, file);
      if (article?.id === id) {
        await refreshNow(file);
        return;
      }
    }
  }

  async function refreshNow(file: string): Promise<RefreshResult> {
    const full = path.join(dir, file);
    const kind = await pathKind(full);
    const previousId = fileToId.get(file);
    if (kind !== 'file') {
      if (kind === 'other') logger.warn({ file }, 'not a regular file (symlink or pipe): skipped');
      fileToId.delete(file);
      if (previousId === undefined) return 'unchanged';
      sink.remove(previousId);
      scheduleRebuild();
      logger.info({ file, article: previousId }, 'article removed from the index');
      await promoteClaimant(previousId);
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
      if ((await pathKind(path.join(dir, owner))) === 'file') {
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
      fileToId.set(file, article.id);
      if (changed) {
        scheduleRebuild();
        logger.info({ file, article: article.id }, 'article re-indexed');
      }
      if (previousId !== undefined && previousId !== article.id) {
        sink.remove(previousId);
        await promoteClaimant(previousId);
      }
      return changed ? 'indexed' : 'unchanged';
    } catch (error) {
      logger.error({ file, err: errorMessage(error) }, 're-indexing failed, previous version kept');
      return 'rejected';
    }
  }

  async function refreshFolderNow(folder: string): Promise<void> {
    const full = path.join(dir, folder);
    const onDisk =
      (await pathKind(full)) === 'folder'
        ? (await listMarkdownFiles(full).catch(() => [])).map((f) => `${folder}/${f}`)
        : [];
    const present = new Set(onDisk);
    const gone = [...fileToId.keys()].filter((f) => f.startsWith(`${folder}/`) && !present.has(f));
    // Files both indexed and present get events of their own when they change.
    const arrived = onDisk.filter((f) => !fileToId.has(f));
    for (const file of [...gone, ...arrived]) await refreshNow(file);
  }

  // One refresh at a time: a promotion or a folder move reads state another refresh may change.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };
  const refresh = (file: string): Promise<RefreshResult> => serialized(() => refreshNow(file));
  const refreshFolder = (folder: string): Promise<void> => serialized(() => refreshFolderNow(folder));

  /** Debounced per path: editors write a file several times in a row. */
  const schedule = (key: string, run: () => Promise<unknown>): void => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        run().catch((error: unknown) =>
          logger.error({ err: errorMessage(error), path: key }, 'knowledge-base refresh failed'),
        );
      }, debounceMs),
    );
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (!name) return;
      const file = name.toString().split(path.sep).join('/');
      if (file.split('/').some(isSkippedName)) return;
      if (file.toLowerCase().endsWith('.md')) schedule(file, () => refresh(file));
      // The name may be a folder that moved (even one called `x.md`): its files send no events.
      schedule(`${file}/`, () => refreshFolder(file));
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
    refreshFolder,
    close() {
      watcher?.close();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      clearTimeout(rebuildTimer);
    },
  };
}
