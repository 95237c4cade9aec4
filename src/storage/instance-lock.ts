import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';

/** True when a process with this id runs (signal 0 only checks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One running bot per database. Two would both deliver every outbox entry and both run the SLA
 * sweep, so users and agents would get each message twice. A lock file beside the database holds
 * the owner's process id; a lock left by a process that is gone is taken over.
 * Returns the release function.
 */
export function acquireInstanceLock(databasePath: string): () => void {
  if (databasePath === ':memory:') return () => undefined;
  const file = `${databasePath}.lock`;
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new HelpdeskError(ErrorCodes.STORAGE_FAILED, `Cannot create ${file}: ${errorMessage(error)}`, {
          cause: error,
        });
      }
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new HelpdeskError(
          ErrorCodes.STORAGE_FAILED,
          `Another Helpdesk Bot (process ${owner}) is already using ${databasePath}; stop it first, ` +
            'or give this one another DATABASE_PATH',
          { details: { owner } },
        );
      }
      unlinkSync(file); // left by a process that is gone
    }
  }
  throw new HelpdeskError(ErrorCodes.STORAGE_FAILED, `Cannot take the lock ${file}`);
}
