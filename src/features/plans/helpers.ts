import type { Request } from 'express';
import { ragLabels, statusLabels } from '../../domain/plans/model.js';
import { t } from '../../platform/i18n/index.js';
import { recommendationActorDomains } from './service/plans.js';

/** The words yj-inspect itself wrote into a plan made from recommendations (its headings and sources). */
const generatedWords = new Set([...Object.values(recommendationActorDomains), 'Recommendations']);

/**
 * A plan's heading or source as shown: in the page's language where yj-inspect wrote it ("The police",
 * "Recommendation 2"), as the service wrote it otherwise.
 */
export const planWord = (value: string): string =>
  generatedWords.has(value) || /^Recommendation \d+$/.test(value) ? t(value) : value;

/** A progress note as shown: the notes yj-inspect writes itself in the page's language, people's as written. */
export const noteText = (note: string): string =>
  note === 'Action added to the plan' || /^Imported status: ".*"$/s.test(note) ? t(note) : note;

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
  planWord,
  noteText,
};

export const planPath = (planId: string) => `/plans/${planId}`;

export type PlanRequest = Request<{ planId: string; areaId?: string; actionId?: string }>;
