import type { Router } from 'express';
import type { Services } from '../../../services/index.js';

export function registerCaseRoutes(_router: Router, _services: Services) {
  // Filled in by the feature's own work.
}
