/**
 * Answer saves and ratings reads under 32 concurrent connections against a 60-case inspection, beside a bare
 * Express handler doing the same single-row upsert on the same database, measured in the same run
 * (npm run bench:web). Goal (issue 3): at least half the bare handler's throughput for saves, p99 under
 * 50 ms on the PostgreSQL server. Also the server's resident memory on each database.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { scratchDatabase } from '../test/support/database.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);

interface Setup {
  kind: string;
  appPort: number;
  barePort: number;
  inspectionId: string;
  courtCaseIds: string[];
  token: string;
}

function startServer(env: NodeJS.ProcessEnv, dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/web-server.ts', dataDir], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const setup = new Promise<Setup>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line && output.includes('\n')) resolve(JSON.parse(line) as Setup);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, setup };
}

async function load(name: string, options: autocannon.Options) {
  const result = await autocannon({ connections: 32, duration: seconds, ...options });
  const errors = result.errors + result.non2xx;
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors };
}

function answerSave(
  setup: Setup,
  path: (caseId: string) => string,
  body: (n: number) => string,
  headers: Record<string, string>,
) {
  let n = 0;
  return {
    method: 'PUT' as const,
    headers: { 'content-type': 'application/json', ...headers },
    setupClient: (client: autocannon.Client) => {
      client.setRequest({ path: path(setup.courtCaseIds[n % setup.courtCaseIds.length]!), body: body(n) });
    },
    requests: [
      {
        setupRequest: (request: autocannon.Request) => {
          n++;
          return { ...request, path: path(setup.courtCaseIds[n % setup.courtCaseIds.length]!), body: body(n) };
        },
      },
    ],
  };
}

async function benchmark(label: string, env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yj-bench-'));
  const { child, setup: ready } = startServer(env, dataDir);
  try {
    const setup = await ready;
    const base = `http://127.0.0.1:${setup.appPort}`;
    const bare = `http://127.0.0.1:${setup.barePort}`;
    const auth = { authorization: `Bearer ${setup.token}` };
    const evidence = (n: number) =>
      JSON.stringify({ answers: { '2.1.1': n % 3 ? 'yes' : 'no' }, evidence: { '2.1.1': `bench ${n}` } });
    const results = [
      await load('bare upsert (baseline)', {
        url: bare,
        ...answerSave(
          setup,
          (id) => `/bare/${id}`,
          (n) => JSON.stringify({ answer: n % 3 ? 'yes' : 'no', evidence: `bench ${n}` }),
          {},
        ),
      }),
      await load('answer save (API PUT)', {
        url: base,
        ...answerSave(setup, (id) => `/api/v1/inspections/${setup.inspectionId}/cases/${id}/answers`, evidence, auth),
      }),
      await load('ratings read (API GET)', {
        url: `${base}/api/v1/inspections/${setup.inspectionId}/ratings`,
        headers: auth,
      }),
    ];
    const memory = (await (await fetch(`${bare}/memory`)).json()) as { rss: number };
    const [baseline, saves] = results;
    console.log(`\n${label} (${setup.kind}), 32 connections, ${seconds} s each, 60-case inspection`);
    for (const r of results)
      console.log(
        `  ${r.name.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms${r.errors ? `   ${r.errors} errors` : ''}`,
      );
    const ratio = saves!.rps / baseline!.rps;
    console.log(
      `  answer saves / bare upsert throughput: ${ratio.toFixed(2)} (goal: 0.5 or more) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`,
    );
    console.log(`  answer save p99: ${saves!.p99} ms (goal on the PostgreSQL server: under 50 ms)`);
    console.log(`  server resident memory after the run: ${(memory.rss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const embedded = { ...process.env };
delete embedded.DATABASE_URL;
await benchmark('Embedded database (PGlite)', embedded);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
try {
  const scratch = await scratchDatabase(serverUrl, 'yj_bench');
  try {
    await benchmark('PostgreSQL server', { ...process.env, DATABASE_URL: scratch.url });
  } finally {
    await scratch.drop();
  }
} catch (error) {
  console.log(
    `\nPostgreSQL server: not measured (${(error as Error).message}). Set DATABASE_URL to a server to measure it.`,
  );
}
process.exit(0);
