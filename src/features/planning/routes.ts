import type { Router } from 'express';
import type { Services } from '../../platform/services.js';
import { registerAllocationRoutes } from './allocation-routes.js';
import { registerPopulationRoutes } from './population-routes.js';
import { registerSampleRoutes } from './sample-routes.js';

/** Planning an inspection (issue 5): eligible population, sample size, the draw, allocation and interviews. */
export function registerPlanningRoutes(router: Router, services: Services) {
  registerPopulationRoutes(router, services);
  registerSampleRoutes(router, services);
  registerAllocationRoutes(router, services);
}
