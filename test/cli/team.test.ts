import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/connect.js';
import { createServices } from '../../src/platform/services.js';
import { scratchDatabase } from '../support/database.js';

/** `yj-inspect team list|add|remove`: the lead builds the team from the command line, with plain refusals. */
const dataDir = mkdtempSync(join(tmpdir(), 'yj-cli-team-'));
const serverUrl = process.env.DATABASE_URL;
let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
let inspectionId: string;

async function withDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase({ ...(scratch && { url: scratch.url }), dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main([...argv, '--data-dir', dataDir], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: dataDir,
  });
  return { status, stdout, stderr };
}

beforeAll(async () => {
  if (serverUrl) {
    scratch = await scratchDatabase(serverUrl);
    process.env.DATABASE_URL = scratch.url;
  }
  await withDatabase(async (database) => {
    const services = createServices(database);
    const admin = await services.users.create(null, { email: 'root@cli.test', displayName: 'Root', isAdmin: true });
    const inspectorate = await services.organisations.create(admin, { name: 'HMIP', kind: 'inspectorate' } as never);
    const service = await services.organisations.create(admin, { name: 'Cli YJS' });
    const lead = await services.users.create(null, {
      email: 'lead@cli.test',
      displayName: 'Lead',
      password: 'a long passphrase here',
    });
    await services.users.addMembership(null, lead.id, inspectorate.id, 'qaLead');
    const colleague = await services.users.create(null, {
      email: 'col@cli.test',
      displayName: 'Colleague',
      password: 'a long passphrase here',
    });
    await services.users.addMembership(null, colleague.id, inspectorate.id, 'auditor');
    inspectionId = (
      await services.inspections.create(lead, {
        organisationId: service.id,
        framework: 'hmip-youth-2021',
        kind: 'hmipInspection',
      })
    ).id;
  });
});
afterAll(async () => {
  process.env.DATABASE_URL = serverUrl;
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('yj-inspect team', () => {
  it('adds a colleague, invites someone new (printing the link without email), lists and removes', async () => {
    const lead = ['--inspection', inspectionId, '--email', 'lead@cli.test'];
    const added = await cli('team', 'add', ...lead, '--member', 'col@cli.test', '--role', 'ratingsPanel');
    expect(added).toMatchObject({ status: 0, stdout: 'Added Colleague <col@cli.test> to the team.\n' });
    const noName = await cli('team', 'add', ...lead, '--member', 'new@cli.test');
    expect(noName.status).toBe(2);
    expect(noName.stderr).toContain('new@cli.test has no account to choose: give --name to invite them');
    const invited = await cli('team', 'add', ...lead, '--member', 'new@cli.test', '--name', 'New Person');
    expect(invited.status).toBe(0);
    expect(invited.stdout).toMatch(
      /send them this link, valid once until .*\nhttp:\/\/localhost:\d+\/invitations\/[\w-]+\n$/,
    );
    const listed = await cli('team', 'list', ...lead);
    expect(listed.stdout).toMatch(
      /Lead inspector +Lead <lead@cli\.test>\nInspector +New Person <new@cli\.test> {2}\(invited\)\nRatings panel member +Colleague <col@cli\.test>\n/,
    );
    expect(await cli('team', 'remove', ...lead, '--member', 'col@cli.test')).toMatchObject({ status: 0 });
    const notLead = await cli(
      'team',
      'add',
      '--inspection',
      inspectionId,
      '--email',
      'new@cli.test',
      '--member',
      'col@cli.test',
    );
    expect(notLead.status).toBe(1);
    expect(notLead.stderr).toContain('Only the lead inspector');
  }, 60_000);
});
