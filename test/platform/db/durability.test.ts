import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/platform/config.js';
import { answers } from '../../../src/platform/db/core-tables.js';
import { openServices } from '../../../src/platform/server.js';
import { scratchDatabase } from '../../support/database.js';

/**
 * A server killed with SIGKILL during a burst of answer saves loses no save it acknowledged: every save
 * that got a 200 is in the database when it is opened again. On the embedded database and on a server.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The inspection, cases and an API token, made before the server starts. */
async function prepare(env: NodeJS.ProcessEnv, dataDir: string) {
  const { services, close } = await openServices(loadConfig(env, { dataDir }));
  try {
    const admin = await services.users.create(null, {
      email: 'admin@example.org',
      displayName: 'Admin',
      password: 'correct horse battery',
      isAdmin: true,
    });
    const organisation = await services.organisations.create(admin, { name: `Durability YJS ${Date.now()}` });
    const inspection = await services.inspections.create(admin, {
      organisationId: organisation.id,
      framework: 'hmip-youth-2021',
      kind: 'internalAudit',
    });
    const caseIds: string[] = [];
    for (let i = 0; i < 32; i++)
      caseIds.push((await services.cases.add(admin, inspection.id, { ref: `K${i}`, domain: 'court' })).id);
    const token = await services.users.createApiToken(admin, admin.id, 'durability');
    return { inspectionId: inspection.id, caseIds, token };
  } finally {
    await close();
  }
}

async function startServer(env: NodeJS.ProcessEnv, dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--port', String(port), '--data-dir', dataDir],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running at')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return child;
}

async function burstThenKill(env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yj-durability-'));
  dirs.push(dataDir);
  const { inspectionId, caseIds, token } = await prepare(env, dataDir);
  const port = await freePort();
  const server = await startServer(env, dataDir, port);

  // Each save writes a unique, rising evidence text; 32 at a time, one writer to a case (so that a case's saves
  // are acknowledged in the order they are stored), until the server is killed under the burst.
  const acknowledged: { caseId: string; evidence: string }[] = [];
  let sent = 0;
  const save = async (caseId: string, n: number) => {
    const evidence = `save ${n}`;
    const response = await fetch(
      `http://127.0.0.1:${port}/api/v1/inspections/${inspectionId}/cases/${caseId}/answers`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { '2.1.1': n % 2 ? 'yes' : 'no' }, evidence: { '2.1.1': evidence } }),
      },
    ).catch(() => null);
    if (response?.status === 200) acknowledged.push({ caseId, evidence });
  };
  const workers = caseIds.map(async (caseId) => {
    while (server.exitCode === null && server.signalCode === null && sent < 5_000) await save(caseId, sent++);
  });
  while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 5));
  server.kill('SIGKILL');
  await Promise.all(workers);
  return { dataDir, acknowledged };
}

/** The last acknowledged save of each case is what the case holds: nothing acknowledged was lost. */
async function expectNothingLost(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  acknowledged: { caseId: string; evidence: string }[],
) {
  const lastByCase = new Map(acknowledged.map((a) => [a.caseId, a.evidence]));
  const { services, close } = await openServices(loadConfig(env, { dataDir }));
  try {
    for (const [caseId, evidence] of lastByCase) {
      const [stored] = await services.database.db
        .select({ evidence: answers.evidence })
        .from(answers)
        .where(and(eq(answers.caseId, caseId), eq(answers.questionId, '2.1.1')));
      // A save that was in flight when the server died may be there too, and be later than the last acknowledged one.
      expect(Number(stored!.evidence.slice('save '.length))).toBeGreaterThanOrEqual(
        Number(evidence.slice('save '.length)),
      );
    }
  } finally {
    await close();
  }
}

/** This run's database: a fresh one on the server when DATABASE_URL names one, else the embedded one. */
async function environment(): Promise<{ env: NodeJS.ProcessEnv; drop: () => Promise<void> }> {
  const env = { ...process.env };
  if (!env.DATABASE_URL) return { env, drop: async () => {} };
  const scratch = await scratchDatabase(env.DATABASE_URL, 'yj_durability');
  return { env: { ...env, DATABASE_URL: scratch.url }, drop: scratch.drop };
}

describe('SIGKILL during a burst of answer saves', () => {
  it(`loses no acknowledged save on this run's database (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded'})`, async () => {
    const { env, drop } = await environment();
    try {
      const { dataDir, acknowledged } = await burstThenKill(env);
      expect(acknowledged.length).toBeGreaterThanOrEqual(150);
      await expectNothingLost(env, dataDir, acknowledged);
    } finally {
      await drop();
    }
  }, 120_000);
});
