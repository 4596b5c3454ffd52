import type { PopulationCase } from './population.js';
import { notRecorded, strataVariables, type StratumVariable } from './strata.js';

/**
 * The sample's mix beside the population's, one variable at a time (sex, then disposal, ...): the counts
 * and percentages a reader compares to see that the stratified sample matches its population.
 */
export interface MixRow {
  variable: StratumVariable;
  value: string;
  population: number;
  sample: number;
  /** Of the population (or the sample), one decimal; null when it is empty. */
  populationPercent: number | null;
  samplePercent: number | null;
}

const percentOf = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

export function compareMix(
  population: readonly PopulationCase[],
  sample: readonly PopulationCase[],
  variables: readonly StratumVariable[],
): MixRow[] {
  return variables.flatMap((variable) => {
    const valueOf = (c: PopulationCase) => strataVariables[variable](c) ?? notRecorded;
    const counts = new Map<string, { population: number; sample: number }>();
    for (const c of population) {
      const entry = counts.get(valueOf(c)) ?? { population: 0, sample: 0 };
      entry.population++;
      counts.set(valueOf(c), entry);
    }
    for (const c of sample) {
      const entry = counts.get(valueOf(c)) ?? { population: 0, sample: 0 };
      entry.sample++;
      counts.set(valueOf(c), entry);
    }
    return [...counts.entries()]
      .sort(([a], [b]) => (a === notRecorded ? 1 : b === notRecorded ? -1 : a < b ? -1 : a > b ? 1 : 0))
      .map(([value, n]) => ({
        variable,
        value,
        population: n.population,
        sample: n.sample,
        populationPercent: percentOf(n.population, population.length),
        samplePercent: percentOf(n.sample, sample.length),
      }));
  });
}
