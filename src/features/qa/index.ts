import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import type { InspectionService } from '../inspections/index.js';
import type { FrameworkService } from '../frameworks/index.js';
import { createFeedbackService } from './feedback.js';
import { createProgrammeService } from './programmes.js';
import { createTrendService } from './trends.js';
import { createBoardReportService } from './board.js';

/** A service's own quality assurance: audit programmes and rounds, case managers' feedback, trends. */
export function createQaServices(
  db: Database,
  inspections: InspectionService,
  frameworks: FrameworkService,
  clock: Clock = systemClock,
) {
  const qaTrends = createTrendService(db);
  return {
    qaProgrammes: createProgrammeService(db, inspections, frameworks, clock),
    qaFeedback: createFeedbackService(db, clock),
    qaTrends,
    qaBoard: createBoardReportService(db, qaTrends),
  };
}
