/**
 * Issue 5's goal: import and validate a 100,000-row population CSV and draw a stratified sample in under
 * 3 s and 300 MB resident (npx tsx bench/sampling.bench.ts). The baseline, measured in the same run, is only
 * reading the CSV with the project's reader (readCsv): the ratio shows what validating and drawing add.
 */
import { readCsv } from '../src/domain/input/csv.js';
import { drawSample } from '../src/domain/sampling/draw.js';
import { parsePopulationCsv } from '../src/domain/sampling/mapped-population.js';
import { defaultSplit } from '../src/domain/sampling/sample-size.js';
import { columnsFor, defaultStrata } from '../src/domain/sampling/strata.js';
import { populationCsv } from '../test/domain/sampling/fixture.js';

const goalSeconds = 3;
const goalMegabytes = 300;
const runs = 3;

const csv = populationCsv({ court: 55_000, outOfCourt: 40_000, resettlement: 5_000, seed: 2024 });
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
/** The most memory the process has held resident so far (the operating system's figure). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function importAndDraw() {
  const cases = parsePopulationCsv(csv, 'population.csv', columnsFor(defaultStrata));
  return drawSample(cases, { confidence: 0.8, margin: 0.05, strata: defaultStrata, split: defaultSplit });
}

function timed<T>(work: () => T): [number, T] {
  const start = process.hrtime.bigint();
  const result = work();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
}

const rows = csv.split('\n').length - 2; // less the header and the final line end
const rssBefore = process.memoryUsage().rss;
const [cold, plan] = timed(importAndDraw); // first, as on the command line: nothing warmed up
const rssAfterDraw = process.memoryUsage().rss;
const peakAfterDraw = peakRss();
const pipeline = [cold];
const baseline: number[] = [];
for (let run = 0; run < runs; run++) {
  baseline.push(timed(() => readCsv(csv, { limits: { rows: rows + 1 } }).length)[0]);
  if (run > 0) pipeline.push(timed(importAndDraw)[0]);
}

const best = (times: number[]) => Math.min(...times);
const verdict = (ok: boolean) => (ok ? 'within the goal' : 'OVER THE GOAL');
console.log(
  `population: ${rows.toLocaleString('en-GB')} rows, ${(csv.length / 1e6).toFixed(1)} MB of CSV (made in memory, seeded)`,
);
console.log(
  `sample: ${plan.sampleSize.total} (court ${plan.sampleSize.court}, out of court ${plan.sampleSize.outOfCourt}),` +
    ` ${plan.domains.court.strata.length + plan.domains.outOfCourt.strata.length} strata,` +
    ` reserve ${plan.domains.court.reserve.length + plan.domains.outOfCourt.reserve.length}`,
);
console.log(
  `parse + validate + draw: ${cold.toFixed(3)} s cold, best of ${runs} ${best(pipeline).toFixed(3)} s` +
    ` (goal ${goalSeconds} s: ${verdict(cold < goalSeconds)})`,
);
console.log(
  `baseline, readCsv alone: first ${baseline[0]!.toFixed(3)} s, best of ${runs} ${best(baseline).toFixed(3)} s`,
);
console.log(`ratio: ${(best(pipeline) / best(baseline)).toFixed(2)}x the baseline (best against best)`);
console.log(
  `resident memory: peak ${megabytes(peakAfterDraw)} MB by the end of the first draw` +
    ` (goal ${goalMegabytes} MB: ${verdict(peakAfterDraw < goalMegabytes * 1024 * 1024)});` +
    ` rss ${megabytes(rssBefore)} MB before it (tsx and the generated CSV), ${megabytes(rssAfterDraw)} MB after`,
);
