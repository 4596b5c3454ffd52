import type { inspections } from '../../../platform/db/core-tables.js';
import type { Framework } from '../../../domain/framework/model.js';
import { frameworkPopulationRules } from '../../../domain/sampling/framework-rules.js';
import type { PopulationRules } from '../../../domain/sampling/mapped-population.js';
import { timelineOf } from '../../timeline/index.js';

type Inspection = typeof inspections.$inferSelect;

/** The case window the population is checked against: stored or proposed on the timeline, if known. */
export function caseWindowOf(inspection: Inspection): { from: string; to: string } | null {
  const { caseWindowFrom, caseWindowTo } = timelineOf(inspection).dates;
  return caseWindowFrom.date && caseWindowTo.date ? { from: caseWindowFrom.date, to: caseWindowTo.date } : null;
}

/** The inspection's rules for its population: its window, its framework's domains and disposals. */
export function populationRules(inspection: Inspection, framework: Framework): PopulationRules {
  return { window: caseWindowOf(inspection), ...frameworkPopulationRules(framework) };
}
