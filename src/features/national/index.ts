import type { Database } from '../../platform/db/connect.js';
import { createNationalService } from './service.js';

/** HMIP's published national ratings: imported by an administrator, shown beside a service's own figures. */
export const createNationalServices = (db: Database) => ({ national: createNationalService(db) });
export type { NationalService } from './service.js';
export { shippedNationalFile } from './shipped.js';
