import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/platform/config.js';
import { openServices } from '../../src/platform/server.js';
import { seedDemo } from '../../src/demo/demo.js';
import { scratchDatabase } from '../support/database.js';

/** `yj-inspect plans import|export|digest` against a database of their own (embedded, or a scratch server one). */
const dir = mkdtempSync(join(tmpdir(), 'yj-plans-cli-'));
const savedUrl = process.env.DATABASE_URL;
let drop = async () => {};
let ealingPlanId: string;
let blankPlanId: string;

const run = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main([...args, '--data-dir', dir], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: dir,
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
};

beforeAll(async () => {
  if (savedUrl) {
    const scratch = await scratchDatabase(savedUrl, 'yj_plans_cli');
    process.env.DATABASE_URL = scratch.url;
    drop = scratch.drop;
  }
  const opened = await openServices(loadConfig(process.env, { dataDir: dir }));
  try {
    await seedDemo(opened.services.database.db, opened.services.users);
    const head = (await opened.services.users.findByEmail('head.of.service@demo.invalid'))!;
    const [ealing] = await opened.services.plans.plans.list(head);
    ealingPlanId = ealing!.id;
    blankPlanId = (
      await opened.services.plans.plans.create(head, {
        organisationId: ealing!.organisationId,
        title: 'From the command line',
        startFrom: 'blank',
      })
    ).id;
  } finally {
    await opened.close();
  }
}, 60_000);

afterAll(async () => {
  process.env.DATABASE_URL = savedUrl;
  if (!savedUrl) delete process.env.DATABASE_URL;
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('yj-inspect plans', () => {
  it('exports a plan as CSV that imports back into another plan unchanged', async () => {
    const exported = await run('plans', 'export', '--plan', ealingPlanId, '--email', 'head.of.service@demo.invalid');
    expect(exported.status).toBe(0);
    expect(exported.stdout.split('\r\n')[0]).toBe(
      'Area number,Domain or heading,Standard,Area for improvement,Source,Action,Owners,Commencement date,Target date,Status,Completion date,Status as first written,Standards or key questions targeted',
    );
    writeFileSync(join(dir, 'ealing.csv'), exported.stdout);
    const imported = await run(
      'plans',
      'import',
      '--plan',
      blankPlanId,
      '--file',
      'ealing.csv',
      '--email',
      'head.of.service@demo.invalid',
      '--as-at',
      '2024-03-01',
    );
    expect(imported).toMatchObject({ status: 0, stdout: 'Imported 50 actions into the plan.\n' });
    const again = await run(
      'plans',
      'export',
      '--plan',
      blankPlanId,
      '--email',
      'head.of.service@demo.invalid',
      '--format',
      'xlsx',
      '--file',
      'copy.xlsx',
    );
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'copy.xlsx')).subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('a bad file: exit status 2, every line named, nothing imported', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'Area number,Area for improvement,Action\n1,Oversight,\n');
    const result = await run(
      'plans',
      'import',
      '--plan',
      blankPlanId,
      '--file',
      'bad.csv',
      '--email',
      'head.of.service@demo.invalid',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bad.csv: line 2: Enter the action');
    expect(result.stderr).toContain('nothing was imported');
  }, 60_000);

  it('the digest needs an SMTP server to be named', async () => {
    const saved = process.env.YJ_SMTP_URL;
    delete process.env.YJ_SMTP_URL;
    const result = await run('plans', 'digest');
    process.env.YJ_SMTP_URL = saved;
    if (saved === undefined) delete process.env.YJ_SMTP_URL;
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('set YJ_SMTP_URL');
  });
});
