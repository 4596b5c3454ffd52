import type { Router } from 'express';
import type { Services } from '../../services/index.js';

/** The JSON API under /api/v1: bearer tokens, JSON errors with the field at fault. */
export function registerApiRoutes(_router: Router, _services: Services) {
  // Filled in by the API's own work.
}
