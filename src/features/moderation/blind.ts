import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import {
  firstAssessmentHiddenFrom,
  hiddenFirstAssessment as hidden,
  moderatesOpenCaseOf,
} from './second-assessment.js';

/**
 * Keeps the second assessment blind: its moderator is refused the case's pages and answers until both are
 * done. `except`: requests whose own statement applies the same rule (the answer save, blindSaveGuard).
 */
export function blindToFirstAssessment(services: Services, except?: (req: Request) => boolean): RequestHandler {
  return async (req, _res, next) => {
    if (except?.(req)) return next();
    const { caseId } = req.params as { caseId?: string };
    if (req.actor && caseId && (await firstAssessmentHiddenFrom(services.database.db, req.actor, caseId)))
      return next(new ForbiddenError(hidden));
    next();
  };
}

/** The cases behind a key question's figure are case-level: hidden while the actor moderates an open case. */
export function blindToCaseFigures(services: Services): RequestHandler {
  return async (req, _res, next) => {
    const { inspectionId } = req.params as { inspectionId?: string };
    if (req.actor && inspectionId && (await moderatesOpenCaseOf(services.database.db, req.actor, inspectionId)))
      return next(
        new ForbiddenError(
          'You are moderating cases of this inspection: the answers behind the figures are hidden from you until your moderation is complete.',
        ),
      );
    next();
  };
}
