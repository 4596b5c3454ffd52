import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Queryable } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { cases, inspections } from '../../platform/db/core-tables.js';
import type { Answer } from '../../domain/rating/types.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { getFramework } from '../../platform/framework-registry.js';
import { inspectionWith } from '../../policy/policy.js';
import { isUuid } from '../../policy/access.js';
import { assessedCaseOf } from '../cases/index.js';
import { validated } from '../../platform/field-errors.js';
import { expectedKeyQuestions, moderationForm, roundStandardsOf } from './questions.js';
import { firstAssessmentComplete } from './selection.js';
import { moderationAnswers, moderationCases } from './tables.js';

export const secondAnswersSchema = z.object({
  answers: z.record(z.string(), z.enum(['yes', 'no', 'n/a'], { error: 'Select yes, no or not applicable' })),
  evidence: z.record(z.string(), z.string().max(10_000, 'Evidence must be 10,000 characters or fewer')).default({}),
  expectedVersion: z.coerce.number().int().positive({ error: 'The form is out of date: open the case again' }),
});
export type SecondAnswers = z.input<typeof secondAnswersSchema>;

/** The moderation of one case, if the actor moderates it: anyone else is told it does not exist. */
async function moderatedCase(db: Queryable, actor: Actor, caseId: string) {
  if (!isUuid(caseId)) throw new NotFoundError('case not found');
  const [found] = await db
    .select({ moderation: moderationCases, row: cases, frameworkId: inspections.frameworkId })
    .from(moderationCases)
    .innerJoin(cases, eq(cases.id, moderationCases.caseId))
    .innerJoin(inspections, eq(inspections.id, moderationCases.inspectionId))
    .where(eq(moderationCases.caseId, caseId));
  if (!found || found.moderation.moderatorId !== actor.id) throw new NotFoundError('case not found');
  await inspectionWith(db, actor, found.moderation.inspectionId, 'moderation.assess');
  return found;
}

async function secondAnswersOf(db: Queryable, caseId: string) {
  const rows = await db.select().from(moderationAnswers).where(eq(moderationAnswers.caseId, caseId));
  return Object.fromEntries(rows.map((r) => [r.questionId, r]));
}

export function createSecondAssessmentService(db: Database, clock: Clock = systemClock) {
  /**
   * The case as its moderator sees it: its facts and the moderator's own answers. Never the first
   * assessor's answers or evidence: the second assessment is blind.
   */
  async function caseForModerator(actor: Actor, caseId: string) {
    const { moderation, row, frameworkId } = await moderatedCase(db, actor, caseId);
    const framework = getFramework(frameworkId);
    const stored = await secondAnswersOf(db, caseId);
    const given: Record<string, Answer> = Object.fromEntries(Object.entries(stored).map(([id, a]) => [id, a.answer]));
    const assessed = assessedCaseOf(row, given);
    // A thematic round is moderated, as it was audited, on its own standards.
    const standards = (await roundStandardsOf(db, [row.inspectionId])).get(row.inspectionId) ?? null;
    const expected = expectedKeyQuestions(framework, row, assessed, standards);
    return {
      moderation,
      case: row,
      framework,
      form: moderationForm(framework, row, assessed, standards),
      stored,
      answeredKeyQuestions: expected.filter((id) => given[id] !== undefined).length,
      expectedKeyQuestions: expected.length,
    };
  }

  return {
    /** The cases the actor moderates, in every inspection, with how far each side has got. */
    async myCases(actor: Actor) {
      const rows = await db
        .select({
          caseId: moderationCases.caseId,
          ref: cases.ref,
          domain: cases.domain,
          inspectionId: inspections.id,
          inspectionTitle: inspections.title,
          frameworkId: inspections.frameworkId,
          completedAt: moderationCases.completedAt,
        })
        .from(moderationCases)
        .innerJoin(cases, eq(cases.id, moderationCases.caseId))
        .innerJoin(inspections, eq(inspections.id, moderationCases.inspectionId))
        .where(eq(moderationCases.moderatorId, actor.id))
        .orderBy(asc(inspections.title), asc(cases.ref));
      return rows;
    },

    caseForModerator,

    /** Saves the moderator's answers: the version the form was opened on must still be the case's. Audited. */
    async save(actor: Actor, caseId: string, input: SecondAnswers) {
      const { moderation, row, frameworkId } = await moderatedCase(db, actor, caseId);
      const parsed = validated(secondAnswersSchema, input);
      if (moderation.completedAt) throw new ValidationError({ form: 'This moderation is complete: it cannot change' });
      const framework = getFramework(frameworkId);
      const standards = (await roundStandardsOf(db, [row.inspectionId])).get(row.inspectionId) ?? null;
      const known = new Set(
        moderationForm(framework, row, assessedCaseOf(row, {}), standards).flatMap((s) =>
          s.keyQuestions.flatMap((k) => k.questions.map((q) => q.id)),
        ),
      );
      const { answers, evidence, expectedVersion } = parsed;
      const unknown = Object.keys(answers).find((id) => !known.has(id));
      if (unknown) throw new ValidationError({ [`answers.${unknown}`]: 'This question is not asked of this case' });
      return db.transaction(async (tx) => {
        // The version check is the write itself: of two saves from the same form, one wins.
        const [bumped] = await tx
          .update(moderationCases)
          .set({ version: sql`${moderationCases.version} + 1` })
          .where(and(eq(moderationCases.caseId, caseId), eq(moderationCases.version, expectedVersion)))
          .returning({ version: moderationCases.version });
        if (!bumped) throw new ConflictError('The moderation was saved by someone else after you opened it', null);
        const answeredAt = clock.now();
        for (const [questionId, answer] of Object.entries(answers)) {
          const value = { answer, evidence: evidence[questionId] ?? '', answeredBy: actor.id, answeredAt };
          await tx
            .insert(moderationAnswers)
            .values({ caseId, questionId, ...value })
            .onConflictDoUpdate({ target: [moderationAnswers.caseId, moderationAnswers.questionId], set: value });
        }
        await recordAudit(tx, actor, {
          action: 'moderation.answer',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId: moderation.inspectionId,
          after: { answers, evidence },
        });
        return { version: bumped.version };
      });
    },

    /** The moderator says the second assessment is done: every key question that applies is answered. */
    async complete(actor: Actor, caseId: string) {
      const view = await caseForModerator(actor, caseId);
      if (view.moderation.completedAt) return;
      if (view.answeredKeyQuestions < view.expectedKeyQuestions)
        throw new ValidationError({
          form: `Answer every key question before completing: ${view.expectedKeyQuestions - view.answeredKeyQuestions} still to answer`,
        });
      await db.transaction(async (tx) => {
        await tx.update(moderationCases).set({ completedAt: clock.now() }).where(eq(moderationCases.caseId, caseId));
        await recordAudit(tx, actor, {
          action: 'moderation.complete',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId: view.moderation.inspectionId,
        });
      });
    },
  };
}

