import type { Database } from '../../../platform/db/connect.js';
import type { RatingService } from '../../ratings/index.js';
import { createRetentionService } from './retention.js';
import { createUserExportService } from './user-export.js';

/** Privacy: how long case data is kept, and what is held about a user. */
export function createPrivacyService(db: Database, ratings: RatingService) {
  return { ...createRetentionService(db, ratings), ...createUserExportService(db) };
}
