import type { DatabaseHandle } from '../db/connect.js';
import { createAssessmentService } from './assessment.js';
import { createAuditTrailService } from './audit-trail.js';
import { createCaseService } from './cases.js';
import { createInspectionService } from './inspections.js';
import { createJudgementService } from './judgements.js';
import { createOrganisationService } from './organisations.js';
import { createPlanningService } from './planning/index.js';
import { createPlanServices } from './plans/index.js';
import { createPrivacyService } from './privacy/index.js';
import { createRatingService } from './ratings.js';
import { createReportService } from './report/index.js';
import { createTimelineService } from './timeline.js';
import { createAccountServices } from './accounts/index.js';

/** The composition root of the services: the web app, the API and the CLI receive this bag. */
export function createServices(database: DatabaseHandle) {
  const { db } = database;
  const cases = createCaseService(db);
  return {
    database,
    ...createAccountServices(db),
    organisations: createOrganisationService(db),
    plans: createPlanServices(db),
    inspections: createInspectionService(db),
    cases,
    assessment: createAssessmentService(db, cases),
    ratings: createRatingService(db),
    privacy: createPrivacyService(db, createRatingService(db)),
    report: createReportService(db),
    judgements: createJudgementService(db),
    timeline: createTimelineService(db),
    auditTrail: createAuditTrailService(db, cases),
    planning: createPlanningService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
