import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import type { RatingService } from '../ratings/index.js';
import { createComparisonService } from './comparison.js';
import { createSecondAssessmentService } from './second-assessment.js';
import { createSelectionService } from './selection.js';

/** Moderation: blind double assessment of chosen cases, agreement between assessors, reconciliation. */
export function createModerationService(db: Database, ratings: RatingService, clock: Clock = systemClock) {
  return {
    ...createSelectionService(db),
    ...createSecondAssessmentService(db, clock),
    ...createComparisonService(db, ratings),
  };
}
export type ModerationService = ReturnType<typeof createModerationService>;

export { moderationSummary } from './comparison.js';
export { blindSaveGuard } from './second-assessment.js';
export { firstAssessmentHiddenFrom } from './second-assessment.js';
export { agreementOverRounds } from './view-model.js';
