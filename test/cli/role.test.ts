import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/connect.js';
import { createServices } from '../../src/platform/services.js';
import { rolesFor } from '../../src/policy/policy.js';
import { scratchDatabase } from '../support/database.js';

/** `yj-inspect users add --organisation NAME --role ROLE`: the role is checked, then stored. */
const dataDir = mkdtempSync(join(tmpdir(), 'yj-cli-role-'));
const serverUrl = process.env.DATABASE_URL;
let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;

async function withDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase({ ...(scratch && { url: scratch.url }), dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function cli(...argv: string[]) {
  let stderr = '';
  const status = await main([...argv, '--data-dir', dataDir], {
    stdout: () => {},
    stderr: (text) => (stderr += text),
    cwd: dataDir,
  });
  return { status, stderr };
}

beforeAll(async () => {
  if (serverUrl) {
    scratch = await scratchDatabase(serverUrl);
    process.env.DATABASE_URL = scratch.url;
  }
  process.env.YJ_USER_PASSWORD = 'a long enough passphrase for tests';
  await withDatabase(async (database) => {
    const services = createServices(database);
    const admin = await services.users.create(null, { email: 'root@example.org', displayName: 'Root', isAdmin: true });
    await services.organisations.create(admin, { name: 'Role YJS' });
  });
});
afterAll(async () => {
  process.env.DATABASE_URL = serverUrl;
  delete process.env.YJ_USER_PASSWORD;
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('users add --role', () => {
  it('refuses a role that is not a service role, naming the choices, and adds nobody', async () => {
    const refused = await cli(
      'users',
      'add',
      '--email',
      'b@example.org',
      '--name',
      'B',
      '--organisation',
      'Role YJS',
      '--role',
      'owner',
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      '--role must be one of headOfService, qaLead, auditor, boardMember, caseManager; got "owner"',
    );
    expect(await withDatabase((db) => createServices(db).users.findByEmail('b@example.org'))).toBeNull();
  });

  it('stores the role given, which the policy then reads', async () => {
    const added = await cli(
      'users',
      'add',
      '--email',
      'b@example.org',
      '--name',
      'B',
      '--organisation',
      'Role YJS',
      '--role',
      'boardMember',
    );
    expect(added).toEqual({ status: 0, stderr: '' });
    const roles = await withDatabase(async (database) => {
      const services = createServices(database);
      const user = (await services.users.findByEmail('b@example.org'))!;
      const organisation = (await services.organisations.list()).find((o) => o.name === 'Role YJS')!;
      return [...(await rolesFor(database.db, user, { organisationId: organisation.id }))];
    });
    expect(roles).toEqual(['boardMember']);
  });
});
