import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrateServer, openDatabase, type Database, type DatabaseHandle } from '../../src/platform/db/connect.js';
import { fairQueue } from '../../src/platform/db/fair-queue.js';

/** A new, empty database on a PostgreSQL server, and a way to drop it. */
export async function scratchDatabase(
  serverUrl: string,
  prefix = 'yj_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * The README's recipe for the application's role (`src/platform/db/app-role.sql`) as statements, for a
 * database whose tables the caller owns. The role is made first if the server has none of that name.
 */
export function appRoleRecipe(role = 'yj_app'): string[] {
  const grants = readFileSync(new URL('../../src/platform/db/app-role.sql', import.meta.url), 'utf8')
    .replace(/^--.*$/gm, '')
    .split(';')
    .map((statement) => statement.trim().replaceAll('yj_app', role))
    .filter(Boolean);
  // Roles belong to the server, not to one database: two test files may make it at the same moment.
  const create = `DO $$ BEGIN CREATE ROLE ${role} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;
  return [create, ...grants];
}

/**
 * How the database refuses a rewrite of an append-only table: the trigger's message to the tables' owner, and,
 * when the tests run as the application's role (YJ_TEST_APP_ROLE), the missing privilege before any trigger.
 */
export const appendOnlyRefusal = (table: 'audit_events' | 'redactions') =>
  process.env.YJ_TEST_APP_ROLE && process.env.DATABASE_URL
    ? new RegExp(`^permission denied for table ${table}$`)
    : new RegExp(`^${table} is append-only$`);

/** Runs statements on a PostgreSQL server's database, one at a time, as the URL's role. */
async function runStatements(url: string, statements: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or, when DATABASE_URL names a
 * PostgreSQL server, a new database on it that is dropped afterwards. The same tests run on both.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openEmbeddedCopy();
  const scratch = await scratchDatabase(serverUrl);
  // YJ_TEST_APP_ROLE: as a deployment runs, the tables migrated by their owner and the tests run as the
  // application's role of the README's recipe, which may not rewrite the audit trail.
  const appRole = process.env.YJ_TEST_APP_ROLE;
  let url = scratch.url;
  if (appRole) {
    await migrateServer(scratch.url);
    await runStatements(scratch.url, appRoleRecipe(appRole));
    const asApp = new URL(scratch.url);
    asApp.username = appRole;
    url = asApp.toString();
  }
  const handle = await openDatabase({ url, dataDir: '' });
  const opened = {
    ...handle,
    async close() {
      await handle.close();
      await scratch.drop();
    },
  };
  ownerUrls.set(opened, scratch.url);
  return opened;
}

const ownerUrls = new WeakMap<DatabaseHandle, string>();

/**
 * Runs statements as the tables' owner: a test's own DDL (a trigger that makes a write fail, say), which the
 * application's role of YJ_TEST_APP_ROLE may not run. On PGlite, and on a server without that role, the
 * test's connection is the owner already.
 */
export async function asOwner(database: DatabaseHandle, statements: string[]): Promise<void> {
  const url = ownerUrls.get(database);
  if (url) return runStatements(url, statements);
  for (const statement of statements) await database.db.execute(sql.raw(statement));
}

const migrationsFolder = new URL('../../src/platform/db/migrations/', import.meta.url);

/**
 * An empty, migrated PGlite data directory, made once per set of migrations and kept in the temp directory:
 * loading it takes a third of the time of creating a database and migrating it, in every test file.
 */
async function migratedDataDir(): Promise<Blob> {
  const hash = createHash('sha256');
  const files = readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    const path = new URL(file, migrationsFolder);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path));
  }
  const version = (
    JSON.parse(
      readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
    ) as { version: string }
  ).version;
  const dir = join(tmpdir(), 'yj-inspect-test-databases');
  const file = join(dir, `pglite-${version}-${hash.digest('hex').slice(0, 16)}.tar`);
  if (!existsSync(file)) {
    const client = await PGlite.create('memory://');
    await migrate(drizzle(client), { migrationsFolder: migrationsFolder.pathname });
    const dump = await client.dumpDataDir('none');
    await client.close();
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed, so a worker making the same file at the same moment never reads half of it.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}

/** A fresh in-memory PGlite loaded from the migrated data directory (migrating again is a no-op check). */
async function openEmbeddedCopy(): Promise<DatabaseHandle> {
  const client = await PGlite.create({ loadDataDir: await migratedDataDir() });
  // The same queue as the application's embedded database (src/platform/db/connect.ts).
  const queued = fairQueue(client);
  const db = drizzle({ client: queued as unknown as PGlite });
  await migrate(db, { migrationsFolder: migrationsFolder.pathname });
  return { db: db as unknown as Database, kind: 'embedded', location: 'memory://', close: () => queued.close() };
}
