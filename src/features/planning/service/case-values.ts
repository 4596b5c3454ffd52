import type { PopulationCase } from '../../../domain/sampling/population.js';
import type { sampleJson } from '../../../domain/sampling/report.js';

/** A drawn sample, as it is kept and shown. */
export type DrawResult = ReturnType<typeof sampleJson>;

/** A population case as a case of the inspection: the attributes the cases table holds. */
export function caseValuesOf(c: PopulationCase) {
  return {
    ref: c.ref,
    domain: c.domain,
    disposal: c.disposal,
    sex: c.sex,
    ethnicityGroup: c.ethnicity,
    disability: c.disability,
    lookedAfter: c.lookedAfter,
    ageBand: c.age === null ? null : c.age <= 14 ? '10-14' : c.age <= 17 ? '15-17' : '18+',
    rosh: c.rosh,
    swb: c.swb,
    caseManager: c.caseManager,
    startDate: c.startDate,
  };
}
