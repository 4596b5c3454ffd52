import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './connect.js';
import { ConflictError } from '../errors.js';

/** A table whose rows carry a version that every write moves on by one. */
type VersionedTable = PgTable & { version: PgColumn };

export interface VersionedWrite<Row> {
  /** The row before the write (null: there was none). */
  before: Row | null;
  after: Row;
}

/**
 * Writes one versioned row inside the caller's transaction, creating it at version 1 when there is none.
 * The row is locked, and the write itself names the version it replaces (`… where version = $expected`), so of
 * N concurrent writers with the same expected version exactly one succeeds; the others get a ConflictError
 * carrying what is stored now. Without `expectedVersion` the last writer wins, each on the version it read.
 * `insert` holds the key columns a new row needs besides `values`; without it, a missing row is a conflict.
 */
export async function writeVersioned<Row extends { version: number }>(
  tx: Queryable,
  options: {
    table: VersionedTable;
    where: SQL;
    expectedVersion: number | undefined;
    values: Record<string, unknown>;
    insert?: Record<string, unknown>;
    conflictMessage: string;
  },
): Promise<VersionedWrite<Row>> {
  const { table, where, expectedVersion, values, insert, conflictMessage } = options;
  const current = async () => {
    const [row] = (await tx.select().from(table).where(where).for('update')) as Row[];
    return row ?? null;
  };
  const conflict = async () => new ConflictError(conflictMessage, await current());
  const before = await current();
  // Version 0: nothing saved yet.
  if (expectedVersion !== undefined && (before?.version ?? 0) !== expectedVersion) throw await conflict();
  if (before) {
    const [after] = (await tx
      .update(table)
      .set({ ...values, version: sql`${table.version} + 1` })
      .where(and(where, eq(table.version, before.version)))
      .returning()) as Row[];
    if (!after) throw await conflict();
    return { before, after };
  }
  if (!insert) throw await conflict();
  // Two first saves at once: the key's constraint lets one in, the other writes nothing and is told so.
  const [after] = (await tx
    .insert(table)
    .values({ ...insert, ...values, version: 1 })
    .onConflictDoNothing()
    .returning()) as Row[];
  if (!after) throw await conflict();
  return { before: null, after };
}

/**
 * Locks a parent row (an inspection, a plan) for the rest of the transaction, so that numbers allocated
 * under it (recommendation numbers, plan area numbers) are read and written by one writer at a time.
 */
export async function lockRow(tx: Queryable, table: PgTable, where: SQL): Promise<boolean> {
  const rows = await tx
    .select({ one: sql<number>`1` })
    .from(table)
    .where(where)
    .for('update');
  return rows.length > 0;
}
