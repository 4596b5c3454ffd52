import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openDatabase, rowsOf } from '../../src/platform/db/connect.js';
import { appRoleRecipe, scratchDatabase } from '../support/database.js';

/** `yj-inspect db migrate`: the schema brought up to date by its owner, so the server may run as a lesser role. */
const dataDir = mkdtempSync(join(tmpdir(), 'yj-cli-migrate-'));
const serverUrl = process.env.DATABASE_URL;
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
  rmSync(dataDir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dataDir });
  return { status, stdout, stderr };
}

describe('yj-inspect db migrate', () => {
  it('migrates the embedded database in its data directory', async () => {
    delete process.env.DATABASE_URL;
    delete process.env.MIGRATION_DATABASE_URL;
    const run = await cli('db', 'migrate', '--data-dir', join(dataDir, 'data'));
    expect(run).toMatchObject({ status: 0, stdout: `Up to date: ${join(dataDir, 'data')}\n` });
    const database = await openDatabase({ dataDir: join(dataDir, 'data') });
    const [row] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from audit_events`));
    await database.close();
    expect(row).toEqual({ n: 0 });
  });

  it('on a server, migrates as MIGRATION_DATABASE_URL; the app role then starts without migrating', async () => {
    if (!serverUrl) return expect(process.env.DATABASE_URL).toBeUndefined();
    const scratch = await scratchDatabase(serverUrl, 'yj_migrate');
    try {
      const [createRole] = appRoleRecipe();
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      await client.query(createRole!);
      await client.end();
      const asApp = new URL(scratch.url);
      asApp.username = 'yj_app';
      // The application's role alone cannot make the schema, and says what to run.
      await expect(openDatabase({ url: asApp.toString(), dataDir: '' })).rejects.toThrow(
        /run `yj-inspect db migrate` with MIGRATION_DATABASE_URL/,
      );
      process.env.DATABASE_URL = asApp.toString();
      process.env.MIGRATION_DATABASE_URL = scratch.url;
      expect(await cli('db', 'migrate')).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/^Migrated: /) as unknown,
      });
      expect(await cli('db', 'migrate')).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/^Already up to date: /) as unknown,
      });
      const owner = new pg.Client({ connectionString: scratch.url });
      await owner.connect();
      for (const statement of appRoleRecipe()) await owner.query(statement);
      await owner.end();
      const app = await openDatabase({ url: asApp.toString(), dataDir: '' });
      const [who] = rowsOf<{ user: string }>(await app.db.execute(sql`select current_user as user`));
      await app.close();
      expect(who).toEqual({ user: 'yj_app' });
    } finally {
      await scratch.drop();
    }
  });
});
