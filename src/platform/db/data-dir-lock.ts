import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded database is one process's: a lock file in the data directory says which. A second
 * process that would open the same directory is refused with a message naming the holder.
 */
export interface LockHolder {
  pid: number;
  url?: string;
  startedAt: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the data directory ${dataDir} is in use by yj-inspect (process ${holder.pid}` +
        `${holder.url ? `, serving ${holder.url}` : ''}, since ${holder.startedAt}). ` +
        'Stop that server first, or make the change through its web pages or API.',
    );
    this.name = 'DataDirBusyError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock, or throws DataDirBusyError. A lock left by a process that died is taken over. */
export function lockDataDir(dataDir: string, url?: string): { release(): void; update(url: string): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'yj-inspect.lock');
  // The system's time, not the services' clock: the lock is taken before the database opens and the services
  // exist, and startedAt tells a person when a real process began.
  const holder: LockHolder = { pid: process.pid, ...(url && { url }), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, JSON.stringify(holder));
      closeSync(fd);
      return {
        release: () => rmSync(file, { force: true }),
        update: (serving: string) => writeFileSync(file, JSON.stringify({ ...holder, url: serving })),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let existing: LockHolder | undefined;
      try {
        existing = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
      } catch {
        existing = undefined;
      }
      if (existing && existing.pid !== process.pid && isAlive(existing.pid))
        throw new DataDirBusyError(dataDir, existing);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