/** True while the actor moderates this case and the two assessments are not both complete. */
export async function firstAssessmentHiddenFrom(db: Queryable, actor: Actor, caseId: string): Promise<boolean> {
  if (!isUuid(caseId)) return false;
  const [found] = await db
    .select({ moderation: moderationCases, frameworkId: inspections.frameworkId })
    .from(moderationCases)
    .innerJoin(inspections, eq(inspections.id, moderationCases.inspectionId))
    .where(eq(moderationCases.caseId, caseId));
  if (!found || found.moderation.moderatorId !== actor.id) return false;
  if (!found.moderation.completedAt) return true;
  return !(await firstAssessmentComplete(db, found.frameworkId, [caseId])).get(caseId);
}

export const hiddenFirstAssessment =
  'You are moderating this case: its first assessment is hidden from you until you have both completed it. Moderate it from "Cases to moderate".';

/**
 * The blind rule for the answer save's own statement: `sql` is true when the actor is the case's moderator at
 * all (one condition, no extra round trip for everyone else); only then `hides` asks whether the first
 * assessment is still hidden from them (firstAssessmentHiddenFrom).
 */
export function blindSaveGuard(db: Queryable) {
  return {
    message: hiddenFirstAssessment,
    sql: (actorId: string, caseId: string) =>
      sql`exists (select 1 from ${moderationCases} where ${moderationCases.caseId} = ${caseId} and ${moderationCases.moderatorId} = ${actorId})`,
    hides: (actor: Actor, caseId: string) => firstAssessmentHiddenFrom(db, actor, caseId),
  };
}
export type SaveGuard = ReturnType<typeof blindSaveGuard>;

/** True while the actor moderates a case of this inspection whose two assessments are not both complete. */
export async function moderatesOpenCaseOf(db: Queryable, actor: Actor, inspectionId: string): Promise<boolean> {
  if (!isUuid(inspectionId)) return false;
  const mine = await db
    .select({ caseId: moderationCases.caseId })
    .from(moderationCases)
    .where(and(eq(moderationCases.inspectionId, inspectionId), eq(moderationCases.moderatorId, actor.id)));
  for (const { caseId } of mine) if (await firstAssessmentHiddenFrom(db, actor, caseId)) return true;
  return false;
}
