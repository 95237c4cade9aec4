import { watch, type FSWatcher } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { errorMessage } from '../errors.js';
import { formatProblem, isSkippedName, loadArticleFile, scanKnowledgeBase, type KbScan } from './load-kb.js';
import { applyThesaurus, readThesaurus, THESAURUS_FILE } from './thesaurus-file.js';
import type { Article, KbProblem } from './types.js';

/** What the watcher updates: the retriever implements it. */
export interface ArticleSink {
  /** Indexes the article unless the same file with the same bytes is already indexed. */
  upsert(article: Article): Promise<boolean>;
  remove(articleId: string): boolean;
  getArticle(id: string): Article | undefined;
  /** Rebuilds views derived from all articles after a change, off the message path. */
  rebuildInBackground?(): Promise<void>;
  /** Analyses every article again: the company thesaurus changed (see `readThesaurus`). */
  reanalyze?(): void;
}

/** What one pass changed. */
export interface ReconcileResult {
  /** Articles (re-)indexed, by id. */
  indexed: string[];
  /** Articles no longer served, by id. */
  removed: string[];
  /**
   * Files not served as they are on disk: they do not parse, reuse an id, or failed to index
   * (the company thesaurus too, when broken).
   */
  rejected: string[];
  /** True when the company thesaurus changed and every article was analysed again. */
  reanalyzed?: boolean;
}

export interface KbWatcher {
  /**
   * Brings the index in line with the folder now, as a restart would load it, except that a file
   * that no longer parses (or fails to index) keeps its previous version serving. Unchanged files
   * are not read again and unchanged articles not re-indexed.
   */
  reconcile(): Promise<ReconcileResult>;
  /** Stops watching; resolves once a pass already running has finished (before the database closes). */
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Quiet time after a file-system event before the pass runs (editors write several times). */
  debounceMs?: number;
  /**
   * A full pass at this interval even without events (0: never). Events alone are not enough:
   * on Linux a file replaced by a rename (how most editors and `git` save) can stop reporting.
   */
  rescanMs?: number;
  /** Problems the caller already reported at start-up: the first pass does not log them again. */
  alreadyReported?: readonly KbProblem[];
  /** Runs after each rebuild of the derived views (the server recalibrates its decision then). */
  afterRebuild?: () => Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 250;
/** Longest a pass waits behind a steady stream of events (a copy in progress, a log file). */
const MIN_MAX_WAIT_MS = 2_000;
/**
 * A file modified this recently is read again on the next pass even if its stamp is unchanged:
 * with coarse file-system timestamps, a same-size write in the same tick keeps the stamp.
 */
const FRESH_WRITE_MS = 2_000;
export const DEFAULT_RESCAN_MS = 60_000;

type FileResult = { article?: Article; problems: KbProblem[] };

/** Reads of files under a folder, each reused while the file's size, times and inode are unchanged. */
class StampedReads<T> {
  private readonly reads = new Map<string, { stamp: string; result: T }>();

  constructor(
    private readonly dir: string,
    private readonly load: (file: string) => Promise<T>,
  ) {}

  async read(file: string): Promise<T> {
    const info = await lstat(path.join(this.dir, file)).catch(() => undefined);
    // Taken before the read: a write racing with it changes the stamp, so the next pass re-reads.
    const stamp = info ? `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}` : 'missing';
    const cached = this.reads.get(file);
    if (cached?.stamp === stamp) return cached.result;
    const result = await this.load(file);
    if (info && Date.now() - info.mtimeMs >= FRESH_WRITE_MS) this.reads.set(file, { stamp, result });
    else this.reads.delete(file);
    return result;
  }

