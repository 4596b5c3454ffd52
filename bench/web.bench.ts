/**
 * Answer saves and ratings reads under 32 concurrent connections against a 60-case inspection, beside a bare
 * Express handler doing the same single-row upsert on the same database, measured in the same run
 * (npm run bench:web). Goal: at least half the bare handler's throughput for saves, p99 under 50 ms on the
 * PostgreSQL server. Also the server's resident memory on each database, per connection, and as the database
 * holds 1, 10 and 100 inspections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startBenchServer, type Setup } from './bench-server.js';
import { scratchDatabase } from '../test/support/database.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);

async function load(name: string, options: autocannon.Options, duration = seconds) {
  const result = await autocannon({ connections: 32, duration, ...options });
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

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function benchmark(label: string, env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yj-bench-'));
  const { child, setup: ready } = startBenchServer(env, dataDir);
  try {
    const setup = await ready;
    const base = `http://127.0.0.1:${setup.appPort}`;
    const bare = `http://127.0.0.1:${setup.barePort}`;
    const auth = { authorization: `Bearer ${setup.token}` };
    const evidence = (n: number) =>
      JSON.stringify({ answers: { '2.1.1': n % 3 ? 'yes' : 'no' }, evidence: { '2.1.1': `bench ${n}` } });
    const rss = async () => ((await (await fetch(`${bare}/memory`)).json()) as { rss: number }).rss;
    const idle = await rss();
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
    const memory = { rss: await rss() };
    const [baseline, saves] = results;
    console.log(`\n${label} (${setup.kind}), 32 connections, ${seconds} s each, 60-case inspection`);
    console.log(
      `  machine load average (1, 5, 15 min) on ${cpus().length} cores: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
    for (const r of results)
      console.log(
        `  ${r.name.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms${r.errors ? `   ${r.errors} errors` : ''}`,
      );
    const ratio = saves!.rps / baseline!.rps;
    console.log(
      `  answer saves / bare upsert throughput: ${ratio.toFixed(2)} (goal: 0.5 or more) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`,
    );
    console.log(`  answer save p99: ${saves!.p99} ms (goal on the PostgreSQL server: under 50 ms)`);
    console.log(
      `  server resident memory: ${mib(idle)} MiB idle, ${mib(memory.rss)} MiB after the runs: ${((memory.rss - idle) / 32 / 2 ** 20).toFixed(1)} MiB more per connection (32 connections${setup.kind === 'server' ? ', a pool of 10 to PostgreSQL' : ', one to PGlite'})`,
    );
    // The cost of one more inspection: the same save and ratings read with the database holding more of them.
    const save = (id: string) => `/api/v1/inspections/${setup.inspectionId}/cases/${id}/answers`;
    const growth = [{ inspections: 1, save: saves!, ratings: results[2]!, rss: memory.rss }];
    for (const to of [10, 100]) {
      const grown = Date.now();
      await fetch(`${bare}/grow?to=${to}`, { method: 'POST' });
      const loadedIn = Date.now() - grown;
      const short = Math.max(2, Math.round(seconds / 2));
      const saved = await load('save', { url: base, ...answerSave(setup, save, evidence, auth) }, short);
      const rated = await load(
        'ratings',
        { url: `${base}/api/v1/inspections/${setup.inspectionId}/ratings`, headers: auth },
        short,
      );
      growth.push({ inspections: to, save: saved, ratings: rated, rss: await rss() });
      console.log(`  (loaded ${to} inspections of 60 cases in ${(loadedIn / 1000).toFixed(1)} s)`);
    }
    console.log('  inspections in the database   save req/s  p99 ms   ratings req/s  p99 ms   memory MiB');
    for (const g of growth)
      console.log(
        `  ${String(g.inspections).padStart(27)} ${g.save.rps.toFixed(0).padStart(12)} ${String(g.save.p99).padStart(7)} ${g.ratings.rps.toFixed(0).padStart(15)} ${String(g.ratings.p99).padStart(7)} ${mib(g.rss).padStart(12)}`,
      );
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// BENCH_ONLY=embedded or BENCH_ONLY=server measures one database only.
const only = process.env.BENCH_ONLY;
const embedded = { ...process.env };
delete embedded.DATABASE_URL;
if (only !== 'server') await benchmark('Embedded database (PGlite)', embedded);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
try {
  if (only === 'embedded') process.exit(0);
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
