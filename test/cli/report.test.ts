import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { openDatabase } from '../../src/platform/db/connect.js';
import { seedDemo } from '../../src/demo/demo.js';
import { createServices } from '../../src/platform/services.js';
import { scratchDatabase } from '../support/database.js';
import { hackneySeed } from '../domain/report/fixture.js';

let dir: string;
let inspectionId: string;
const serverUrl = process.env.DATABASE_URL;
let drop: (() => Promise<void>) | undefined;

/** A database with the demo in it, embedded in a data directory or on DATABASE_URL's server, as the command opens it. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yj-report-cli-'));
  const scratch = serverUrl ? await scratchDatabase(serverUrl) : undefined;
  drop = scratch?.drop;
  // The command reads DATABASE_URL as it would from its environment: here, the scratch database.
  if (scratch) process.env.DATABASE_URL = scratch.url;
  const database = await openDatabase({ ...(scratch && { url: scratch.url }), dataDir: join(dir, 'data') });
  const services = createServices(database);
  await seedDemo(database.db, services.users);
  const admin = await services.users.create(null, {
    email: 'admin@example.org',
    displayName: 'Admin',
    password: 'correct horse battery staple',
    isAdmin: true,
  });
  inspectionId = (await services.inspections.list(admin)).find((i) => i.title.includes('Hackney'))!.id;
  await database.close();
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (serverUrl) process.env.DATABASE_URL = serverUrl;
  await drop?.();
});

/** The command in-process: its exit status and what it wrote to each stream. */
async function yjInspect(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { status, stdout, stderr };
}

describe('yj-inspect report', () => {
  it('writes the key questions as CSV with the seed report figures', async () => {
    const out = join(dir, 'key-questions.csv');
    const run = await yjInspect(
      'report',
      inspectionId,
      '--format',
      'csv',
      '--out',
      out,
      '--data-dir',
      join(dir, 'data'),
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Wrote .*key-questions\.csv: Hackney Youth Justice Service \(demo\), draft of version 1 \(csv, [\d,]+ bytes\)\.\n$/,
    );
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n').slice(1);
    const percents = rows.map((row) => Number(/,(\d+),[A-Za-z ]+,[A-Za-z ]+,(true|false)$/.exec(row)![1]));
    expect(percents).toEqual(
      Object.values(hackneySeed.keyQuestions)
        .flat()
        .map((f) => ('percent' in f ? f.percent : NaN)),
    );
  }, 60_000);

  it('picks the format from the file name when --format is absent', async () => {
    const out = join(dir, 'report.pdf');
    const run = await yjInspect('report', inspectionId, '--out', out, '--data-dir', join(dir, 'data'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('(pdf, ');
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('exits 2 naming the problem for an unknown inspection, a bad format or no --out', async () => {
    const data = ['--data-dir', join(dir, 'data')];
    const unknown = await yjInspect(
      'report',
      '00000000-0000-4000-8000-000000000000',
      '--out',
      join(dir, 'x.html'),
      ...data,
    );
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no inspection has the id "00000000-0000-4000-8000-000000000000"');
    const format = await yjInspect('report', inspectionId, '--format', 'docx', '--out', join(dir, 'x.docx'), ...data);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format must be one of html, pdf, xlsx, csv; got "docx"');
    const noOut = await yjInspect('report', inspectionId, ...data);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('report needs --out <file>');
  }, 60_000);
});
