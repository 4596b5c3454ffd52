/**
 * The built command line as a user runs it (node bin/yj-inspect.js, after npm run build), beside a bare
 * `node -e 0` measured in the same run: wall time and peak resident memory (GNU time's maximum RSS).
 * Goals: `--version` within 3x of `node -e 0`; `rate` on one findings file under 300 ms and 100 MB.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
const gnuTime = '/usr/bin/time';

if (!existsSync(gnuTime)) {
  console.error('bench/cli: needs GNU time at /usr/bin/time for peak memory (apt-get install time)');
  process.exit(1);
}
if (!existsSync(new URL('../dist/cli-bundle/bin.js', import.meta.url))) {
  console.error('bench/cli: run npm run build first; the benchmark runs the built command line');
  process.exit(1);
}

interface Case {
  name: string;
  argv: string[];
  goal?: { ratio?: number; ms?: number; mb?: number };
}

const cases: Case[] = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'yj-inspect --version', argv: ['bin/yj-inspect.js', '--version'], goal: { ratio: 3 } },
  {
    name: 'yj-inspect rate hackney-2023.json',
    argv: ['bin/yj-inspect.js', 'rate', 'examples/findings/hackney-2023.json'],
    goal: { ms: 300, mb: 100 },
  },
  // The same command unbundled (dist/cli, every module its own file): what `rate` cost before the bundle.
  {
    name: 'rate, unbundled (before the bundle)',
    argv: ['dist/cli/bin.js', 'rate', 'examples/findings/hackney-2023.json'],
  },
];

function once(argv: string[]): { ms: number; mb: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(gnuTime, ['-f', '%M', process.execPath, ...argv], { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status}: ${result.stderr}`);
  const kilobytes = Number(result.stderr.trim().split('\n').at(-1));
  return { ms, mb: kilobytes / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// Interleaved, so a busy moment on the machine falls on every command alike; the first round warms the disk cache.
const samples = cases.map(() => ({ ms: [] as number[], mb: [] as number[] }));
for (let run = -1; run < runs; run++)
  cases.forEach((c, i) => {
    const { ms, mb } = once(c.argv);
    if (run < 0) return;
    samples[i]!.ms.push(ms);
    samples[i]!.mb.push(mb);
  });

const baseline = { ms: median(samples[0]!.ms), mb: median(samples[0]!.mb) };
console.log(`Command line, median of ${runs} runs each (wall time, peak resident memory), ratios to node -e 0:`);
cases.forEach((c, i) => {
  const ms = median(samples[i]!.ms);
  const mb = Math.max(...samples[i]!.mb);
  const verdicts: string[] = [];
  if (c.goal?.ratio !== undefined) {
    const ok = ms <= baseline.ms * c.goal.ratio;
    verdicts.push(`goal ${c.goal.ratio}x: ${ok ? 'met' : 'NOT met'}`);
  }
  if (c.goal?.ms !== undefined && c.goal.mb !== undefined) {
    const ok = ms < c.goal.ms && mb < c.goal.mb;
    verdicts.push(`goal < ${c.goal.ms} ms and < ${c.goal.mb} MB: ${ok ? 'met' : 'NOT met'}`);
  }
  console.log(
    `  ${c.name.padEnd(36)} ${ms.toFixed(0).padStart(5)} ms (${(ms / baseline.ms).toFixed(1)}x)` +
      `  ${mb.toFixed(0).padStart(4)} MB (${(mb / baseline.mb).toFixed(1)}x)` +
      (verdicts.length ? `  ${verdicts.join('; ')}` : ''),
  );
});
