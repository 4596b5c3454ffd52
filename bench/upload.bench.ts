/**
 * An upload near the 100,000-row limit must not hold up the server: the longest the event loop waits while one
 * is read (perf_hooks' monitorEventLoopDelay), the whole file read at once (as before) against a slice at a
 * time (readInTurns), measured in the same run (npx tsx bench/upload.bench.ts).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { recordsInSlices } from '../src/domain/input/csv.js';
import { headersOf, mappedPopulationInSlices, readMappedPopulation } from '../src/domain/sampling/mapped-population.js';
import { readInTurns } from '../src/platform/csv.js';
import { populationCsv } from '../test/domain/sampling/fixture.js';

const goalMilliseconds = 100;
// The row limit counts the header too: 99,999 cases and their header are the largest file allowed.
const csv = populationCsv({ court: 55_000, outOfCourt: 40_000, resettlement: 4_999, seed: 2024 });
const { headers } = headersOf(csv);
const mapping = Object.fromEntries(headers.map((h) => [h, h]));

/** The longest wait of the event loop, and the time taken, while `work` runs. */
async function blocking(work: () => Promise<number> | number) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  // A timer that would fire every 5 ms: what other requests would see.
  const ticking = setInterval(() => {}, 5);
  delay.enable();
  // The monitor records a wait between two of its ticks: let it tick before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const start = performance.now();
  const cases = await work();
  const took = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  clearInterval(ticking);
  return { cases, took, maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6 };
}

const atOnce = await blocking(() => readMappedPopulation(csv, mapping).cases.length);
const inTurns = await blocking(
  async () =>
    (await readInTurns(mappedPopulationInSlices(await readInTurns(recordsInSlices(csv)), mapping))).cases.length,
);
const readOnly = await blocking(async () => (await readInTurns(recordsInSlices(csv))).records.length);

const line = (name: string, r: typeof atOnce) =>
  `${name.padEnd(34)} ${r.cases.toLocaleString('en-GB').padStart(7)} rows  ${(r.took / 1000).toFixed(2)} s in all  longest block ${r.maxMs.toFixed(0).padStart(5)} ms  p99 ${r.p99Ms.toFixed(0)} ms`;
console.log(`population CSV: ${(csv.length / 1e6).toFixed(1)} MB, ${atOnce.cases.toLocaleString('en-GB')} cases`);
console.log(line('read and checked at once (before)', atOnce));
console.log(line('read and checked in turns (now)', inTurns));
console.log(line('read in turns only', readOnly));
console.log(
  `goal: no block longer than ${goalMilliseconds} ms: ${inTurns.maxMs <= goalMilliseconds ? 'met' : 'not met'}`,
);