  /** Forgets the files that are gone. */
  keepOnly(present: ReadonlySet<string>): void {
    for (const known of this.reads.keys()) if (!present.has(known)) this.reads.delete(known);
  }
}

/**
 * Keeps the index in step with the knowledge-base folder. Every file-system event, a timer and
 * start-up itself (edits made while the first index was built) trigger one pass over the whole
 * folder that compares it with what is served: a changed file re-indexes only its article, a
 * deleted one removes it, an id freed by one file passes to the next file claiming it in path
 * order, as at a restart. Files are re-read only when their size, times or inode changed, so a
 * pass over an unchanged folder costs one `lstat` per file. The company thesaurus (a small file)
 * is read on every pass; when its groups change, every article is analysed again.
 */
export function watchKnowledgeBase(
  dir: string,
  sink: ArticleSink,
  initial: readonly Article[],
  logger: Logger,
  options: WatchOptions = {},
): KbWatcher {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const rescanMs = options.rescanMs ?? DEFAULT_RESCAN_MS;
  /** Article id -> file it is served from. */
  const served = new Map(initial.map((a) => [a.id, a.file]));
  const articleReads = new StampedReads<FileResult>(dir, (file) => loadArticleFile(dir, file));
  // The thesaurus too: an unchanged one costs a pass one lstat, not a read, a parse and a check.
  const thesaurusReads = new StampedReads(dir, () => readThesaurus(dir));
  const reporter = problemReporter(logger);
  const watchers = new Map<string, { watcher: FSWatcher; inode: string }>();
  const maxWaitMs = Math.max(MIN_MAX_WAIT_MS, debounceMs * 4);
  let quietFiles = new Set((options.alreadyReported ?? []).map((p) => p.file));
  let closed = false;
  let debounceTimer: NodeJS.Timeout | undefined;
  let pendingSince = 0;
  let rebuildTimer: NodeJS.Timeout | undefined;

  /** One rebuild of the derived views after a burst of changes (a `git pull`), not one per file. */
  const scheduleRebuild = (): void => {
    if (!sink.rebuildInBackground || closed) return;
    clearTimeout(rebuildTimer);
    rebuildTimer = setTimeout(() => {
      sink
        .rebuildInBackground?.()
        .then(() => options.afterRebuild?.())
        .catch((error: unknown) =>
          logger.error({ err: errorMessage(error) }, 'rebuilding the derived indexes failed'),
        );
    }, debounceMs);
    rebuildTimer.unref();
  };

  /**
   * Which article each id should serve: files that parse, in path order as at start-up; then, for
   * ids no such file claims, the previous version of a file that no longer parses.
   */
  async function desiredArticles(scan: KbScan, rejected: string[]): Promise<Map<string, Article>> {
    const servedByFile = new Map([...served].map(([id, file]) => [file, id]));
    const desired = new Map<string, Article>();
    const kept: { file: string; article: Article; problems: string }[] = [];
    for (const file of scan.files) {
      if (closed) break;
      const { article, problems } = await articleReads.read(file);
      if (article) {
        const owner = desired.get(article.id);
        if (owner) {
          reporter.warn(file, `article not indexed: id "${article.id}" is already used by ${owner.file}`);
          rejected.push(file);
        } else desired.set(article.id, article);
        continue;
      }
      rejected.push(file);
      const keptId = servedByFile.get(file);
      const previous = keptId === undefined ? undefined : sink.getArticle(keptId);
      const why = problems.map(formatProblem).join('; ');
      if (previous) kept.push({ file, article: previous, problems: why });
      else reporter.warn(file, `article not indexed: ${why}`);
    }
    for (const { file, article, problems } of kept) {
      const owner = desired.get(article.id);
      if (owner) {
        reporter.warn(file, `article not re-indexed: ${problems}; its id is now served from ${owner.file}`);
      } else {
        reporter.warn(file, `article not re-indexed, previous version kept: ${problems}`);
        desired.set(article.id, article);
      }
    }
    articleReads.keepOnly(new Set(scan.files));
    return desired;
  }

  /** Indexes what changed; returns the files whose new version could not be indexed. */
  async function indexChanges(desired: Map<string, Article>, result: ReconcileResult): Promise<Set<string>> {
    const failed = new Set<string>();
    for (const [id, article] of desired) {
      if (closed) break;
      const current = sink.getArticle(id);
      if (current?.hash === article.hash && current.file === article.file) {
        served.set(id, article.file);
        continue;
      }
      try {
        await sink.upsert(article);
        served.set(id, article.file);
        result.indexed.push(id);
        logger.info({ file: article.file, article: id }, 'article re-indexed');
      } catch (error) {
        // Retried on the next pass: the previous version, if any, keeps serving meanwhile.
        reporter.error(article.file, `re-indexing failed, previous version kept: ${errorMessage(error)}`);
        result.rejected.push(article.file);
        failed.add(article.file);
      }
    }
    return failed;
  }

  async function reconcileNow(): Promise<ReconcileResult> {
    const result: ReconcileResult = { indexed: [], removed: [], rejected: [] };
    if (closed) return result;
    reporter.startPass(quietFiles);
    quietFiles = new Set();
    let scan: KbScan;
    try {
      scan = await scanKnowledgeBase(dir);
    } catch (error) {
      reporter.error('.', `knowledge-base folder unreadable, current index kept: ${errorMessage(error)}`);
      reporter.endPass();
      return result;
    }
    for (const p of scan.problems) reporter.warn(p.file, `skipped: ${formatProblem(p)}`);
    if (await refreshThesaurus(result)) result.reanalyzed = true;
    const desired = await desiredArticles(scan, result.rejected);
    // Indexed first, removed after: a file whose new version failed keeps its old article.
    const failed = await indexChanges(desired, result);
    for (const [id, file] of served) {
      if (closed || desired.has(id) || failed.has(file)) continue;
      sink.remove(id);
      served.delete(id);
      result.removed.push(id);
      logger.info({ file, article: id }, 'article removed from the index');
    }
    if (result.indexed.length > 0 || result.removed.length > 0 || result.reanalyzed) scheduleRebuild();
    if (!closed && (await watchFolders(scan.folders))) schedule();
    reporter.endPass();
    return result;
  }

  /**
   * Reads the company thesaurus again and, when its groups changed, puts them to use and has the
   * sink analyse every article again (before this pass indexes changed files, which then use it).
   * A broken file is rejected and the thesaurus in use keeps serving, as a broken article does.
   */
  async function refreshThesaurus(result: ReconcileResult): Promise<boolean> {
    const thesaurus = await thesaurusReads.read(THESAURUS_FILE);
    for (const p of thesaurus.problems) {
      const what = thesaurus.broken
        ? 'thesaurus not reloaded, the one in use is kept'
        : 'thesaurus entry skipped';
      reporter.warn(p.file, `${what}: ${formatProblem(p)}`);
    }
    if (thesaurus.broken) {
      result.rejected.push(THESAURUS_FILE);
      return false;
    }
    if (closed || !applyThesaurus(thesaurus.groups)) return false;
    sink.reanalyze?.();
    logger.info(
      { file: THESAURUS_FILE, groups: thesaurus.groups.size },
      'company thesaurus reloaded: every article re-indexed',
    );
    return true;
  }

  // One pass at a time: each reads state the previous one changes.
  let queue: Promise<unknown> = Promise.resolve();
  const reconcile = (): Promise<ReconcileResult> => {
    const run = queue.then(reconcileNow);
    queue = run.catch(() => undefined);
    return run;
  };

  const runPass = (): void => {
    reconcile().catch((error: unknown) =>
      logger.error({ err: errorMessage(error) }, 'knowledge-base refresh failed'),
    );
  };

  /** Debounced, but never postponed beyond `maxWaitMs` by a steady stream of events. */
  const schedule = (): void => {
    if (closed) return;
    if (debounceTimer === undefined) pendingSince = Date.now();
    else if (Date.now() - pendingSince >= maxWaitMs) return;
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => {
      debounceTimer = undefined;
      runPass();
    }, debounceMs);
  };

