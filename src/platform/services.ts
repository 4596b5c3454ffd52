import type { DatabaseHandle } from './db/connect.js';
import { createLogger, type Logger } from './logger.js';
import { createAssessmentService } from '../features/assessment/service.js';
import { createCaseWork } from '../features/assessment/case-work.js';
import { createAuditTrailService } from '../features/audit/service.js';
import { createCaseService } from '../features/cases/service.js';
import { createInspectionService } from '../features/inspections/service.js';
import { createJudgementService } from '../features/judgements/service.js';
import { createOrganisationService } from '../features/admin/organisations.js';
import { createPlanningService } from '../features/planning/service/index.js';
import { createPlanServices } from '../features/plans/service/index.js';
import { createPrivacyService } from '../features/privacy/service/index.js';
import { createRatingService } from '../features/ratings/service.js';
import { createReportService } from '../features/report/service/index.js';
import { createTimelineService } from '../features/timeline/service.js';
import { createAccountServices } from '../features/accounts/service/index.js';
import { createModerationService } from '../features/moderation/index.js';
import { createQaServices } from '../features/qa/index.js';
import { createNationalServices } from '../features/national/index.js';
import { createFrameworkService } from '../features/frameworks/index.js';

/** The composition root of the services: the web app, the API and the CLI receive this bag. */
export function createServices(database: DatabaseHandle, built: { logger?: Logger } = {}) {
  const { db } = database;
  const cases = createCaseService(db);
  const ratings = createRatingService(db);
  const assessment = createAssessmentService(db, cases);
  const inspections = createInspectionService(db);
  const frameworks = createFrameworkService(db);
  return {
    database,
    logger: built.logger ?? createLogger('silent'),
    ...createAccountServices(db),
    organisations: createOrganisationService(db),
    plans: createPlanServices(db, ratings),
    inspections,
    cases,
    assessment,
    caseWork: createCaseWork(db, assessment),
    ratings,
    privacy: createPrivacyService(db, ratings),
    report: createReportService(db, ratings),
    judgements: createJudgementService(db),
    timeline: createTimelineService(db),
    auditTrail: createAuditTrailService(db, cases),
    planning: createPlanningService(db),
    moderation: createModerationService(db, ratings),
    frameworks,
    ...createQaServices(db, inspections, frameworks),
    ...createNationalServices(db),
  };
}

export type Services = ReturnType<typeof createServices>;
