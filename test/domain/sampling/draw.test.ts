import { describe, expect, it } from 'vitest';
import { drawSample, type SampleOptions } from '../../../src/domain/sampling/draw.js';
import { parsePopulationCsv } from '../../../src/domain/sampling/population.js';
import { defaultSplit } from '../../../src/domain/sampling/sample-size.js';
import { defaultStrata, stratumLabel, stratumValues } from '../../../src/domain/sampling/strata.js';
import { populationCsv } from './fixture.js';

const options: SampleOptions = { confidence: 0.8, margin: 0.05, strata: defaultStrata, split: defaultSplit };
const population = parsePopulationCsv(populationCsv({ court: 240, outOfCourt: 110, resettlement: 4 }), 'p.csv');
const refs = (cases: readonly { ref: string }[]) => cases.map((c) => c.ref);

describe('the stratified draw', () => {
  const plan = drawSample(population, { ...options, seed: 42 });

  it('draws the sizes the formula and the 60/40 split give', () => {
    expect(plan.required.size).toBe(113);
    expect(plan.sampleSize).toEqual({ court: 68, outOfCourt: 45, total: 113 });
    expect(plan.domains.court.sample).toHaveLength(68);
    expect(plan.domains.outOfCourt.sample).toHaveLength(45);
    expect(plan.resettlement.map((c) => c.domain)).toEqual(Array(4).fill('resettlement'));
  });

  it('the same seed draws the same sample and reserve; another seed a different one', () => {
    const again = drawSample(population, { ...options, seed: 42 });
    const other = drawSample(population, { ...options, seed: 43 });
    for (const domain of ['court', 'outOfCourt'] as const) {
      expect(refs(again.domains[domain].sample)).toEqual(refs(plan.domains[domain].sample));
      expect(refs(again.domains[domain].reserve)).toEqual(refs(plan.domains[domain].reserve));
      expect(refs(other.domains[domain].sample)).not.toEqual(refs(plan.domains[domain].sample));
      expect(refs(other.domains[domain].reserve)).not.toEqual(refs(plan.domains[domain].reserve));
    }
  });

  it('without a seed: one derived from the references, whatever order the file lists them in', () => {
    const derived = drawSample(population, options);
    const reversed = drawSample([...population].reverse(), options);
    expect(derived.seedDerived).toBe(true);
    expect(reversed.seed).toBe(derived.seed);
    expect(refs(reversed.domains.court.sample)).toEqual(refs(derived.domains.court.sample));
    expect(refs(reversed.domains.outOfCourt.reserve)).toEqual(refs(derived.domains.outOfCourt.reserve));
    expect(drawSample(population, { ...options, seed: derived.seed }).domains.court.sample).toEqual(
      derived.domains.court.sample,
    );
  });

  it("every stratum's sample is within one case of its proportional share, and is what was drawn", () => {
    for (const domain of ['court', 'outOfCourt'] as const) {
      const draw = plan.domains[domain];
      const drawnIn = (label: string) =>
        draw.sample.filter((c) => stratumLabel(stratumValues(c, defaultStrata)) === label).length;
      expect(draw.strata.reduce((n, s) => n + s.population, 0)).toBe(draw.population);
      for (const stratum of draw.strata) {
        const share = (plan.sampleSize[domain] * stratum.population) / draw.population;
        expect(Math.abs(stratum.sample - share), stratum.stratum).toBeLessThan(1);
        expect(drawnIn(stratum.stratum), stratum.stratum).toBe(stratum.sample);
      }
    }
  });

  it("the sample and the reserve together are the domain's population, each case once", () => {
    for (const domain of ['court', 'outOfCourt'] as const) {
      const draw = plan.domains[domain];
      const all = [...refs(draw.sample), ...refs(draw.reserve)];
      expect(new Set(all).size).toBe(all.length);
      expect(all.sort()).toEqual(refs(population.filter((c) => c.domain === domain)).sort());
    }
  });

  it('the first reserve case comes from a stratum behind its share', () => {
    const first = plan.domains.court.reserve[0]!;
    const stratum = plan.domains.court.strata.find(
      (s) => s.stratum === stratumLabel(stratumValues(first, defaultStrata)),
    )!;
    expect(stratum.sample).toBeLessThan((68 * stratum.population) / 240);
  });

  it('a small service: every case, and no reserve', () => {
    const small = parsePopulationCsv(populationCsv({ court: 9, outOfCourt: 4, seed: 5 }), 'small.csv');
    const draw = drawSample(small, options);
    expect(draw.sampleSize).toEqual({ court: 9, outOfCourt: 4, total: 13 });
    expect(draw.margin).toBe(0);
    expect(draw.domains.court.reserve).toEqual([]);
  });

  it('no strata: one stratum per domain, a simple random sample', () => {
    const plain = drawSample(population, { ...options, strata: [], seed: 1 });
    expect(plain.domains.court.strata).toEqual([
      { domain: 'court', stratum: 'all cases', values: {}, population: 240, sample: 68 },
    ]);
  });

  it('a missing value is a stratum level of its own', () => {
    const levels = new Set(plan.domains.court.strata.map((s) => s.values.rosh));
    expect(levels).toContain('not recorded');
  });
});
