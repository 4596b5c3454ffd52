import type { Request } from 'express';
import { ragLabels, statusLabels } from '../../domain/plans/model.js';

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

export type PlanRequest = Request<{ planId: string; areaId?: string; actionId?: string }>;
