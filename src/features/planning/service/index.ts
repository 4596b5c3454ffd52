import type { Database } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { createAllocationService } from './allocation.js';
import { createPopulationService } from './population.js';
import { createSampleService } from './sample.js';

/**
 * Planning an inspection (issue 5): the eligible population, the sample size, the stratified draw, the
 * reserve, and the allocation of cases to inspectors. Every operation needs 'inspection.plan'.
 */
export function createPlanningService(db: Database, clock: Clock = systemClock) {
  return {
    ...createPopulationService(db, clock),
    ...createSampleService(db, clock),
    ...createAllocationService(db),
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
