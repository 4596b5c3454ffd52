/**
 * How many cases to sample, and how precise a chosen number is. The decisions, in one place:
 *
 * - Size: n0 = z² × p(1 − p) / e², with p = 0.5 (the most conservative: it gives the largest n0 for any
 *   answer rate) and z the two-sided normal quantile for confidence C, z = Φ⁻¹(1 − (1 − C) / 2) (normal.ts:
 *   Acklam's approximation refined by one Halley step; no dependency). With the finite population
 *   correction, n = n0 / (1 + (n0 − 1) / N), rounded up, never above N (a small service: all its cases).
 * - Achieved margin of error for n cases of N: e = z × √(p(1 − p) / n × (N − n) / (N − 1)), 0 when n = N
 *   (every case is inspected), none when n = 0.
 * - Which population (the framework's `sampling.sizing`): HMIP's rule, `courtFirst` (Merton Annexe 1), sizes
 *   the court sample on the court population ("sized to achieve a confidence level of 80 per cent (with a
 *   margin of error of five)") and derives the out-of-court number from the split: 60/40 by default, so
 *   court × 40 / 60, rounded half up, or court × the out-of-court population / the court population when
 *   proportional; never above the out-of-court population. With no court cases the out-of-court cases are
 *   sized on their own. The `combined` rule sizes court and out-of-court together, then splits the total,
 *   each domain capped at its population and the rest moving to the other domain. Sizes set by hand are
 *   taken as they are. Resettlement cases are not sampled: inspections look at all of them.
 * - The achieved margin is given for the total sample against the combined population (as if one simple
 *   random sample: the 60/40 split makes it an approximation) and for each domain against its own.
 * - Shares are rounded by largest remainder (Hamilton); a tie goes to the earlier key ("court").
 * - The draw itself (strata, seed, shuffle, reserve order) is described in draw.ts, allocate.ts and random.ts.
 */
import { largestRemainder } from './allocate.js';
import { normalQuantile } from './normal.js';

/** The answer rate assumed in the formula: 0.5, the worst case. */
export const assumedProportion = 0.5;

export type SampledDomain = 'court' | 'outOfCourt';
export type ByDomain<T> = Record<SampledDomain, T>;
export const sampledDomains: readonly SampledDomain[] = ['court', 'outOfCourt'];

/** z for a two-sided confidence level: 1.2816 for 80%, 1.96 for 95%. */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be between 0 and 1, not ${confidence}`);
  return normalQuantile(1 - (1 - confidence) / 2);
}

export interface RequiredSize {
  z: number;
  /** Before the finite population correction. */
  n0: number;
  /** After it, before rounding up. */
  corrected: number;
  /** The number of cases to sample. */
  size: number;
}

/** The sample needed from a population of N for the confidence level and margin (a proportion: 0.05). */
export function requiredSampleSize(population: number, confidence: number, margin: number): RequiredSize {
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin must be between 0 and 1, not ${margin}`);
  const z = zFor(confidence);
  const p = assumedProportion;
  const n0 = (z * z * p * (1 - p)) / (margin * margin);
  if (population === 0) return { z, n0, corrected: 0, size: 0 };
  const corrected = n0 / (1 + (n0 - 1) / population);
  // The tolerance keeps float noise from adding a case when the exact value is a whole number.
  const size = Math.min(population, Math.ceil(corrected - 1e-9));
  return { z, n0, corrected, size };
}

/** The margin of error (a proportion) achieved by n cases of N; null when nothing is sampled. */
export function achievedMargin(sample: number, population: number, confidence: number): number | null {
  if (sample === 0) return null;
  if (sample >= population) return 0;
  const p = assumedProportion;
  return zFor(confidence) * Math.sqrt(((p * (1 - p)) / sample) * ((population - sample) / (population - 1)));
}

/** How the total is shared between court and out-of-court cases. */
export type Split =
  | { kind: 'ratio'; court: number; outOfCourt: number }
  | { kind: 'proportional' }
  | { kind: 'byHand'; court: number; outOfCourt: number };

export const defaultSplit: Split = { kind: 'ratio', court: 60, outOfCourt: 40 };

/** A chosen size that cannot be drawn (more cases than there are). */
export class SampleSizeError extends Error {
  override name = 'SampleSizeError';
}

