import { validated } from '../../../platform/field-errors.js';
import { and, eq, max, ne, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { improvementPlans, planActions, planAreaRecommendations, planAreas, planProgressUpdates } from '../tables.js';
import { statusAsOf } from '../../../domain/plans/progress.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { planWith, todayInLondon, type ImprovementPlanRow } from './access.js';
import { recommendationsOf } from './load.js';
import {
  actionSchema,
  areaSchema,
  progressUpdateSchema,
  type ActionInput,
  type AreaInput,
  type ProgressUpdateInput,
} from './validation.js';
import { systemClock, type Clock } from '../../../platform/clock.js';

/**
 * Every change moves the plan's version on, so a sign-off shows what it signed and what came after. Called
 * first in each change's transaction: the plan's row stays locked until it commits, so changes to one plan
 * (and the area numbers they check) queue; with `expectedVersion`, a plan changed since gets a ConflictError.
 */
export async function touchPlan(tx: Queryable, plan: ImprovementPlanRow, now: Date, expectedVersion?: number) {
  const [after] = await tx
    .update(improvementPlans)
    .set({ version: sql`${improvementPlans.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(improvementPlans.id, plan.id),
        expectedVersion === undefined ? undefined : eq(improvementPlans.version, expectedVersion),
      ),
    )
    .returning();
  if (!after) {
    const [current] = await tx.select().from(improvementPlans).where(eq(improvementPlans.id, plan.id));
    throw new ConflictError(
      'Someone else changed this plan after you opened it. Nothing you entered was saved.',
      current ?? null,
    );
  }
  return after;
}

/** An action's status now and its completion date, from all its dated status changes. */
async function settleStatus(tx: Queryable, actionId: string) {
  const changes = await tx
    .select({
      date: planProgressUpdates.date,
      status: planProgressUpdates.statusTo,
      recordedAt: planProgressUpdates.createdAt,
    })
    .from(planProgressUpdates)
    .where(eq(planProgressUpdates.actionId, actionId));
  const dated = changes.filter((c) => c.status !== null).map((c) => ({ ...c, status: c.status! }));
  const status = statusAsOf({ statusChanges: dated }, '9999-12-31');
  const completedOn = dated
    .filter((c) => c.status === 'completed')
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .at(-1)?.date;
  return { status, completionDate: status === 'completed' ? (completedOn ?? null) : null };
}

/** The date a status is recorded on; shared with the import, which dates the statuses it reads the same way. */
export function statusDate(
  status: string,
  completionDate: string | null,
  commencementDate: string | null,
  today: string,
  isNew: boolean,
): string {
  if (status === 'completed') return completionDate ?? today;
  if (isNew && status !== 'notStarted' && commencementDate && commencementDate <= today) return commencementDate;
  return today;
}

export function createPlanEditService(db: Database, clock: Clock = systemClock) {
  return {
    async saveArea(actor: Actor, planId: string, areaId: string | null, input: AreaInput) {
      // Access first: a role without the permission gets 403 whatever it sent.
      const { plan } = await planWith(db, actor, planId, 'plan.edit');
      const parsed = validated(areaSchema, input, { by: 'box' });
      const { recommendationIds, expectedVersion, ...values } = parsed;
      const known = new Set((await recommendationsOf(db, plan.inspectionId)).map((r) => r.id));
      if (recommendationIds.some((id) => !known.has(id)))
        throw new ValidationError({ recommendationIds: "Select recommendations of the plan's inspection" });
      return db.transaction(async (tx) => {
        await touchPlan(tx, plan, clock.now(), expectedVersion);
        const [clash] = await tx
          .select({ id: planAreas.id })
          .from(planAreas)
          .where(
            and(
              eq(planAreas.planId, planId),
              eq(planAreas.number, values.number),
              ...(areaId ? [ne(planAreas.id, areaId)] : []),
            ),
          );
        if (clash) throw new ValidationError({ number: `The plan already has an area ${values.number}` });
        const [before] = areaId
          ? await tx
              .select()
              .from(planAreas)
              .where(and(eq(planAreas.id, areaId), eq(planAreas.planId, planId)))
          : [];
        if (areaId && !before) throw new NotFoundError('area not found');
        const [area] = before
          ? await tx
              .update(planAreas)
              .set({ ...values, updatedAt: clock.now() })
              .where(eq(planAreas.id, before.id))
              .returning()
          : await tx
              .insert(planAreas)
              .values({ planId, ...values, updatedAt: clock.now() })
              .returning();
        await tx.delete(planAreaRecommendations).where(eq(planAreaRecommendations.areaId, area!.id));
        if (recommendationIds.length)
          await tx
            .insert(planAreaRecommendations)
            .values(recommendationIds.map((recommendationId) => ({ areaId: area!.id, recommendationId })));
        await recordAudit(tx, actor, {
          action: before ? 'plan.area.edit' : 'plan.area.add',
          subjectType: 'improvementPlan',
          subjectId: planId,
          inspectionId: plan.inspectionId,
          before: before ?? null,
          after: { ...area, recommendationIds },
        });
        return area!;
      });
    },

    /** Adds an action to an area, or edits one; a new status is recorded as a status change dated today. */
    async saveAction(actor: Actor, planId: string, areaId: string, actionId: string | null, input: ActionInput) {
      // Access first: a role without the permission gets 403 whatever it sent.
      const { plan } = await planWith(db, actor, planId, 'plan.edit');
      const parsed = validated(actionSchema, input, { by: 'box' });
      const today = todayInLondon(clock.now());
      if (parsed.completionDate && parsed.completionDate > today)
        throw new ValidationError({ completionDate: 'Completion date must be today or in the past' });
      const { status, completionDate, expectedVersion, ...values } = parsed;
      return db.transaction(async (tx) => {
        await touchPlan(tx, plan, clock.now(), expectedVersion);
        const [area] = await tx
          .select()
          .from(planAreas)
          .where(and(eq(planAreas.id, areaId), eq(planAreas.planId, planId)));
        if (!area) throw new NotFoundError('area not found');
        const [before] = actionId
          ? await tx
              .select()
              .from(planActions)
              .where(and(eq(planActions.id, actionId), eq(planActions.areaId, areaId)))
          : [];
        if (actionId && !before) throw new NotFoundError('action not found');
        let action: typeof planActions.$inferSelect;
        if (before) {
          [action] = (await tx
            .update(planActions)
            .set({ ...values, statusText: before.statusText, updatedAt: clock.now() })
            .where(eq(planActions.id, before.id))
            .returning()) as [typeof action];
        } else {
          const [last] = await tx
            .select({ position: max(planActions.position) })
            .from(planActions)
            .where(eq(planActions.areaId, areaId));
          [action] = (await tx
            .insert(planActions)
            .values({ planId, areaId, ...values, status, position: (last?.position ?? 0) + 1, updatedAt: clock.now() })
            .returning()) as [typeof action];
        }
        // A new action's status counts from when it can have begun (before any record, an action is not started);
        // a changed status from today, or from the completion date given.
        const changed = before
          ? before.status !== status ||
            (status === 'completed' && completionDate !== null && completionDate !== before.completionDate)
          : status !== 'notStarted';
        if (changed) {
          const date = statusDate(status, completionDate, values.commencementDate, today, !before);
          await tx.insert(planProgressUpdates).values({
            actionId: action.id,
            date,
            note: before ? '' : 'Action added to the plan',
            statusFrom: before?.status ?? null,
            statusTo: status,
            byUserId: actor.id,
            byName: actor.displayName,
          });
          [action] = (await tx
            .update(planActions)
            .set(await settleStatus(tx, action.id))
            .where(eq(planActions.id, action.id))
            .returning()) as [typeof action];
        }
        await recordAudit(tx, actor, {
          action: before ? 'plan.action.edit' : 'plan.action.add',
          subjectType: 'improvementPlan',
          subjectId: planId,
          inspectionId: plan.inspectionId,
          before: before ?? null,
          after: action,
        });
        return action;
      });
    },

    /** A progress update: a dated note, an evidence link, and maybe a new status ('plan.update'). */
    async addUpdate(actor: Actor, planId: string, actionId: string, input: ProgressUpdateInput) {
      // Access first: a role without the permission gets 403 whatever it sent.
      const { plan } = await planWith(db, actor, planId, 'plan.update');
      const parsed = validated(progressUpdateSchema, input, { by: 'box' });
      if (parsed.date > todayInLondon(clock.now()))
        throw new ValidationError({ date: 'Date of the update must be today or in the past' });
      return db.transaction(async (tx) => {
        await touchPlan(tx, plan, clock.now());
        const [before] = await tx
          .select()
          .from(planActions)
          .where(and(eq(planActions.id, actionId), eq(planActions.planId, planId)));
        if (!before) throw new NotFoundError('action not found');
        const { status, ...update } = parsed;
        const [row] = await tx
          .insert(planProgressUpdates)
          .values({
            actionId,
            ...update,
            statusFrom: status ? before.status : null,
            statusTo: status ?? null,
            byUserId: actor.id,
            byName: actor.displayName,
          })
          .returning();
        const [after] = status
          ? await tx
              .update(planActions)
              .set({ ...(await settleStatus(tx, actionId)), updatedAt: clock.now() })
              .where(eq(planActions.id, actionId))
              .returning()
          : [before];
        await recordAudit(tx, actor, {
          action: 'plan.action.update',
          subjectType: 'improvementPlan',
          subjectId: planId,
          inspectionId: plan.inspectionId,
          before: { actionId, status: before.status },
          after: { actionId, status: after!.status, update: row },
        });
        return row!;
      });
    },
  };
}
