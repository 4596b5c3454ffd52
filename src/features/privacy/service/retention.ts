import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { answers, cases, inspections, organisations } from '../../../platform/db/core-tables.js';
import type { KeyQuestionFigure } from '../../../domain/rating/types.js';
import { londonDate } from '../../../domain/dates.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { can, organisationWith, rolesFor } from '../../../policy/policy.js';
import { keepRatingSnapshot, type RatingService } from '../../ratings/index.js';

/**
 * Retention: a service keeps its inspections' case-level data (cases and their answers) for a number of months
 * after fieldwork ends, once the inspection is published; then the retention job deletes it. The ratings stay:
 * the key-question figures are kept first (rating_snapshots), and the ratings page rates from them. Judgements,
 * discretion, the report and the audit trail are not case-level and stay too.
 */
/** Months as typed: empty keeps case data; otherwise a whole number of months, 1 to 1200. */
const retentionMonthsSchema = z
  .string()
  .trim()
  .transform((text) => (text === '' ? null : text))
  .pipe(
    z
      .string()
      .regex(/^\d+$/, 'Enter the number of months as a whole number, like 24')
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, 'Enter 1 month or more, or leave it empty to keep case data')
          .max(1200, 'Enter 1200 months or fewer'),
      )
      .nullable(),
  );

/** The job runs as the system: it must rate every inspection, whoever's it is. */
const system: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'system',
  displayName: 'Retention job',
  isAdmin: true,
};

export interface ExpiredInspection {
  id: string;
  title: string;
  service: string;
  fieldworkEnd: string;
  retentionMonths: number;
  cases: number;
  answers: number;
}

/** Who may set a service's retention: the policy's 'retention.set'. */
async function demandRetentionSetter(db: Queryable, actor: Actor, organisationId: string) {
  await organisationWith(db, actor, organisationId, 'retention.set');
}

export function createRetentionService(db: Database, ratings: RatingService, clock: Clock = systemClock) {
  async function expired(): Promise<ExpiredInspection[]> {
    // Today in England and Wales by the clock, not the database's current_date (a UTC day on most servers).
    const today = londonDate(clock.now());
    const ended = sql<string>`coalesce(${inspections.fieldworkEnd}, ${inspections.fieldworkStart})`;
    const rows = await db
      .select({
        id: inspections.id,
        title: inspections.title,
        service: organisations.name,
        fieldworkEnd: ended,
        retentionMonths: sql<number>`${organisations.retentionMonths}`,
      })
      .from(inspections)
      .innerJoin(organisations, eq(organisations.id, inspections.organisationId))
      .where(
        and(
          eq(inspections.status, 'published'),
          isNull(inspections.caseDataDeletedAt),
          sql`${organisations.retentionMonths} is not null`,
          sql`${ended} + make_interval(months => ${organisations.retentionMonths}) < ${today}::date`,
        ),
      )
      .orderBy(asc(ended));
    const result: ExpiredInspection[] = [];
    for (const row of rows) {
      const [caseCount] = await db.select({ n: count() }).from(cases).where(eq(cases.inspectionId, row.id));
      const [answerCount] = await db
        .select({ n: count() })
        .from(answers)
        .innerJoin(cases, eq(cases.id, answers.caseId))
        .where(eq(cases.inspectionId, row.id));
      result.push({
        ...row,
        fieldworkEnd: String(row.fieldworkEnd).slice(0, 10),
        cases: caseCount!.n,
        answers: answerCount!.n,
      });
    }
    return result;
  }

  /** The figures the ratings rest on, by case-based standard, so that they can be rated again without the cases. */
  async function keyQuestionFiguresOf(inspectionId: string) {
    const rating = await ratings.ratings(system, inspectionId);
    const figures: Record<string, KeyQuestionFigure[]> = {};
    for (const standard of rating.standards)
      if (standard.source === 'cases')
        figures[standard.id] = standard.keyQuestions.map((k) => ({ relevant: k.relevant ?? 0, yes: k.yes ?? 0 }));
    return { figures, rating };
  }

  return {
    /** The services whose retention the actor may set, with the setting now. */
    async settings(actor: Actor) {
      const rows = await db.select().from(organisations).orderBy(asc(organisations.name));
      const mine = [];
      for (const o of rows) {
        const roles = await rolesFor(db, actor, { organisationId: o.id });
        if (can(roles, 'retention.set')) mine.push({ id: o.id, name: o.name, retentionMonths: o.retentionMonths });
      }
      return mine;
    },

    async setRetention(actor: Actor, organisationId: string, input: { months?: unknown }) {
      await demandRetentionSetter(db, actor, organisationId);
      const parsed = retentionMonthsSchema.safeParse(
        typeof input.months === 'number' ? String(input.months) : (input.months ?? ''),
      );
      if (!parsed.success) throw new ValidationError({ [`months-${organisationId}`]: parsed.error.issues[0]!.message });
      const months = parsed.data;
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
        await tx.update(organisations).set({ retentionMonths: months }).where(eq(organisations.id, organisationId));
        await recordAudit(tx, actor, {
          action: 'organisation.retention',
          subjectType: 'organisation',
          subjectId: organisationId,
          before: { retentionMonths: before!.retentionMonths },
          after: { retentionMonths: months },
        });
      });
    },

    /** Inspections whose case-level data is past its retention, oldest first. Administrators only on the web. */
    expired,

    /**
     * Deletes the case-level data of every expired inspection, one transaction each, after keeping its ratings.
     * `actor` null: the command line. A dry run only lists what would go.
     */
    async run(actor: Actor | null, options: { dryRun: boolean }): Promise<ExpiredInspection[]> {
      if (actor && !actor.isAdmin) throw new NotFoundError('not found');
      const due = await expired();
      if (options.dryRun) return due;
      for (const inspection of due) {
        // Rated before the transaction: the rating service reads with its own connection (PGlite would deadlock).
        const { figures, rating } = await keyQuestionFiguresOf(inspection.id);
        await db.transaction(async (tx) => {
          await keepRatingSnapshot(tx, inspection.id, figures, rating);
          const caseIds = (
            await tx.select({ id: cases.id }).from(cases).where(eq(cases.inspectionId, inspection.id))
          ).map((c) => c.id);
          if (caseIds.length > 0) await tx.delete(answers).where(inArray(answers.caseId, caseIds));
          await tx.delete(cases).where(eq(cases.inspectionId, inspection.id));
          await tx.update(inspections).set({ caseDataDeletedAt: clock.now() }).where(eq(inspections.id, inspection.id));
          await recordAudit(tx, actor, {
            action: 'inspection.caseDataDelete',
            subjectType: 'inspection',
            subjectId: inspection.id,
            inspectionId: inspection.id,
            before: { cases: inspection.cases, answers: inspection.answers },
            after: { ratingsKept: true, retentionMonths: inspection.retentionMonths },
          });
        });
      }
      return due;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
