import { byCode, largestRemainder, reserveOrder } from './allocate.js';
import type { PopulationCase } from './population.js';
import { hash32, mulberry32, populationSeed, shuffle } from './random.js';
import {
  achievedMargin,
  planSampleSize,
  type ByDomain,
  type PlannedSize,
  type RequiredSize,
  type SampledDomain,
  type Sizing,
  type Split,
} from './sample-size.js';
import { stratumLabel, stratumValues, type StratumVariable } from './strata.js';

/**
 * The stratified random draw. Within each domain the cases are grouped into strata and the domain's
 * sample is shared out by largest remainder; each stratum's cases, sorted by reference (so the file's order
 * does not matter), are shuffled (Fisher-Yates) by a generator seeded from the seed, the domain and the
 * stratum, and its first cases are taken. Seeding each stratum on its own means a change in one stratum
 * leaves the others' draws alone. The rest, in reserveOrder, is the reserve.
 */

export interface SampleOptions {
  confidence: number;
  /** A proportion: 0.05 for 5 points. */
  margin: number;
  strata: readonly StratumVariable[];
  split: Split;
  /** HMIP's court-first rule when not given (the framework's `sampling.sizing`). */
  sizing?: Sizing;
  /** Derived from the population's references when not given. */
  seed?: number;
}

export interface StratumDraw {
  domain: SampledDomain;
  /** The values joined: "female / referralOrder / high / low". */
  stratum: string;
  values: Partial<Record<StratumVariable, string>>;
  population: number;
  sample: number;
}

export interface DomainDraw {
  population: number;
  /** Sorted by reference. */
  sample: PopulationCase[];
  /** In the order to use them. */
  reserve: PopulationCase[];
  strata: StratumDraw[];
  /** A proportion; null when nothing is sampled. */
  margin: number | null;
}

export interface SamplePlan {
  options: SampleOptions;
  seed: number;
  seedDerived: boolean;
  /** The size the formula gives for the population it was applied to (sizedOn). */
  required: RequiredSize;
  sizing: Sizing;
  sizedOn: PlannedSize['sizedOn'];
  population: ByDomain<number> & { total: number };
  sampleSize: ByDomain<number> & { total: number };
  /** For the total sample against the combined population (a proportion; null when nothing is sampled). */
  margin: number | null;
  domains: ByDomain<DomainDraw>;
  /** Not sampled: inspections look at every resettlement case. Sorted by reference. */
  resettlement: PopulationCase[];
}

const byRef = (a: PopulationCase, b: PopulationCase) => byCode(a.ref, b.ref);

export function drawSample(cases: readonly PopulationCase[], options: SampleOptions): SamplePlan {
  const sorted = [...cases].sort(byRef);
  const seedDerived = options.seed === undefined;
  const seed = options.seed ?? populationSeed(sorted.map((c) => c.ref));
  const inDomain = (domain: string) => sorted.filter((c) => c.domain === domain);
  const court = inDomain('court');
  const outOfCourt = inDomain('outOfCourt');
  const population = { court: court.length, outOfCourt: outOfCourt.length, total: court.length + outOfCourt.length };
  const { required, sizes, sizing, sizedOn } = planSampleSize(population, options);
  const sampleSize = { ...sizes, total: sizes.court + sizes.outOfCourt };
  const domains = {
    court: drawDomain('court', court, sizes.court, seed, options),
    outOfCourt: drawDomain('outOfCourt', outOfCourt, sizes.outOfCourt, seed, options),
  };
  return {
    options,
    seed,
    seedDerived,
    required,
    sizing,
    sizedOn,
    population,
    sampleSize,
    margin: achievedMargin(sampleSize.total, population.total, options.confidence),
    domains,
    resettlement: inDomain('resettlement'),
  };
}

function drawDomain(
  domain: SampledDomain,
  cases: readonly PopulationCase[],
  size: number,
  seed: number,
  options: SampleOptions,
): DomainDraw {
  const groups = new Map<string, { values: string[]; cases: PopulationCase[] }>();
  for (const c of cases) {
    const values = stratumValues(c, options.strata);
    const id = JSON.stringify(values);
    const group = groups.get(id);
    if (group) group.cases.push(c);
    else groups.set(id, { values, cases: [c] });
  }
  const strata = [...groups.entries()].sort(([a], [b]) => byCode(a, b)).map(([id, group]) => ({ id, ...group }));
  const shares = largestRemainder(
    size,
    strata.map((s) => ({ key: s.id, weight: s.cases.length })),
  );
  const drawn = strata.map((s, i) => ({
    key: s.id,
    cases: shuffle([...s.cases], mulberry32(hash32(`${seed}\u0000${domain}\u0000${s.id}`))),
    taken: shares[i]!,
  }));
  return {
    population: cases.length,
    sample: drawn.flatMap((s) => s.cases.slice(0, s.taken)).sort(byRef),
    reserve: reserveOrder(drawn),
    strata: strata.map((s, i) => ({
      domain,
      stratum: stratumLabel(s.values),
      values: Object.fromEntries(options.strata.map((v, j) => [v, s.values[j]!])),
      population: s.cases.length,
      sample: shares[i]!,
    })),
    margin: achievedMargin(size, cases.length, options.confidence),
  };
}