  /** An event about a name that can matter: an article, or a folder (new, moved or deleted). */
  const onEvent = (folder: string, name: string | Buffer | null): void => {
    if (name === null) return schedule();
    const entry = name.toString();
    if (isSkippedName(entry)) return;
    if (entry.toLowerCase().endsWith('.md') || (folder === '' && entry === THESAURUS_FILE)) return schedule();
    lstat(path.join(dir, folder, entry)).then(
      (info) => {
        if (!info.isFile()) schedule();
      },
      () => schedule(),
    );
  };

  /**
   * One watcher per folder, not one recursive watcher: a folder's watcher reports a file saved by
   * rename, which the file's own watch (how recursive watching works on Linux) stops seeing. A
   * folder replaced under the same name (`git checkout`, a swapped-in knowledge base) gets a new
   * watcher. True when a folder is newly watched: files may have arrived before its watcher did.
   */
  async function watchFolders(folders: readonly string[]): Promise<boolean> {
    const wanted = new Map<string, string>();
    for (const folder of ['', ...folders]) {
      const info = await lstat(path.join(dir, folder)).catch(() => undefined);
      if (info?.isDirectory()) wanted.set(folder, `${info.dev}:${info.ino}`);
    }
    if (closed) return false;
    for (const [folder, watched] of watchers) {
      if (wanted.get(folder) === watched.inode) continue;
      watched.watcher.close();
      watchers.delete(folder);
    }
    let added = false;
    for (const [folder, inode] of wanted) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(path.join(dir, folder), (_event, name) => onEvent(folder, name));
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(folder);
          schedule();
        });
        watchers.set(folder, { watcher, inode });
        added = true;
      } catch (error) {
        reporter.warn(
          folder || '.',
          `cannot watch this folder, edits are picked up every ${Math.round(rescanMs / 1000)} s: ${errorMessage(error)}`,
        );
      }
    }
    return added;
  }

  const rescanTimer = rescanMs > 0 ? setInterval(runPass, rescanMs) : undefined;
  rescanTimer?.unref();
  // Edits made while the first index was being built are found by comparing now; this first
  // pass also starts the folder watchers.
  runPass();

  return {
    reconcile,
    async close() {
      closed = true;
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
      clearTimeout(debounceTimer);
      clearInterval(rescanTimer);
      clearTimeout(rebuildTimer);
      await queue;
    },
  };
}

/**
 * Logs each file's problem once, not on every pass; a problem that goes away and comes back is
 * logged again.
 */
function problemReporter(logger: Logger): {
  warn(file: string, message: string): void;
  error(file: string, message: string): void;
  /** `quiet`: files whose problems were already reported elsewhere (start-up's load). */
  startPass(quiet?: ReadonlySet<string>): void;
  endPass(): void;
} {
  const reported = new Set<string>();
  const seen = new Set<string>();
  let quietFiles: ReadonlySet<string> = new Set();
  const report = (level: 'warn' | 'error', file: string, message: string): void => {
    const key = `${file}\n${message}`;
    seen.add(key);
    if (reported.has(key)) return;
    reported.add(key);
    if (!quietFiles.has(file)) logger[level]({ file }, message);
  };
  return {
    warn: (file, message) => report('warn', file, message),
    error: (file, message) => report('error', file, message),
    startPass(quiet = new Set()) {
      seen.clear();
      quietFiles = quiet;
    },
    endPass() {
      for (const key of reported) if (!seen.has(key)) reported.delete(key);
    },
  };
}
