import {
  addDays,
  isMonday,
  longDate,
  mondayOf,
  sameDayYearsBefore,
  weekdaysBetween,
  weekdaysFrom,
  type IsoDate,
} from '../dates.js';

/** The kinds of inspection (the database's list is checked against this one). */
export type InspectionKind = 'hmipInspection' | 'jointInspection' | 'mockInspection' | 'internalAudit';

/** A date and, in a line, the rule that gave it. */
export interface RuledDate {
  date: IsoDate;
  rule: string;
}

export interface ProposedTimeline {
  noticeDate: RuledDate;
  evidenceDue: RuledDate;
  arrival: RuledDate;
  fieldworkStart: RuledDate;
  secondWeekStart: RuledDate | null;
  fieldworkEnd: RuledDate;
  fieldworkDays: { dates: IsoDate[]; rule: string };
  caseWindowFrom: RuledDate;
  caseWindowTo: RuledDate;
}

/** What the case window covers, in the reports' words. */
export const caseWindowMeaning =
  'Court cases whose sentence or licence began, out-of-court disposals delivered, and resettlement cases sentenced or released, between these dates.';

/** HMIP and joint inspections arrive on a Monday; a mock inspection or an internal audit may start any day. */
export const mondayRequired = (kind: InspectionKind) => kind === 'hmipInspection' || kind === 'jointInspection';

/** Days in a fieldwork week: Monday to Friday (Ealing: "lasts 5 days"). */
export const daysPerWeek = 5;

/**
 * The fieldwork days: the weekdays of the first week (five, or to the end if sooner, and before a second
 * week), then those of the second week to the end; with no end, five weekdays a week.
 */
export function fieldworkDays(start: IsoDate, end?: IsoDate | null, secondWeekStart?: IsoDate | null): IsoDate[] {
  const firstWeek = weekdaysFrom(start, daysPerWeek);
  if (!secondWeekStart) return end ? weekdaysBetween(start, end) : firstWeek;
  const before = firstWeek.filter((day) => day < secondWeekStart && (!end || day <= end));
  const second = end ? weekdaysBetween(secondWeekStart, end) : weekdaysFrom(secondWeekStart, daysPerWeek);
  return [...before, ...second];
}

/** The last day of the first fieldwork week: a second week must start after it. */
export const firstWeekLastDay = (start: IsoDate): IsoDate => weekdaysFrom(start, daysPerWeek).at(-1)!;

/**
 * The second week implied by a fieldwork end after the first week: HMIP and joint fieldwork is one week or two
 * separate weeks (Hackney 2023), so it is the week of the end. A mock inspection or an audit may run on.
 */
export function impliedSecondWeek(kind: InspectionKind, start: IsoDate, end: IsoDate | null): IsoDate | null {
  return mondayRequired(kind) && end && end > firstWeekLastDay(start) ? mondayOf(end) : null;
}

/**
 * The timeline proposed from the fieldwork start, by the rules the seed reports show (Ealing: "4 weeks'
 * notice ... arrive on the Monday of the 5th week ... 5 days"; the case windows of Havering, Hackney,
 * Ealing and Southwark). Every date is a proposal: the inspection team may change any of them.
 */
export function proposeTimeline(input: {
  fieldworkStart: IsoDate;
  kind: InspectionKind;
  secondWeekStart?: IsoDate | null;
}): ProposedTimeline {
  const { fieldworkStart: start, kind } = input;
  const second = input.secondWeekStart ?? null;
  const onMonday = isMonday(start);
  const days = fieldworkDays(start, null, second);
  const windowTo = addDays(mondayOf(start), -10 * 7 + 4);
  return {
    noticeDate: {
      date: addDays(start, -28),
      rule: "Four weeks' notice: 28 days before fieldwork starts",
    },
    evidenceDue: {
      date: addDays(start, -14),
      rule: 'Our default, not a published rule: two weeks after notice, two weeks before fieldwork starts',
    },
    arrival: {
      date: start,
      rule: onMonday
        ? 'Inspectors arrive on the Monday of the fifth week after notice: the first fieldwork day'
        : 'Inspectors arrive on the first fieldwork day',
    },
    fieldworkStart: {
      date: start,
      rule: mondayRequired(kind)
        ? 'The Monday of the fifth week after notice (HMIP and joint inspections start on a Monday)'
        : 'Any day: a mock inspection or an internal audit need not start on a Monday',
    },
    secondWeekStart: second
      ? {
          date: second,
          rule: `A second, separate fieldwork week, after the first ends on ${longDate(firstWeekLastDay(start))}`,
        }
      : null,
    fieldworkEnd: {
      date: days.at(-1)!,
      rule: second ? 'The last weekday of the second fieldwork week' : 'The last weekday of the fieldwork week',
    },
    fieldworkDays: {
      dates: days,
      rule: second
        ? 'Monday to Friday of each of the two fieldwork weeks'
        : onMonday
          ? 'Monday to Friday of the fieldwork week'
          : 'Five weekdays from the fieldwork start',
    },
    caseWindowFrom: {
      date: addDays(sameDayYearsBefore(start, 1), 1),
      rule: 'The day after the same date a year before fieldwork starts',
    },
    caseWindowTo: {
      date: windowTo,
      rule: 'The Friday ten weeks before the week fieldwork starts',
    },
  };
}
