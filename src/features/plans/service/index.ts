import type { Database } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import type { Mailer } from '../../../platform/mail.js';
import type { RatingService } from '../../ratings/index.js';
import { createPlanBoardService } from './board.js';
import { createPlanEditService } from './edits.js';
import { createPlanImpactService } from './impact.js';
import { createPlanService } from './plans.js';
import { createPlanReminderService } from './reminders.js';
import { createPlanTransferService } from './transfer.js';

/**
 * The improvement plan's services, one bag: the plan, its edits, the board's views, import/export, reminders
 * (their digest sent by the mailer).
 */
export function createPlanServices(
  db: Database,
  ratings: RatingService,
  clock: Clock = systemClock,
  mailer: Mailer | null = null,
) {
  const plans = createPlanService(db, clock);
  return {
    plans,
    edits: createPlanEditService(db, clock),
    board: createPlanBoardService(db, plans),
    transfer: createPlanTransferService(db, clock),
    reminders: createPlanReminderService(db, clock, mailer),
    impact: createPlanImpactService(db, ratings),
  };
}

export type PlanServices = ReturnType<typeof createPlanServices>;