/** The court and out-of-court sizes for a total, each capped at its population, the excess moved across. */
export function splitSample(total: number, population: ByDomain<number>, split: Split): ByDomain<number> {
  if (split.kind === 'byHand') {
    for (const domain of sampledDomains)
      if (split[domain] > population[domain])
        throw new SampleSizeError(
          `${split[domain]} ${domainWords[domain]} cases asked for, but there are only ${population[domain]}`,
        );
    return { court: split.court, outOfCourt: split.outOfCourt };
  }
  const weights = split.kind === 'ratio' ? split : population;
  const [court, outOfCourt] = largestRemainder(total, [
    { key: 'court', weight: weights.court },
    { key: 'outOfCourt', weight: weights.outOfCourt },
  ]) as [number, number];
  const sizes = { court: Math.min(court, population.court), outOfCourt: Math.min(outOfCourt, population.outOfCourt) };
  const left = total - sizes.court - sizes.outOfCourt;
  if (sizes.court < population.court) sizes.court += Math.min(left, population.court - sizes.court);
  else sizes.outOfCourt += Math.min(left, population.outOfCourt - sizes.outOfCourt);
  return sizes;
}

/** How the sample is sized: HMIP's court-first rule, or court and out-of-court together. */
export type Sizing = 'courtFirst' | 'combined';
export const sizings: readonly Sizing[] = ['courtFirst', 'combined'];
export const defaultSizing: Sizing = 'courtFirst';

export interface PlannedSize {
  sizing: Sizing;
  /** The population the size formula was applied to: the court cases (court first) or both domains. */
  sizedOn: { domains: 'court' | 'outOfCourt' | 'both'; population: number };
  required: RequiredSize;
  sizes: ByDomain<number>;
}

/** The court and out-of-court sizes by the sizing rule and the split: the one calculation every caller uses. */
export function planSampleSize(
  population: ByDomain<number>,
  options: { confidence: number; margin: number; split: Split; sizing?: Sizing },
): PlannedSize {
  const sizing = options.sizing ?? defaultSizing;
  const { confidence, margin, split } = options;
  const total = population.court + population.outOfCourt;
  const courtShareless = split.kind === 'ratio' && split.court === 0;
  if (sizing === 'combined' || courtShareless) {
    const required = requiredSampleSize(total, confidence, margin);
    return {
      sizing,
      sizedOn: { domains: 'both', population: total },
      required,
      sizes: splitSample(required.size, population, split),
    };
  }
  if (population.court === 0) {
    const required = requiredSampleSize(population.outOfCourt, confidence, margin);
    const sizes = split.kind === 'byHand' ? splitSample(0, population, split) : { court: 0, outOfCourt: required.size };
    return { sizing, sizedOn: { domains: 'outOfCourt', population: population.outOfCourt }, required, sizes };
  }
  const required = requiredSampleSize(population.court, confidence, margin);
  const sizedOn = { domains: 'court' as const, population: population.court };
  if (split.kind === 'byHand') return { sizing, sizedOn, required, sizes: splitSample(0, population, split) };
  const court = required.size;
  const ratio = split.kind === 'ratio' ? split.outOfCourt / split.court : population.outOfCourt / population.court;
  // Half up, with a tolerance so that float noise (9 × 40 / 60 = 5.999…) does not lose a case.
  const outOfCourt = Math.min(population.outOfCourt, Math.floor(court * ratio + 0.5 + 1e-9));
  return { sizing, sizedOn, required, sizes: { court, outOfCourt } };
}

export const domainWords: ByDomain<string> = { court: 'court', outOfCourt: 'out-of-court' };

const fixed = (x: number, digits: number) => x.toFixed(digits);
/** Two decimals, or more when two would make a fraction look whole (112.0006 is not 112.00). */
function decimals(x: number): string {
  for (let digits = 2; digits < 6; digits++) {
    const text = x.toFixed(digits);
    if (Number(text) !== Math.round(x) || x === Math.round(x)) return text;
  }
  return x.toFixed(6);
}

/** The size formula with the numbers put in, line by line, as the reports print it beside the result. */
export function sizeFormula(required: RequiredSize, population: number, margin: number): string[] {
  const { z, n0, corrected, size } = required;
  const first = `n0 = z² × p(1 − p) / e² = ${fixed(z, 4)}² × 0.5 × 0.5 / ${margin}² = ${fixed(n0, 2)}`;
  if (population === 0) return [first, 'no court or out-of-court cases: nothing to sample'];
  const second =
    `n = n0 / (1 + (n0 − 1) / N) = ${fixed(n0, 2)} / (1 + ${fixed(n0 - 1, 2)} / ${population})` +
    ` = ${decimals(corrected)}, rounded up: ${size}`;
  return [first, second];
}

/** The margin formula with the numbers put in, for one sample of a population. */
export function marginFormula(sample: number, population: number, confidence: number): string {
  const e = achievedMargin(sample, population, confidence);
  if (e === null) return 'no cases sampled: no margin of error';
  if (e === 0) return `every case is sampled (n = N = ${population}): no margin of error`;
  return (
    `e = z × √(p(1 − p) / n × (N − n) / (N − 1)) = ${fixed(zFor(confidence), 4)} × √(0.25 / ${sample}` +
    ` × ${population - sample} / ${population - 1}) = ${fixed(e * 100, 2)} points`
  );
}
