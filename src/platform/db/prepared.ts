import { createHash } from 'node:crypto';
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { rowsOf, type Database } from './connect.js';

const names = new Map<string, string>();

/** A statement as text once: built by drizzle the first time, then only its placeholders are filled. */
const built = new WeakMap<SQL, { text: string; params: unknown[]; name: string }>();

function textOf(db: Database, query: SQL) {
  const { sql: text, params } = (
    db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
  ).dialect.sqlToQuery(query);
  let name = names.get(text);
  if (!name) {
    name = `yj_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return { text, params, name };
}

/**
 * Runs a statement as a named prepared statement on a PostgreSQL server (parsed and planned once per
 * connection, then only bound and executed); on PGlite, in the process already, as it is. With `values`, the
 * statement holds `sql.placeholder`s and is kept by the caller: its text is built once, and each run only
 * fills the placeholders.
 */
export async function executePrepared<T>(db: Database, query: SQL, values?: Record<string, unknown>): Promise<T[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  const server = Boolean(client && typeof client === 'object' && 'totalCount' in client);
  if (!values) {
    if (!server) return rowsOf<T>(await db.execute(query));
    const { text, params, name } = textOf(db, query);
    return (await (client as pg.Pool).query({ name, text, values: params })).rows as T[];
  }
  let statement = built.get(query);
  if (!statement) {
    statement = textOf(db, query);
    built.set(query, statement);
  }
  const params = fillPlaceholders(statement.params, values);
  if (server)
    return (await (client as pg.Pool).query({ name: statement.name, text: statement.text, values: params }))
      .rows as T[];
  // PGlite, through the fair queue drizzle was given (connect.ts).
  const { rows } = await (client as { query(text: string, params: unknown[]): Promise<{ rows: T[] }> }).query(
    statement.text,
    params,
  );
  return rows;
}
