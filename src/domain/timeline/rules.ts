import { addDays, isMonday, longDate, type IsoDate } from '../dates.js';
import { firstWeekLastDay, mondayRequired, type InspectionKind } from './propose.js';

/** The dates of a timeline the team may set; null: not set. */
export const timelineFields = [
  'noticeDate',
  'evidenceDue',
  'fieldworkStart',
  'secondWeekStart',
  'fieldworkEnd',
  'caseWindowFrom',
  'caseWindowTo',
] as const;
export type TimelineField = (typeof timelineFields)[number];
export type TimelineDates = Record<TimelineField, IsoDate | null>;

export const timelineFieldLabels: Record<TimelineField, string> = {
  noticeDate: 'Notice date',
  evidenceDue: 'Evidence in advance due',
  fieldworkStart: 'Fieldwork start',
  secondWeekStart: 'Second fieldwork week start',
  fieldworkEnd: 'Fieldwork end',
  caseWindowFrom: 'Case window start',
  caseWindowTo: 'Case window end',
};

/** Fieldwork never runs on for more than six weeks from the start of its last week. */
const longestLastWeekDays = 6 * 7;

/**
 * What is wrong with a timeline's order, by field: the first problem of each. Dates compare as ISO strings.
 * Each message names the other date, which may be one the user left to the proposal.
 */
export function timelineProblems(dates: TimelineDates, kind: InspectionKind): Partial<Record<TimelineField, string>> {
  const problems: Partial<Record<TimelineField, string>> = {};
  const add = (field: TimelineField, message: string) => (problems[field] ??= message);
  const { noticeDate: notice, evidenceDue: evidence, fieldworkStart: start, secondWeekStart: second } = dates;
  const { fieldworkEnd: end, caseWindowFrom: from, caseWindowTo: to } = dates;

  if (start && mondayRequired(kind) && !isMonday(start))
    add('fieldworkStart', 'Fieldwork start must be a Monday: inspectors arrive on the Monday of the fifth week');
  if (second && mondayRequired(kind) && !isMonday(second))
    add('secondWeekStart', 'Second fieldwork week must start on a Monday');
  if (second && !start) add('secondWeekStart', 'Enter the fieldwork start before a second fieldwork week');
  if (second && start && second <= firstWeekLastDay(start))
    add(
      'secondWeekStart',
      `Second fieldwork week must start after the first week ends on ${longDate(firstWeekLastDay(start))}`,
    );

  if (notice && start && notice >= start)
    add('noticeDate', `Notice date must be before fieldwork starts on ${longDate(start)}`);
  if (evidence && notice && evidence <= notice)
    add('evidenceDue', `Evidence in advance must be due after the notice date, ${longDate(notice)}`);
  if (evidence && start && evidence >= start)
    add('evidenceDue', `Evidence in advance must be due before fieldwork starts on ${longDate(start)}`);

  if (end && start && end < start)
    add('fieldworkEnd', `Fieldwork end must be the same as or after fieldwork start, ${longDate(start)}`);
  if (end && second && start && second > firstWeekLastDay(start) && end < second)
    add('fieldworkEnd', `Fieldwork end must be in the second fieldwork week, which starts on ${longDate(second)}`);
  const lastWeek = second ?? start;
  if (end && lastWeek && end > addDays(lastWeek, longestLastWeekDays))
    add('fieldworkEnd', `Fieldwork end must be no more than six weeks after ${longDate(lastWeek)}`);

  if (from && to && to < from)
    add('caseWindowTo', `Case window end must be the same as or after its start, ${longDate(from)}`);
  if (to && start && to >= start)
    add('caseWindowTo', `Case window end must be before fieldwork starts on ${longDate(start)}`);
  if (from && start && from >= start)
    add('caseWindowFrom', `Case window start must be before fieldwork starts on ${longDate(start)}`);
  return problems;
}
