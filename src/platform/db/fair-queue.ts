import type { PGlite } from '@electric-sql/pglite';

type Lane = 'write' | 'read';
interface Job {
  lane: Lane;
  run: () => Promise<unknown>;
}

const writeStatement = /^\s*(insert|update|delete)\b|^\s*with\b[\s\S]*\b(insert|update|delete)\b/i;
/** Writes taken ahead of waiting reads before one read goes: reads are never starved either. */
const writesAhead = 4;

/**
 * PGlite is one connection: every statement waits its turn. This queue takes one statement (or transaction) at
 * a time, first come first served within each lane, and lets writes pass queued reads, so that a save waits
 * behind at most the one read in progress however many long reads are queued.
 */
export function fairQueue(client: PGlite) {
  const waiting: Record<Lane, Job[]> = { write: [], read: [] };
  let busy = false;
  let writesInARow = 0;

  function next() {
    if (busy) return;
    const takeWrite = waiting.write.length > 0 && (waiting.read.length === 0 || writesInARow < writesAhead);
    const job = takeWrite ? waiting.write.shift() : waiting.read.shift();
    if (!job) return;
    writesInARow = job.lane === 'write' ? writesInARow + 1 : 0;
    busy = true;
    void job.run().finally(() => {
      busy = false;
      next();
    });
  }

  function enqueue<T>(lane: Lane, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      waiting[lane].push({ lane, run: () => run().then(resolve, reject) });
      next();
    });
  }

  return {
    query: (...args: Parameters<PGlite['query']>) =>
      enqueue(writeStatement.test(args[0]) ? 'write' : 'read', () => client.query(...args)),
    exec: (...args: Parameters<PGlite['exec']>) => enqueue('write', () => client.exec(...args)),
    transaction: <T>(callback: Parameters<PGlite['transaction']>[0]) =>
      enqueue('write', () => client.transaction(callback) as Promise<T>),
    close: () => client.close(),
    /** How many statements are waiting, by lane (for the benchmark and tests). */
    waiting: () => ({ write: waiting.write.length, read: waiting.read.length }),
  };
}
