import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type pg from 'pg';
import { rowsOf, type Database } from './connect.js';

const names = new Map<string, string>();

/**
 * Runs a statement as a named prepared statement on a PostgreSQL server (parsed and planned once per
 * connection, then only bound and executed); on PGlite, in the process already, as it is.
 */
export async function executePrepared<T>(db: Database, query: SQL): Promise<T[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (!(client && typeof client === 'object' && 'totalCount' in client)) return rowsOf<T>(await db.execute(query));
  const { sql: text, params } = (
    db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
  ).dialect.sqlToQuery(query);
  let name = names.get(text);
  if (!name) {
    name = `yj_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return (await (client as pg.Pool).query({ name, text, values: params })).rows as T[];
}
