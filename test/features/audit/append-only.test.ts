import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/platform/db/connect.js';
import { auditEvents } from '../../../src/platform/db/core-tables.js';
import { appendOnlyRefusal } from '../../support/database.js';
import { addUser, openTestWorld, type TestWorld } from '../../support/web.js';

let world: TestWorld;
const trail = async () =>
  rowsOf<{ id: number; action: string }>(
    await world.database.db.execute(sql`select id, action from audit_events order by id`),
  );

/** The database's own message: drizzle wraps it as the cause of "Failed query". */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const { cause, message } = error as Error & { cause?: Error };
    return cause?.message ?? message;
  }
  return 'it was not refused';
}

beforeAll(async () => {
  world = await openTestWorld();
  const admin = await addUser(world, 'admin@example.org', { isAdmin: true });
  await world.services.organisations.create(admin, { name: 'Trail YJS' });
});
afterAll(() => world.close());

describe('the audit trail, as the database user the app runs as', () => {
  it('has events to protect', async () => {
    expect((await trail()).map((e) => e.action)).toEqual(['user.create', 'organisation.create']);
  });

  it.each([
    ['UPDATE', sql`update audit_events set action = 'nothing.happened'`],
    ['DELETE', sql`delete from audit_events`],
    ['TRUNCATE', sql`truncate audit_events`],
  ])('refuses %s, and the trail stays as it was', async (_statement, statement) => {
    const before = await trail();
    expect(await refusal(world.database.db.execute(statement))).toMatch(appendOnlyRefusal('audit_events'));
    expect(await trail()).toEqual(before);
  });

  it('refuses an update through the ORM too, inside a transaction that then rolls back whole', async () => {
    const before = await trail();
    const rewrite = world.database.db.transaction(async (tx) => {
      await tx.insert(auditEvents).values({ action: 'test.insert', subjectType: 'test', subjectId: 'x' });
      await tx.update(auditEvents).set({ action: 'rewritten' });
    });
    expect(await refusal(rewrite)).toMatch(appendOnlyRefusal('audit_events'));
    expect(await trail()).toEqual(before);
  });

  it('still takes new events: appending is the one thing allowed', async () => {
    await world.database.db.insert(auditEvents).values({ action: 'test.append', subjectType: 'test', subjectId: 'y' });
    expect((await trail()).at(-1)!.action).toBe('test.append');
  });
});
