import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';

/**
 * True when the process that wrote a lock may still run: the id is a real one (0, -1 and 1 are
 * not: `kill` reads them as groups, and 1 is any container's first process), a process has it,
 * and, where Linux shows it, that process is Node. A crashed bot's id reused by another program
 * then does not keep the database locked.
 */
function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc here: trust the signal
  }
}

/** Locks this process holds: a second bot in the same process is refused too. */
const held = new Set<string>();

/**
 * One running bot per database. Two would both deliver every outbox entry and both run the SLA
 * sweep, so users and agents would get each message twice. A lock file beside the database holds
 * the owner's process id; a lock left by a process that is gone is taken over.
 * Returns the release function.
 */
export function acquireInstanceLock(databasePath: string): () => void {
  if (databasePath === ':memory:') return () => undefined;
  const file = path.resolve(`${databasePath}.lock`);
  if (held.has(file)) {
    throw new HelpdeskError(
      ErrorCodes.STORAGE_FAILED,
      `${databasePath} is already open in this process; close the other bot first`,
    );
  }
  const mine = String(process.pid);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new HelpdeskError(
      ErrorCodes.STORAGE_FAILED,
      `Cannot create ${path.dirname(file)}: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      held.add(file);
      return () => {
        if (!held.delete(file)) return;
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
      if (owner !== process.pid && isRunning(owner)) {
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
