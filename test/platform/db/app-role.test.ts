import { readFileSync } from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle, type Queryable } from '../../../src/platform/db/connect.js';
import { createServices } from '../../../src/platform/services.js';
import { appRoleRecipe, openTestDatabase, scratchDatabase } from '../../support/database.js';

/**
 * The README's recipe: the server runs as a role that may append to the audit trail and read it, and may not
 * update, delete, empty or alter it, so not even the application can rewrite it. On a PostgreSQL server the
 * application connects as that role; on the embedded database (one user) the same GRANTs are checked by SET ROLE.
 */
const role = 'yj_app';
let owner: DatabaseHandle;
let app: DatabaseHandle | undefined;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    // Its own database, made by the server's superuser, whatever role the rest of the suite runs as.
    const scratch = await scratchDatabase(serverUrl, 'yj_role');
    drop = scratch.drop;
    owner = await openDatabase({ url: scratch.url, dataDir: '' });
  } else owner = await openTestDatabase();
  for (const statement of appRoleRecipe(role)) await owner.db.execute(sql.raw(statement));
  await owner.db.execute(
    sql`insert into audit_events (action, subject_type, subject_id) values ('test.before', 'test', 'x')`,
  );
  if (owner.kind === 'server') {
    const url = new URL(owner.location);
    url.username = role;
    app = await openDatabase({ url: url.toString(), dataDir: '' });
  }
});
afterAll(async () => {
  await app?.close();
  await owner.close();
  await drop?.();
});

/** A statement as the application's role: its own connection on a server, SET ROLE on the embedded database. */
async function asApp<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
  if (app) return work(app.db);
  return owner.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local role ${role}`));
    return work(tx);
  });
}

async function refusal(statement: SQL): Promise<string> {
  try {
    await asApp((db) => db.execute(statement));
  } catch (error) {
    const { cause, message } = error as Error & { cause?: Error };
    return cause?.message ?? message;
  }
  return 'it was not refused';
}

const trail = async () =>
  rowsOf<{ id: number; action: string }>(await owner.db.execute(sql`select id, action from audit_events order by id`));

describe('the application role', () => {
  it('is who the statements run as, and it owns nothing', async () => {
    const [who] = await asApp(async (db) =>
      rowsOf<{ user: string; owns: number }>(
        await db.execute(
          sql`select current_user as user, (select count(*)::int from pg_tables where tableowner = current_user) as owns`,
        ),
      ),
    );
    expect(who).toEqual({ user: role, owns: 0 });
  });

  it.each([
    ['UPDATE', sql`update audit_events set action = 'nothing.happened'`, /permission denied for table audit_events/],
    ['DELETE', sql`delete from audit_events`, /permission denied for table audit_events/],
    ['TRUNCATE', sql`truncate audit_events`, /permission denied for table audit_events/],
    ['disabling the trigger', sql`alter table audit_events disable trigger all`, /must be owner of table audit_events/],
    [
      'dropping the trigger',
      sql`drop trigger audit_events_no_update_or_delete on audit_events`,
      /must be owner of (table|relation) audit_events/,
    ],
    ['dropping the table', sql`drop table audit_events`, /must be owner of table audit_events/],
    [
      'replacing the guard',
      sql.raw(
        `create or replace function audit_events_append_only() returns trigger language plpgsql as $$ begin return new; end $$`,
      ),
      /must be owner of function|permission denied/,
    ],
    ['rewriting the record of redactions', sql`delete from redactions`, /permission denied for table redactions/],
  ])('may not: %s; the trail stays as it was', async (_what, statement, refused) => {
    const before = await trail();
    expect(await refusal(statement)).toMatch(refused);
    expect(await trail()).toEqual(before);
  });

  it('may append to the trail and read it', async () => {
    await asApp((db) =>
      db.execute(sql`insert into audit_events (action, subject_type, subject_id) values ('test.append', 'test', 'y')`),
    );
    expect((await trail()).at(-1)!.action).toBe('test.append');
  });

  it('may redact a recorded redaction through the one function, which runs as the owner', async () => {
    const inspection = '00000000-0000-4000-8000-000000000001';
    await owner.db.execute(
      sql`insert into audit_events (action, subject_type, subject_id, inspection_id, after) values ('test.note', 'test', 'z', ${inspection}, '{"evidence":"Name Surname lives here"}'::jsonb)`,
    );
    const changed = await (app ? app.db : owner.db).transaction(async (tx) => {
      if (!app) await tx.execute(sql.raw(`set local role ${role}`));
      const [redaction] = rowsOf<{ id: number }>(
        await tx.execute(
          sql`insert into redactions (inspection_id, case_id, field, reason, redacted_by) values (${inspection}, ${inspection}, 'evidence', 'a name', ${inspection}) returning id`,
        ),
      );
      return rowsOf<{ changed: number }>(
        await tx.execute(sql`select redact_audit_text(${redaction!.id}, ${inspection}, 'Name Surname') as changed`),
      )[0]!.changed;
    });
    expect(changed).toBe(1);
    const [after] = rowsOf<{ after: unknown }>(
      await owner.db.execute(sql`select after from audit_events where action = 'test.note'`),
    );
    expect(after).toEqual({ after: { evidence: '[redacted] lives here' } });
  });

  it('runs the application on a server: it opens the migrated schema without migrating, and saves', async () => {
    if (!app) return expect(owner.kind).toBe('embedded');
    const services = createServices(app);
    const admin = await services.users.create(null, {
      email: 'admin@role.example.org',
      displayName: 'Admin',
      password: 'correct horse battery staple',
      isAdmin: true,
    });
    const organisation = await services.organisations.create(admin, { name: 'Role YJS' });
    expect(organisation.name).toBe('Role YJS');
    expect((await trail()).map((e) => e.action)).toContain('organisation.create');
  });
});

describe("the README's recipe", () => {
  it('is the file these tests and CI grant from, word for word', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const recipe = readFileSync(new URL('../../../src/platform/db/app-role.sql', import.meta.url), 'utf8');
    expect(readme).toContain('```sql\n' + recipe + '```');
  });
});
