import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Config } from '../config.js';
import type { Services } from '../services.js';
import { checksCredentialItself, registerApiRoutes } from './api/routes.js';
import { registerAssessmentRoutes } from '../../features/assessment/routes.js';
import { registerAuditRoutes } from '../../features/audit/routes.js';
import { registerAdminRoutes } from '../../features/admin/routes.js';
import { registerAccountRoutes } from '../../features/accounts/account.js';
import { registerAuthRoutes } from '../../features/accounts/routes.js';
import { registerPrivacyRoutes } from '../../features/privacy/routes.js';
import { registerCaseRoutes } from '../../features/cases/routes.js';
import { caseImportUpload } from '../../features/cases/upload.js';
import { registerJudgementRoutes } from '../../features/judgements/routes.js';
import { registerRatingRoutes } from '../../features/ratings/routes.js';
import { registerReportRoutes } from '../../features/report/routes.js';
import { registerHealthRoutes } from '../../features/health/routes.js';
import { registerInspectionRoutes } from '../../features/inspections/routes.js';
import { registerTimelineRoutes } from '../../features/timeline/routes.js';
import { registerPlanRoutes } from '../../features/plans/routes.js';
import { registerPlanFeedRoutes } from '../../features/plans/reminders.js';
import { planImportUpload } from '../../features/plans/upload.js';
import { registerPlanningRoutes } from '../../features/planning/routes.js';
import { blindToCaseFigures, blindToFirstAssessment } from '../../features/moderation/blind.js';
import { registerModerationRoutes } from '../../features/moderation/routes.js';
import { registerQaRoutes } from '../../features/qa/routes.js';
import { registerNationalRoutes } from '../../features/national/routes.js';
import { nationalUpload } from '../../features/national/upload.js';
import { registerFrameworkRoutes } from '../../features/frameworks/routes.js';
import { registerInvitationRoutes } from '../../features/team/invitation-routes.js';
import { registerTeamRoutes } from '../../features/team/routes.js';
import { populationUpload } from '../../features/planning/upload.js';
import { authenticate, csrf, requireSignIn } from './middleware/auth.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { permitsOnInspection } from './middleware/permits.js';
import { refuseUnstorableText } from './middleware/input.js';
import { language } from './middleware/language.js';
import { requestId, securityHeaders } from './middleware/security.js';
import { configureViews } from './nunjucks.js';
import { createLogger, requestLogger, type Logger } from '../logger.js';

const modulePath = (path: string) => fileURLToPath(new URL(`../../../node_modules/${path}`, import.meta.url));

export interface AppOptions {
  config: Pick<Config, 'production' | 'oidc'> & Partial<Pick<Config, 'reloadTemplates' | 'logLevel'>>;
  /** The process's logger; without one, a logger at the config's level (silent if none is given). */
  logger?: Logger;
  /** Signs CSRF tokens; kept in the database so that it survives restarts. */
  secret: string;
}

/** The web application: pages and API, from the services bag. Middleware in one readable order. */
export function createApp(services: Services, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on pages and API answers: they are never cached (Cache-Control: no-store, security.ts), and the tag
  // was a hash of every response body (0.4 ms of a 167 KB page). Static files keep theirs (express.static's own).
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  const views = configureViews(app, { reloadTemplates: Boolean(options.config.reloadTemplates) });
  views.addGlobal('serviceName', 'yj-inspect');

  app.use(requestId);
  app.use(requestLogger(options.logger ?? createLogger(options.config.logLevel ?? 'silent')));
  app.use(securityHeaders(options.config.production));
  registerHealthRoutes(app, services);
  app.use('/assets', express.static(modulePath('govuk-frontend/dist/govuk/assets'), { maxAge: '1d' }));
  app.use('/assets/moj', express.static(modulePath('@ministryofjustice/frontend/moj/assets'), { maxAge: '1d' }));
  app.use(
    '/stylesheets/govuk-frontend.min.css',
    express.static(modulePath('govuk-frontend/dist/govuk/govuk-frontend.min.css'), { maxAge: '1d' }),
  );
  app.use(
    '/stylesheets/moj-frontend.min.css',
    express.static(modulePath('@ministryofjustice/frontend/moj/moj-frontend.min.css'), { maxAge: '1d' }),
  );
  app.use(
    '/javascripts/govuk-frontend.min.js',
    express.static(modulePath('govuk-frontend/dist/govuk/govuk-frontend.min.js'), { maxAge: '1d' }),
  );
  app.use(
    '/public',
    express.static(fileURLToPath(new URL('../../../src/platform/web/public', import.meta.url)), { maxAge: '1d' }),
  );
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 5_000 }));
  app.use(express.json({ limit: '1mb' }));
  const checkedWrites = checksCredentialItself(services);
  app.use(authenticate(services, { checksCredentialItself: checkedWrites }));
  // The one multipart form (case import): read before the CSRF check, which needs its _csrf field.
  app.use(caseImportUpload);
  app.use(planImportUpload);
  app.use(populationUpload);
  app.use(nationalUpload);
  app.use(csrf(options.secret, options.config.production));
  app.use(refuseUnstorableText);
  app.use((_req, res, next) => {
    res.locals.production = options.config.production;
    // Outside an inspection's pages nothing is offered by this check; those pages set their own.
    res.locals.permits = () => false;
    next();
  });

  const api = express.Router();
  // The answer save applies the blind rule in its own statement (blindSaveGuard), without a round trip of its own.
  api.use('/inspections/:inspectionId/cases/:caseId', blindToFirstAssessment(services, checkedWrites));
  registerApiRoutes(api, services);
  app.use('/api/v1', api);
  // Anything else under /api is a JSON 404, never the sign-in page.
  app.use('/api', notFound);

  // Pages only: the API speaks English (docs/welsh.md).
  app.use(
    language({
      production: options.config.production,
      remember: (req, chosen) => services.users.setLanguage(req.actor!, chosen),
    }),
  );
  registerAuthRoutes(app, services, { ...options.config, secret: options.secret });
  registerPlanFeedRoutes(app, services);
  registerInvitationRoutes(app, services, options.config.oidc ? { singleSignOn: options.config.oidc.name } : {});
  const pages = express.Router();
  pages.use(requireSignIn(services));
  registerAccountRoutes(pages, services, options.config.production);
  registerAdminRoutes(pages, services);
  registerPrivacyRoutes(pages, services);
  // What the viewer may do on the inspection, for its pages' links, buttons and forms.
  pages.use('/inspections/:inspectionId', permitsOnInspection(services));
  registerInspectionRoutes(pages, services);
  pages.use('/inspections/:inspectionId/cases/:caseId', blindToFirstAssessment(services));
  pages.use(
    '/inspections/:inspectionId/ratings/:standardId/key-questions/:keyQuestionId',
    blindToCaseFigures(services),
  );
  registerCaseRoutes(pages, services);
  registerAssessmentRoutes(pages, services);
  registerJudgementRoutes(pages, services);
  registerRatingRoutes(pages, services);
  registerReportRoutes(pages, services);
  registerTimelineRoutes(pages, services);
  registerPlanRoutes(pages, services);
  registerPlanningRoutes(pages, services);
  registerQaRoutes(pages, services);
  registerNationalRoutes(pages, services);
  registerFrameworkRoutes(pages, services);
  registerAuditRoutes(pages, services);
  registerModerationRoutes(pages, services);
  registerTeamRoutes(pages, services);
  app.use(pages);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
