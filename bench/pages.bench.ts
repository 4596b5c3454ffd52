/**
 * Page time as users feel it: 8 signed-in inspectors at once on the main pages of a 60-case inspection, each
 * page's p50 and p95, beside a static file served by the same app in the same run (npm run bench:pages).
 * Goal: every page's p95 under 150 ms on the PostgreSQL server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchServer } from './bench-server.js';
import { scratchDatabase } from '../test/support/database.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const users = 8;

/** `users` clients, each with its own session, requesting the page back to back for `seconds`. */
async function drive(url: string, cookies: string[]) {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    cookies.slice(0, users).map(async (cookie) => {
      while (Date.now() < until) {
        const started = performance.now();
        const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status !== 200) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { p50: at(50), p95: at(95), count: latencies.length, errors };
}

async function benchmark(label: string, env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yj-bench-'));
  const { child, setup: ready } = startBenchServer(env, dataDir);
  try {
    const setup = await ready;
    const base = `http://127.0.0.1:${setup.appPort}`;
    const inspection = `${base}/inspections/${setup.inspectionId}`;
    const pages: [string, string][] = [
      ['static file (baseline)', `${base}/public/app.css`],
      ['inspections list', `${base}/inspections`],
      ['overview', inspection],
      ['cases list', `${inspection}/cases`],
      ["a standard's answers (2.1)", `${inspection}/cases/${setup.courtCaseIds[0]}/standards/2.1/check`],
      ['ratings', `${inspection}/ratings`],
      ["a standard's workings (2.1)", `${inspection}/ratings/2.1`],
      ['report', `${inspection}/report`],
    ];
    console.log(
      `\n${label} (${setup.kind}), ${users} signed-in users at once, ${seconds} s a page, 60-case inspection`,
    );
    console.log(
      `  machine load average (1, 5, 15 min) on ${cpus().length} cores: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
    console.log(`  ${'page'.padEnd(28)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'requests'.padStart(9)}`);
    let slowest = 0;
    for (const [name, url] of pages) {
      const r = await drive(url, setup.cookies);
      if (!name.includes('baseline')) slowest = Math.max(slowest, r.p95);
      console.log(
        `  ${name.padEnd(28)} ${r.p50.toFixed(0).padStart(7)} ${r.p95.toFixed(0).padStart(7)} ${String(r.count).padStart(9)}${r.errors ? `   ${r.errors} not 200` : ''}`,
      );
    }
    console.log(
      `  slowest page p95: ${slowest.toFixed(0)} ms (goal on the PostgreSQL server: under 150 ms) ${slowest < 150 ? 'MET' : 'NOT MET'}`,
    );
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
  console.log(`\nPostgreSQL server: not measured (${(error as Error).message}).`);
}
process.exit(0);
