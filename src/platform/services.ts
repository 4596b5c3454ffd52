import type { DatabaseHandle } from './db/connect.js';
import { createLogger, type Logger } from './logger.js';
import { systemClock, type Clock } from './clock.js';
import { loadConfig, type Config } from './config.js';
import type { Mailer } from './mail.js';
import { createPdfRenderer, type PdfRenderer } from './pdf.js';
import { createPasswords, type Passwords } from './passwords.js';
import { createAssessmentService } from '../features/assessment/service.js';
import { createCaseWork } from '../features/assessment/case-work.js';
import { createAuditTrailService } from '../features/audit/service.js';
import { createCaseService } from '../features/cases/service.js';
import { createInspectionService } from '../features/inspections/service.js';
import { createStageService } from '../features/inspections/stages.js';
import { createJudgementService } from '../features/judgements/service.js';
import { createOrganisationService } from '../features/admin/organisations.js';
import { createUserInvitationService } from '../features/admin/invite.js';
import { createPlanningService } from '../features/planning/service/index.js';
import { createPlanServices } from '../features/plans/service/index.js';
import { createPrivacyService } from '../features/privacy/service/index.js';
import { createRatingService } from '../features/ratings/service.js';
import { createPanelMeetingService } from '../features/ratings/panel-meetings.js';
import { createReportService } from '../features/report/service/index.js';
import { createTimelineService } from '../features/timeline/service.js';
import { createAccountServices } from '../features/accounts/service/index.js';
import { blindSaveGuard, createModerationService } from '../features/moderation/index.js';
import { createQaServices } from '../features/qa/index.js';
import { createNationalServices } from '../features/national/index.js';
import { createFrameworkService } from '../features/frameworks/index.js';
import { createInvitationService } from '../features/team/invitations.js';
import { createTeamService } from '../features/team/service.js';

/**
 * The composition root of the services: the web app, the API and the CLI receive this bag. The clock is every
 * service's and route's "now" (the system clock unless a test passes a fixed one). The PDF renderer prints every
 * PDF (the report, the plan's and the QA board's reports); without one given, one for config's Chromium. The
 * mailer sends invitations and the plan digest; without one (no YJ_SMTP_URL) the link is shown to whoever
 * invited. Invitation links start with publicUrl when it is set, else with the address the inviter's browser
 * used, else (the API, the command line) with localUrl.
 */
export function createServices(
  database: DatabaseHandle,
  built: {
    logger?: Logger;
    pdf?: PdfRenderer;
    mailer?: Mailer | null;
    clock?: Clock;
    passwords?: Passwords;
    publicUrl?: string;
    localUrl?: string;
  } = {},
) {
  const { db } = database;
  const clock = built.clock ?? systemClock;
  // Built from the configuration unless given: the PDF renderer, and the passwords' hashing cost (OWASP's
  // unless YJ_PASSWORD_HASH_* say otherwise, as the tests do).
  let config: Config | undefined;
  const configured = () => (config ??= loadConfig());
  const pdf = built.pdf ?? createPdfRenderer(configured());
  const passwords = built.passwords ?? createPasswords(configured().passwordHashing);
  const mailer = built.mailer ?? null;
  const cases = createCaseService(db);
  const ratings = createRatingService(db);
  const assessment = createAssessmentService(db, cases, { saveGuard: blindSaveGuard(db), clock });
  const inspections = createInspectionService(db);
  const frameworks = createFrameworkService(db);
  // An invitation email is written in its recipient's language (else the inviter's page language).
  const invitations = createInvitationService(
    db,
    mailer,
    {
      ...(built.publicUrl && { publicUrl: built.publicUrl }),
      localUrl: built.localUrl ?? 'http://localhost:3000',
    },
    passwords,
    clock,
  );
  return {
    database,
    logger: built.logger ?? createLogger('silent'),
    clock,
    pdf,
    ...createAccountServices(db, passwords, clock),
    organisations: createOrganisationService(db),
    plans: createPlanServices(db, ratings, clock, mailer),
    inspections,
    cases,
    assessment,
    caseWork: createCaseWork(db, assessment, clock),
    ratings,
    privacy: createPrivacyService(db, ratings, clock),
    report: createReportService(db, ratings, pdf, clock),
    stages: createStageService(db, cases, ratings),
    panelMeetings: createPanelMeetingService(db, ratings),
    judgements: createJudgementService(db, clock),
    timeline: createTimelineService(db),
    auditTrail: createAuditTrailService(db, cases),
    planning: createPlanningService(db, clock),
    moderation: createModerationService(db, ratings, clock),
    frameworks,
    ...createQaServices(db, inspections, frameworks, clock),
    invitations,
    team: createTeamService(db, invitations, clock),
    userInvitations: createUserInvitationService(db, invitations, clock),
    ...createNationalServices(db),
  };
}

export type Services = ReturnType<typeof createServices>;
