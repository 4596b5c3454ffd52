import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Logger } from '../logger.js';
import pg from 'pg';
import { fairQueue } from './fair-queue.js';

/** Queries are written with the query builder over the tables of core-tables.ts and each feature's tables.ts. */
export type Database = PgDatabase<PgQueryResultHKT>;
/** A transaction or the database itself: services take either, so one operation can span several. */
export type Queryable = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction'>;

export interface DatabaseHandle {
  db: Database;
  /** 'embedded' is PGlite in a data directory (or in memory); 'server' is a PostgreSQL server. */
  kind: 'embedded' | 'server';
  /** Where the data is, for messages: a directory or a URL without its password. */
  location: string;
  close(): Promise<void>;
}

/** The rows of a raw `db.execute`: node-postgres and PGlite both return them as `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const migrationsFolder = fileURLToPath(new URL('../../../src/platform/db/migrations', import.meta.url));

// pg returns int8 and numeric as strings; PGlite returns numbers. Counts are cast to int in SQL, and
// bigint ids are numbers here too, so both drivers give the same JavaScript values.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** When the newest migration of this build was written, as drizzle records it in `created_at`. */
function newestMigration(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** Whether the server's schema lacks a migration of this build (or has never been migrated). */
async function migrationsPending(pool: pg.Pool): Promise<boolean> {
  try {
    const { rows } = await pool.query<{ last: string | null }>(
      'select max(created_at)::text as last from drizzle.__drizzle_migrations',
    );
    return Number(rows[0]?.last ?? 0) < newestMigration();
  } catch (error) {
    // No migrations table yet, or none this role may read: migrating will say which.
    if (['42P01', '3F000', '42501'].includes((error as { code?: string }).code ?? '')) return true;
    throw error;
  }
}

/**
 * Brings a PostgreSQL server's schema up to date, connected as `url`: the owner of the tables (the role of
 * MIGRATION_DATABASE_URL, `yj-inspect db migrate`). The application's own role cannot, and need not.
 */
export async function migrateServer(url: string): Promise<{ migrated: boolean }> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    if (!(await migrationsPending(pool))) return { migrated: false };
    await migrateNodePg(drizzleNodePg(pool), { migrationsFolder });
    return { migrated: true };
  } finally {
    await pool.end();
  }
}

/**
 * Opens the database and brings its schema up to date. With a URL, a PostgreSQL server; otherwise PGlite
 * in `dataDir` ('memory://' for a throwaway one). PGlite is one connection: open it once per process.
 * On a server, migrations run as `migrationUrl`'s role when given (the tables' owner), else as `url`'s; a
 * schema already up to date is not touched, so a role that may not migrate opens it as it is.
 */
export async function openDatabase(options: {
  url?: string;
  migrationUrl?: string;
  dataDir: string;
  logger?: Logger;
}): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection closed by the server (a restart, an administrator) is replaced on the next query;
    // without a listener its error would end the process.
    pool.on('error', (error) => options.logger?.warn({ err: error }, 'database: an idle connection was closed'));
    const db = drizzleNodePg(pool);
    if (options.migrationUrl) await migrateServer(options.migrationUrl);
    else if (await migrationsPending(pool))
      try {
        await migrateNodePg(db, { migrationsFolder });
      } catch (error) {
        await pool.end();
        if (
          (error as { cause?: { code?: string } }).cause?.code === '42501' ||
          (error as { code?: string }).code === '42501'
        )
          throw new Error(
            "The database needs migrating and this role may not: run `yj-inspect db migrate` with MIGRATION_DATABASE_URL set to the tables' owner",
            { cause: error },
          );
        throw error;
      }
    const url = new URL(options.url);
    url.password = '';
    return { db: db as unknown as Database, kind: 'server', location: url.toString(), close: () => pool.end() };
  }
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  // Statements queue fairly on PGlite's one connection: saves pass queued reads (fair-queue.ts).
  const queued = fairQueue(client);
  const db = drizzlePglite({ client: queued as unknown as PGlite });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Database, kind: 'embedded', location: options.dataDir, close: () => queued.close() };
}
