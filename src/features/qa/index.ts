import type { Database } from '../../platform/db/connect.js';
import type { InspectionService } from '../inspections/index.js';
import type { FrameworkService } from '../frameworks/index.js';
import { createFeedbackService } from './feedback.js';
import { createProgrammeService } from './programmes.js';
import { createTrendService } from './trends.js';
import { createBoardReportService } from './board.js';

/** A service's own quality assurance: audit programmes and rounds, case managers' feedback, trends. */
export function createQaServices(db: Database, inspections: InspectionService, frameworks: FrameworkService) {
  const qaTrends = createTrendService(db);
  return {
    qaProgrammes: createProgrammeService(db, inspections, frameworks),
    qaFeedback: createFeedbackService(db),
    qaTrends,
    qaBoard: createBoardReportService(db, qaTrends),
  };
}
