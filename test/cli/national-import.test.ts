import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { openServices } from '../../src/platform/server.js';
import { cliIn, scratchDatabaseForCommands } from '../support/cli.js';

/** `yj-inspect national import [FILE]`: HMIP's published ratings from the command line, as an administrator. */
const dir = mkdtempSync(join(tmpdir(), 'yj-national-cli-'));
let restore = () => Promise.resolve();
const header = 'la_name,la_ref,score_%,overall_rating,publication_date,report_url';
const run = cliIn(dir);

/** What the national page would show now, read through the service. */
async function shown() {
  const opened = await openServices(loadConfig(process.env, { dataDir: dir }));
  try {
    return await opened.services.national.view({} as never);
  } finally {
    await opened.close();
  }
}

beforeAll(async () => {
  restore = await scratchDatabaseForCommands('yj_national_cli');
  const opened = await openServices(loadConfig(process.env, { dataDir: dir }));
  try {
    await opened.services.users.create(null, {
      email: 'admin@cli.test',
      displayName: 'Admin',
      password: 'correct horse battery staple 7',
      isAdmin: true,
    });
    await opened.services.users.create(null, {
      email: 'lead@cli.test',
      displayName: 'Lead',
      password: 'correct horse battery staple 7',
    });
  } finally {
    await opened.close();
  }
}, 60_000);

afterAll(async () => {
  await restore();
  rmSync(dir, { recursive: true, force: true });
});

describe('yj-inspect national import', () => {
  it('imports the shipped file by default, and says how many rows carry a known problem', async () => {
    const done = await run('national', 'import', '--email', 'admin@cli.test');
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toContain(
      'Imported 83 published inspections from data/national/hmip-youth-ratings-2021-2025.csv',
    );
    expect(done.stdout).toContain('4 with a known problem');
  });

  it('refuses a bad newer file with its line, exit 2, keeping what was shown', async () => {
    writeFileSync(join(dir, 'newer.csv'), [header, 'A,a,50,Good,01/02/26,', 'B,b,50,Good,2026-02-01,'].join('\n'));
    const refused = await run('national', 'import', 'newer.csv', '--email', 'admin@cli.test');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('newer.csv: line 3, publication_date');
    expect((await shown()).rows).toHaveLength(83);
  });

  it('imports a newer file in place of the old, and refuses anyone but an administrator', async () => {
    writeFileSync(join(dir, 'newer.csv'), [header, 'A,a,50,Good,01/02/26,', 'B,b,75,Good,02/02/26,'].join('\n'));
    const refused = await run('national', 'import', 'newer.csv', '--email', 'lead@cli.test');
    expect(refused.status).not.toBe(0);
    const done = await run('national', 'import', 'newer.csv', '--email', 'admin@cli.test');
    expect(done.status).toBe(0);
    const now = await shown();
    expect(now.rows.map((r) => [r.laName, r.score])).toEqual([
      ['B', 27],
      ['A', 18],
    ]);
  });
});
