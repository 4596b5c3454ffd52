import type { DatabaseHandle } from './db/connect.js';
import { createAssessmentService } from '../features/assessment/service.js';
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
import { createQaServices } from '../features/qa/index.js';
import { createFrameworkService } from '../features/frameworks/index.js';

/** The composition root of the services: the web app, the API and the CLI receive this bag. */
export function createServices(database: DatabaseHandle) {
  const { db } = database;
  const cases = createCaseService(db);
  const inspections = createInspectionService(db);
  const frameworks = createFrameworkService(db);
  return {
    database,
    ...createAccountServices(db),
    organisations: createOrganisationService(db),
    plans: createPlanServices(db),
    inspections,
    cases,
    assessment: createAssessmentService(db, cases),
    ratings: createRatingService(db),
    privacy: createPrivacyService(db, createRatingService(db)),
    report: createReportService(db),
    judgements: createJudgementService(db),
    timeline: createTimelineService(db),
    auditTrail: createAuditTrailService(db, cases),
    planning: createPlanningService(db),
    frameworks,
    ...createQaServices(db, inspections, frameworks),
  };
}

export type Services = ReturnType<typeof createServices>;
