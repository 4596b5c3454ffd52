import { describe, expect, it } from 'vitest';
import { drawSample, type SampleOptions } from '../../../src/domain/sampling/draw.js';
import { parsePopulationCsv } from '../../../src/domain/sampling/mapped-population.js';
import { defaultSplit } from '../../../src/domain/sampling/sample-size.js';
import { defaultStrata, stratumLabel, stratumValues } from '../../../src/domain/sampling/strata.js';
import { populationCsv } from './fixture.js';

// The draw's own rules, on the combined sizing; HMIP's court-first sizing is checked below.
const options: SampleOptions = {
  confidence: 0.8,
  margin: 0.05,
  strata: defaultStrata,
  split: defaultSplit,
  sizing: 'combined',
};
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

describe("HMIP's court-first sizing (Merton Annexe 1), the default", () => {
  const courtFirst = { ...options, sizing: undefined };

  it('sizes the court cases on the court population, and derives the out-of-court number by the 60/40 split', () => {
    const plan = drawSample(population, { ...courtFirst, seed: 42 });
    expect(plan.sizing).toBe('courtFirst');
    expect(plan.sizedOn).toEqual({ domains: 'court', population: 240 });
    // n0 = 164.24; n = 164.24 / (1 + 163.24 / 240) = 97.75, so 98; out of court 98 × 40 / 60 = 65.3, so 65.
    expect(plan.required.size).toBe(98);
    expect(plan.sampleSize).toEqual({ court: 98, outOfCourt: 65, total: 163 });
    expect(plan.domains.outOfCourt.sample).toHaveLength(65);
  });

  it('14 court and 89 out-of-court cases: 13 and 9, where the combined rule gives 14 and 50', () => {
    const cases = parsePopulationCsv(populationCsv({ court: 14, outOfCourt: 89, seed: 3 }), 'p.csv');
    expect(drawSample(cases, courtFirst).sampleSize).toEqual({ court: 13, outOfCourt: 9, total: 22 });
    expect(drawSample(cases, options).sampleSize).toEqual({ court: 14, outOfCourt: 50, total: 64 });
  });

  it('never more out-of-court cases than there are; none in court: the out-of-court cases sized alone', () => {
    const few = parsePopulationCsv(populationCsv({ court: 240, outOfCourt: 20, seed: 4 }), 'p.csv');
    expect(drawSample(few, courtFirst).sampleSize).toEqual({ court: 98, outOfCourt: 20, total: 118 });
    const noCourt = parsePopulationCsv(populationCsv({ court: 0, outOfCourt: 110, seed: 4 }), 'p.csv');
    const plan = drawSample(noCourt, courtFirst);
    expect(plan.sizedOn).toEqual({ domains: 'outOfCourt', population: 110 });
    expect(plan.sampleSize.court).toBe(0);
    expect(plan.sampleSize.outOfCourt).toBe(plan.required.size);
  });

  it('in proportion: out of court = court × the out-of-court population / the court population', () => {
    const plan = drawSample(population, { ...courtFirst, split: { kind: 'proportional' } });
    expect(plan.sampleSize).toEqual({ court: 98, outOfCourt: Math.round((98 * 110) / 240), total: 98 + 45 });
  });
});
