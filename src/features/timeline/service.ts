import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { inspections } from '../../platform/db/core-tables.js';
import {
  caseWindowMeaning,
  fieldworkDays,
  impliedSecondWeek,
  isIsoDate,
  longDate,
  mondayRequired,
  daysBetween,
  proposeTimeline,
  timelineFieldLabels,
  timelineFields,
  timelineProblems,
  type IsoDate,
  type ProposedTimeline,
  type TimelineDates,
  type TimelineField,
} from '../../domain/timeline/index.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { inspectionWith } from '../../policy/policy.js';
import { validated } from '../../platform/field-errors.js';
import { ValidationError } from '../../platform/errors.js';

type Inspection = typeof inspections.$inferSelect;

/** A date of the timeline as shown: stored by the team, or proposed by the rules (or not known yet). */
export interface TimelineEntry {
  date: IsoDate | null;
  proposed: boolean;
  rule: string;
}

const optionalDate = (field: TimelineField) =>
  z
    .string()
    .refine(isIsoDate, `${timelineFieldLabels[field]} must be a real date`)
    .nullish()
    .transform((value) => value ?? null);
const timelineInputSchema = z.object(
  Object.fromEntries(timelineFields.map((field) => [field, optionalDate(field)])) as Record<
    TimelineField,
    ReturnType<typeof optionalDate>
  >,
);
export type TimelineInput = Partial<Record<TimelineField, string | null | undefined>>;

const noDates = Object.fromEntries(timelineFields.map((field) => [field, null])) as TimelineDates;

const storedDates = (inspection: Inspection): TimelineDates =>
  Object.fromEntries(timelineFields.map((field) => [field, inspection[field]])) as TimelineDates;

const proposalFor = (dates: TimelineDates, kind: Inspection['kind']) =>
  dates.fieldworkStart
    ? proposeTimeline({
        fieldworkStart: dates.fieldworkStart,
        kind,
        secondWeekStart: dates.secondWeekStart ?? impliedSecondWeek(kind, dates.fieldworkStart, dates.fieldworkEnd),
      })
    : null;

/** The stored dates, with the proposal for each one left unset. */
function effectiveDates(dates: TimelineDates, proposal: ProposedTimeline | null): TimelineDates {
  const effective = { ...dates };
  for (const field of timelineFields) effective[field] ??= proposal?.[field]?.date ?? null;
  return effective;
}

/** The inspection's timeline: each date stored or proposed, with its rule; the fieldwork days and weeks. */
export function timelineOf(inspection: Inspection) {
  const stored = storedDates(inspection);
  const proposal = proposalFor(stored, inspection.kind);
  const effective = effectiveDates(stored, proposal);
  const entry = (field: TimelineField): TimelineEntry => {
    const rule = proposal?.[field];
    if (stored[field]) {
      const differs = rule && rule.date !== stored[field];
      return {
        date: stored[field],
        proposed: false,
        rule: differs
          ? `Set by the team (proposed: ${longDate(rule.date)}). ${rule.rule}`
          : (rule?.rule ?? 'Set by the team'),
      };
    }
    if (field === 'secondWeekStart')
      return rule
        ? {
            date: rule.date,
            proposed: true,
            rule: 'The week of the fieldwork end: fieldwork is one week or two separate weeks',
          }
        : { date: null, proposed: false, rule: 'One fieldwork week; add a second, separate week if there is one' };
    if (!rule) return { date: null, proposed: false, rule: 'Enter the fieldwork start to propose this date' };
    return { date: rule.date, proposed: true, rule: rule.rule };
  };
  const days = effective.fieldworkStart
    ? fieldworkDays(effective.fieldworkStart, effective.fieldworkEnd, effective.secondWeekStart)
    : [];
  // Fieldwork periods: runs of weekdays with no gap longer than a weekend (Hackney: two separate weeks).
  const periods: IsoDate[][] = [];
  for (const day of days) {
    const current = periods.at(-1);
    if (current && daysBetween(current.at(-1)!, day) <= 3) current.push(day);
    else periods.push([day]);
  }
  const dates = Object.fromEntries(timelineFields.map((field) => [field, entry(field)])) as Record<
    TimelineField,
    TimelineEntry
  >;
  return {
    inspection: { id: inspection.id, title: inspection.title, kind: inspection.kind },
    mondayRequired: mondayRequired(inspection.kind),
    dates,
    arrival: proposal?.arrival ?? null,
    fieldworkDays: days,
    fieldworkPeriods: periods.map((period) => ({ first: period[0]!, last: period.at(-1)!, days: period.length })),
    caseWindowMeaning,
    /** Every date stored (the second week is optional), none left to a proposal. */
    complete:
      timelineFields.every((field) => field === 'secondWeekStart' || stored[field] !== null) &&
      !Object.values(dates).some((entry) => entry.proposed),
  };
}
export type Timeline = ReturnType<typeof timelineOf>;

function parseInput(input: TimelineInput): TimelineDates {
  const parsed = validated(timelineInputSchema, input);
  return parsed;
}

export function createTimelineService(db: Database) {
  return {
    async timeline(actor: Actor, inspectionId: string) {
      return timelineOf(await inspectionWith(db, actor, inspectionId, 'inspection.view'));
    },

    /**
     * Every date proposed from a fieldwork start and second week not yet saved, to fill the form. A typed end
     * after the first week keeps its second week (HMIP and joint); the other typed dates are replaced.
     */
    async propose(
      actor: Actor,
      inspectionId: string,
      input: Pick<TimelineInput, 'fieldworkStart' | 'secondWeekStart' | 'fieldworkEnd'>,
    ) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const given = parseInput({ fieldworkStart: input.fieldworkStart, secondWeekStart: input.secondWeekStart });
      if (!given.fieldworkStart)
        throw new ValidationError({ fieldworkStart: 'Enter the fieldwork start to propose the other dates' });
      const end = input.fieldworkEnd && isIsoDate(input.fieldworkEnd) ? input.fieldworkEnd : null;
      const start = {
        ...noDates,
        fieldworkStart: given.fieldworkStart,
        secondWeekStart: given.secondWeekStart ?? impliedSecondWeek(inspection.kind, given.fieldworkStart, end),
      };
      const problems = timelineProblems(start, inspection.kind);
      if (Object.keys(problems).length) throw new ValidationError(problems);
      return effectiveDates(start, proposalFor(start, inspection.kind));
    },

    /**
     * Saves the timeline: a date left empty follows the proposal. The order is checked on the dates as they
     * will be shown (stored or proposed), so that a saved timeline never contradicts itself.
     */
    async saveTimeline(actor: Actor, inspectionId: string, input: TimelineInput) {
      const before = await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const given = parseInput(input);
      const proposal = proposalFor(given, before.kind);
      const problems = timelineProblems(effectiveDates(given, proposal), before.kind);
      for (const field of Object.keys(problems) as TimelineField[]) {
        const proposed = !given[field] && proposal?.[field];
        if (proposed) problems[field] = `${problems[field]} (the proposed date is ${longDate(proposed.date)})`;
      }
      if (Object.keys(problems).length) throw new ValidationError(problems);
      await db.transaction(async (tx) => {
        await tx.update(inspections).set(given).where(eq(inspections.id, inspectionId));
        await recordAudit(tx, actor, {
          action: 'inspection.timeline',
          subjectType: 'inspection',
          subjectId: inspectionId,
          inspectionId,
          before: storedDates(before),
          after: given,
        });
      });
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
