import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { evidenceNotes, evidenceSources, judgements } from './tables.js';
import { users } from '../../platform/db/core-tables.js';
import type { Framework, Standard } from '../../domain/framework/model.js';
import { getFramework } from '../../platform/framework-registry.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { inspectionWith } from '../../policy/policy.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { validated } from '../../platform/field-errors.js';
import { writeVersioned } from '../../platform/db/versioned.js';

/** Judged standards: the inspectors' evidence notes, strengths, areas for improvement and proposed rating. */

export const judgementSchema = z.object({
  rating: z.string().nullish(),
  strengths: z.string().max(20_000, 'Strengths must be 20,000 characters or fewer').default(''),
  areasForImprovement: z.string().max(20_000, 'Areas for improvement must be 20,000 characters or fewer').default(''),
  expectedVersion: z.int().min(0).optional(),
});
export type JudgementInput = z.input<typeof judgementSchema>;

export const evidenceNoteSchema = z.object({
  source: z.enum(evidenceSources, { error: 'Select where the evidence comes from' }),
  note: z.string().trim().min(1, 'Enter the evidence').max(10_000, 'Evidence must be 10,000 characters or fewer'),
});

/** The framework's standard, or NotFoundError (also when it is not of the kind asked for). */
export function standardOf(framework: Framework, standardId: string, assessment?: Standard['assessment']): Standard {
  const standard = framework.standardById.get(standardId);
  if (!standard || (assessment && standard.assessment !== assessment)) throw new NotFoundError('standard not found');
  return standard;
}

export function createJudgementService(db: Database, clock: Clock = systemClock) {
  return {
    async judgement(actor: Actor, inspectionId: string, standardId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'case.view');
      const framework = getFramework(inspection.frameworkId);
      const standard = standardOf(framework, standardId, 'judged');
      const [stored] = await db
        .select()
        .from(judgements)
        .where(and(eq(judgements.inspectionId, inspectionId), eq(judgements.standardId, standardId)));
      const notes = await db
        .select({
          id: evidenceNotes.id,
          source: evidenceNotes.source,
          note: evidenceNotes.note,
          createdAt: evidenceNotes.createdAt,
          author: users.displayName,
        })
        .from(evidenceNotes)
        .leftJoin(users, eq(users.id, evidenceNotes.createdBy))
        .where(and(eq(evidenceNotes.inspectionId, inspectionId), eq(evidenceNotes.standardId, standardId)))
        .orderBy(asc(evidenceNotes.createdAt));
      const [updater] = stored?.updatedBy
        ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, stored.updatedBy))
        : [];
      return {
        inspection,
        framework,
        standard,
        judgement: stored ?? null,
        updatedByName: updater?.name ?? null,
        notes,
      };
    },

    async saveJudgement(actor: Actor, inspectionId: string, standardId: string, input: JudgementInput) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'judgement.edit');
      const parsed = validated(judgementSchema, input);
      const { rating, strengths, areasForImprovement, expectedVersion } = parsed;
      const framework = getFramework(inspection.frameworkId);
      standardOf(framework, standardId, 'judged');
      if (rating && !framework.scoreOf.has(rating)) throw new ValidationError({ rating: 'Select a rating' });
      return db.transaction(async (tx) => {
        const { before, after } = await writeVersioned<typeof judgements.$inferSelect>(tx, {
          table: judgements,
          where: and(eq(judgements.inspectionId, inspectionId), eq(judgements.standardId, standardId))!,
          expectedVersion,
          values: {
            rating: rating ?? null,
            strengths,
            areasForImprovement,
            updatedBy: actor.id,
            updatedAt: clock.now(),
          },
          insert: { inspectionId, standardId },
          conflictMessage: 'Someone else saved this judgement after you opened it. Nothing you entered was saved.',
        });
        await recordAudit(tx, actor, {
          action: 'judgement.save',
          subjectType: 'standard',
          subjectId: standardId,
          inspectionId,
          before,
          after,
        });
        return after;
      });
    },

    async addEvidenceNote(
      actor: Actor,
      inspectionId: string,
      standardId: string,
      input: z.input<typeof evidenceNoteSchema>,
    ) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'judgement.edit');
      const parsed = validated(evidenceNoteSchema, input);
      standardOf(getFramework(inspection.frameworkId), standardId, 'judged');
      return db.transaction(async (tx) => {
        const [note] = await tx
          .insert(evidenceNotes)
          .values({ inspectionId, standardId, ...parsed, createdBy: actor.id })
          .returning();
        await recordAudit(tx, actor, {
          action: 'evidence.add',
          subjectType: 'standard',
          subjectId: standardId,
          inspectionId,
          after: note,
        });
        return note!;
      });
    },
  };
}

export type JudgementService = ReturnType<typeof createJudgementService>;
