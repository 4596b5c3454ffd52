import type { Database } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import type { RatingService } from '../../ratings/index.js';
import { createRedactionService } from './redaction.js';
import { createRetentionService } from './retention.js';
import { createUserExportService } from './user-export.js';

/** Privacy: how long case data is kept, what is held about a user, and redacting personal data. */
export function createPrivacyService(db: Database, ratings: RatingService, clock: Clock = systemClock) {
  return {
    ...createRetentionService(db, ratings, clock),
    ...createUserExportService(db, clock),
    ...createRedactionService(db),
  };
}
