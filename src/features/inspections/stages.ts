import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/connect.js';
import { auditEvents, inspections, users } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { inspectionWith } from '../../policy/policy.js';
import { missingBeforeMovingOn, nextStage, stageOf, stagesByKind } from '../../domain/stages/stages.js';
import type { CaseService } from '../cases/index.js';
import type { RatingService } from '../ratings/index.js';

/** The inspection's stages: where it is, how it got there, what is missing before it moves on, and moving it on. */
export function createStageService(db: Database, cases: CaseService, ratings: RatingService) {
  /** What must still be done before the stage can end (read with the lead's own access). */
  async function missing(actor: Actor, inspection: typeof inspections.$inferSelect) {
    const stage = stageOf(inspection.kind, inspection.status);
    if (stage.checks.length === 0) return [];
    const progress = await cases.progress(actor, inspection.id);
    const { toConsider } = await ratings.rate(actor, inspection.id, 'inspection.view');
    return missingBeforeMovingOn(stage, {
      cases: progress.length,
      unallocated: progress.filter((c) => !c.allocatedTo).length,
      unassessed: progress.filter((c) => c.answered < c.expected).length,
      toConsider: toConsider.length,
    });
  }

  return {
    async of(actor: Actor, inspectionId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'inspection.view');
      const history = await db
        .select({ at: auditEvents.at, after: auditEvents.after, by: users.displayName })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.userId))
        .where(and(eq(auditEvents.inspectionId, inspectionId), eq(auditEvents.action, 'inspection.stage')))
        .orderBy(asc(auditEvents.id));
      const current = stageOf(inspection.kind, inspection.status);
      return {
        current,
        next: nextStage(inspection.kind, inspection.status),
        stages: stagesByKind[inspection.kind].map((stage) => ({
          ...stage,
          current: stage.id === current.id,
          reachedAt:
            stage.id === 'planning'
              ? inspection.createdAt
              : (history.findLast((h) => (h.after as { stage: string }).stage === stage.id)?.at ?? null),
          reachedBy: history.findLast((h) => (h.after as { stage: string }).stage === stage.id)?.by ?? null,
        })),
      };
    },

    /** What is still to do before the lead may move the inspection on; empty when nothing is. */
    async missing(actor: Actor, inspectionId: string) {
      return missing(actor, await inspectionWith(db, actor, inspectionId, 'inspection.status'));
    },

    /** To the next stage, if nothing is missing; `from` is the stage the lead saw, so two clicks move it once. */
    async moveOn(actor: Actor, inspectionId: string, from: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'inspection.status');
      const next = nextStage(inspection.kind, inspection.status);
      if (!next) throw new ValidationError({ stage: 'The inspection is closed: there is no stage after this one' });
      const stillToDo = await missing(actor, inspection);
      if (stillToDo.length > 0) throw new ValidationError({ stage: `Before moving on: ${stillToDo.join('; ')}` });
      return db.transaction(async (tx) => {
        const [moved] = await tx
          .update(inspections)
          .set({ status: next.id })
          .where(
            and(
              eq(inspections.id, inspectionId),
              eq(inspections.status, from as (typeof inspections.$inferSelect)['status']),
            ),
          )
          .returning({ status: inspections.status });
        if (!moved)
          throw new ConflictError('The inspection was moved on by someone else', { stage: inspection.status });
        await recordAudit(tx, actor, {
          action: 'inspection.stage',
          subjectType: 'inspection',
          subjectId: inspectionId,
          inspectionId,
          before: { stage: inspection.status },
          after: { stage: next.id },
        });
        return next;
      });
    },
  };
}

export type StageService = ReturnType<typeof createStageService>;
