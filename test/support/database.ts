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
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runStatements(serverUrl, [`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`]);
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => runStatements(serverUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

const databaseUrl = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

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
  // YJ_TEST_APP_ROLE: as a deployment runs, the tables migrated by their owner and the tests run as the
  // application's role of the README's recipe, which may not rewrite the audit trail.
  const appRole = process.env.YJ_TEST_APP_ROLE;
  const scratch = await scratchDatabase(serverUrl, 'yj_test', await migratedTemplate(serverUrl, appRole));
  let url = scratch.url;
  if (appRole) {
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
 * A hash of the migrations (and of the application role's recipe): a made database is kept under it. Read once
 * a process: a worker runs many files (isolate: false).
 */
let hashed: string | undefined;
const migrationsHash = () => (hashed ??= hashOfMigrations());

function hashOfMigrations(): string {
  const hash = createHash('sha256');
  const files = readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    const path = new URL(file, migrationsFolder);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path));
  }
  hash.update(readFileSync(new URL('../../src/platform/db/app-role.sql', import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

const templates = new Map<string, Promise<string>>();

/**
 * A migrated database on the server to copy each test file's database from (`CREATE DATABASE ... TEMPLATE`):
 * copying takes a fraction of the time of migrating. It is made once per set of migrations (and application
 * role) and kept on the server, under a lock so that two workers never make it at once; older ones are
 * dropped. Its tables belong to the URL's role and, with an application role, carry the README's grants.
 */
function migratedTemplate(serverUrl: string, appRole: string | undefined): Promise<string> {
  const name = `yj_template_${migrationsHash()}${appRole ? `_${appRole}` : ''}`;
  let made = templates.get(name);
  if (!made) {
    made = makeTemplate(serverUrl, name, appRole);
    templates.set(name, made);
  }
  return made;
}

async function makeTemplate(serverUrl: string, name: string, appRole: string | undefined): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', ['yj_test_templates']);
    const found = await client.query('select 1 from pg_database where datname = $1 and datistemplate', [name]);
    if (found.rowCount) return name;
    const building = `${name}_building`;
    await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${building}`);
    await migrateServer(databaseUrl(serverUrl, building));
    if (appRole) await runStatements(databaseUrl(serverUrl, building), appRoleRecipe(appRole));
    await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    await client.query(`ALTER DATABASE ${name} IS_TEMPLATE true`);
    // Templates of other migrations are left by earlier runs; none is in use while this lock is held.
    const stale = await client.query<{ datname: string }>(
      `select datname from pg_database where datistemplate and starts_with(datname, 'yj_template_')`,
    );
    for (const { datname } of stale.rows) {
      if (datname.startsWith(name.slice(0, 'yj_template_'.length + 16))) continue;
      await client.query(`ALTER DATABASE ${datname} IS_TEMPLATE false`);
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    return name;
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', ['yj_test_templates']).catch(() => undefined);
    await client.end();
  }
}

/**
 * An empty, migrated PGlite data directory, made once per set of migrations and kept in the temp directory:
 * loading it takes a third of the time of creating a database and migrating it, in every test file. Read once
 * a process, and loaded from the same bytes by each of its files.
 */
let dataDir: Promise<Blob> | undefined;
const migratedDataDir = () => (dataDir ??= readMigratedDataDir());

async function readMigratedDataDir(): Promise<Blob> {
  const version = (
    JSON.parse(
      readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
    ) as { version: string }
  ).version;
  const dir = join(tmpdir(), 'yj-inspect-test-databases');
  const file = join(dir, `pglite-${version}-${migrationsHash()}.tar`);
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
