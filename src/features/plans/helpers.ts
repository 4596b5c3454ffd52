import type { Request, Response } from 'express';
import { ragLabels, statusLabels } from '../../domain/plans/model.js';
import { ValidationError } from '../../platform/errors.js';
import { formErrors, type FormErrors } from '../../platform/web/forms.js';

/** What every plan page gets: the labels and tag colours of statuses and RAG. */
export const planLabels = {
  statusLabels,
  ragLabels,
  ragClasses: { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' },
  statusClasses: {
    notStarted: 'govuk-tag--grey',
    inProgress: 'govuk-tag--blue',
    completed: 'govuk-tag--green',
    ongoing: 'govuk-tag--light-blue',
    blocked: 'govuk-tag--red',
  },
  activeNav: 'plans',
};

export const planPath = (planId: string) => `/plans/${planId}`;

/**
 * Runs a form's save; on a validation error, renders the form again (status 400) with the errors and what was
 * typed. Anything else propagates to the error handler.
 */
export async function saveOrRedisplay(
  res: Response,
  save: () => Promise<string>,
  redisplay: (errors: FormErrors) => Promise<void>,
) {
  try {
    res.redirect(303, await save());
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    res.status(400);
    await redisplay(formErrors(error.fields));
  }
}

export type PlanRequest = Request<{ planId: string; areaId?: string; actionId?: string }>;
