import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { fairQueue } from '../../../src/platform/db/fair-queue.js';
import { openDatabase } from '../../../src/platform/db/connect.js';
import { sql } from 'drizzle-orm';

/** A stand-in for PGlite's one connection that records the order statements ran in. */
function recordingClient() {
  const ran: string[] = [];
  const client = {
    query: async (text: string) => {
      ran.push(text);
      await new Promise((resolve) => setTimeout(resolve, text.startsWith('select') ? 5 : 1));
      return { rows: [] };
    },
    transaction: async (callback: () => Promise<unknown>) => {
      ran.push('transaction');
      return callback();
    },
  };
  return { ran, client: client as unknown as PGlite };
}

describe("PGlite's queue", () => {
  it('lets a save pass queued long reads: it waits for the one read in progress only', async () => {
    const { ran, client } = recordingClient();
    const queue = fairQueue(client);
    const reads = Array.from({ length: 10 }, (_, i) => queue.query(`select ${i} from answers`));
    const save = queue.query('with bumped as (update cases set version = version + 1) insert into answers select 1');
    await Promise.all([...reads, save]);
    expect(ran.indexOf(ran.find((t) => t.startsWith('with'))!)).toBe(1);
  });

  it('still serves reads while saves keep coming, first come first served in each lane', async () => {
    const { ran, client } = recordingClient();
    const queue = fairQueue(client);
    const jobs = [
      queue.query('select 1'),
      queue.query('select 2'),
      ...Array.from({ length: 12 }, (_, i) => queue.query(`insert into answers values (${i})`)),
    ];
    await Promise.all(jobs);
    // One read in progress, then at most four saves ahead of the waiting read.
    expect(ran.slice(0, 7)).toEqual([
      'select 1',
      'insert into answers values (0)',
      'insert into answers values (1)',
      'insert into answers values (2)',
      'insert into answers values (3)',
      'select 2',
      'insert into answers values (4)',
    ]);
  });

  it('runs the real embedded database through it, transactions included', async () => {
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      const [reads, writes] = await Promise.all([
        Promise.all(Array.from({ length: 5 }, () => handle.db.execute(sql`select count(*)::int as n from cases`))),
        handle.db.transaction(async (tx) => tx.execute(sql`select 1 as one`)),
      ]);
      expect(reads.map((r) => (r as { rows: { n: number }[] }).rows[0]!.n)).toEqual([0, 0, 0, 0, 0]);
      expect((writes as { rows: { one: number }[] }).rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });
});
