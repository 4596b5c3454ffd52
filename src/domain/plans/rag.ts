import type { IsoDate } from '../dates.js';
import type { ActionDates, Rag } from './model.js';
import { addMonths } from './months.js';

/**
 * RAG worked out from status and dates, as of a date (never the clock: a report as of a past date gives the
 * same answer tomorrow). In order, the first rule that holds:
 * 1. completed: green;
 * 2. a target date before the day (overdue): red;
 * 3. blocked: amber;
 * 4. not started, and due within a month (target on or before the same day next month): amber;
 * 5. not started, and its commencement date has passed: amber (it should have begun);
 * 6. otherwise green (in progress or ongoing and not overdue; not started and not yet due to begin).
 */
export interface RagResult {
  rag: Rag;
  reason: string;
}

export function ragOf(action: ActionDates, asOf: IsoDate): RagResult {
  if (action.status === 'completed') return { rag: 'green', reason: 'Completed' };
  if (action.targetDate && action.targetDate < asOf) return { rag: 'red', reason: 'Overdue' };
  if (action.status === 'blocked') return { rag: 'amber', reason: 'Blocked' };
  if (action.status === 'notStarted') {
    if (action.targetDate && action.targetDate <= addMonths(asOf, 1))
      return { rag: 'amber', reason: 'Due within a month and not started' };
    if (action.commencementDate && action.commencementDate < asOf)
      return { rag: 'amber', reason: 'Not started by its commencement date' };
    return { rag: 'green', reason: 'Not yet due to start' };
  }
  return { rag: 'green', reason: action.status === 'ongoing' ? 'Ongoing' : 'On track' };
}

/** Whether an action is overdue on the day: not completed and its target date has passed. */
export const isOverdue = (action: ActionDates, asOf: IsoDate) =>
  action.status !== 'completed' && action.targetDate !== null && action.targetDate < asOf;

/** Due between the day and `withinDays` later, and not completed. */
export function isDueSoon(action: ActionDates, asOf: IsoDate, until: IsoDate) {
  return (
    action.status !== 'completed' &&
    action.targetDate !== null &&
    action.targetDate >= asOf &&
    action.targetDate <= until
  );
}
