import type { PopulationCase, PopulationColumn } from './population.js';

/**
 * The variables a sample can be stratified by. A stratum is one combination of their values; a missing
 * value is a level of its own, "not recorded". Ages are grouped in the bands the reports use.
 */

export const notRecorded = 'not recorded';

function ageBand(c: PopulationCase): string | null {
  if (c.age === null) return null;
  return c.age <= 14 ? '10-14' : c.age <= 17 ? '15-17' : '18+';
}

export const strataVariables = {
  sex: (c: PopulationCase) => c.sex,
  disposal: (c: PopulationCase) => c.disposal,
  ethnicity: (c: PopulationCase) => c.ethnicity,
  disability: (c: PopulationCase) => c.disability,
  lookedAfter: (c: PopulationCase) => c.lookedAfter,
  age: ageBand,
  rosh: (c: PopulationCase) => c.rosh,
  swb: (c: PopulationCase) => c.swb,
  localAuthority: (c: PopulationCase) => c.localAuthority,
} satisfies Partial<Record<PopulationColumn, (c: PopulationCase) => string | null>>;

export type StratumVariable = keyof typeof strataVariables;
export const stratumVariableNames = Object.keys(strataVariables) as StratumVariable[];
/** Sex, disposal type, RoSH and SWB, as issue 5 asks. */
export const defaultStrata: readonly StratumVariable[] = ['sex', 'disposal', 'rosh', 'swb'];

export const isStratumVariable = (name: string): name is StratumVariable =>
  (stratumVariableNames as string[]).includes(name);

/** The CSV columns the variables read (each variable is named after its column). */
export const columnsFor = (variables: readonly StratumVariable[]): PopulationColumn[] => [...variables];

/** A case's values for the variables, in their order, "not recorded" for a gap. */
export function stratumValues(c: PopulationCase, variables: readonly StratumVariable[]): string[] {
  return variables.map((v) => strataVariables[v](c) ?? notRecorded);
}

/** How a stratum is shown: its values joined, or "all cases" when the sample is not stratified. */
export const stratumLabel = (values: readonly string[]): string =>
  values.length === 0 ? 'all cases' : values.join(' / ');
