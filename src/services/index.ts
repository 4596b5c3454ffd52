import type { DatabaseHandle } from '../db/connect.js';
import { createAssessmentService } from './assessment.js';
import { createCaseService } from './cases.js';
import { createInspectionService } from './inspections.js';
import { createJudgementService } from './judgements.js';
import { createOrganisationService } from './organisations.js';
import { createRatingService } from './ratings.js';
import { createTimelineService } from './timeline.js';
import { createUserService } from './users.js';

/** The composition root of the services: the web app, the API and the CLI receive this bag. */
export function createServices(database: DatabaseHandle) {
  const { db } = database;
  const cases = createCaseService(db);
  return {
    database,
    users: createUserService(db),
    organisations: createOrganisationService(db),
    inspections: createInspectionService(db),
    cases,
    assessment: createAssessmentService(db, cases),
    ratings: createRatingService(db),
    judgements: createJudgementService(db),
    timeline: createTimelineService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
