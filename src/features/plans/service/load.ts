import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/connect.js';
import { planActions, planAreaRecommendations, planAreas, planProgressUpdates, planSignOffs } from '../tables.js';
import { recommendationsOf as reportRecommendationsOf } from '../../report/index.js';
import { users } from '../../../platform/db/core-tables.js';
import { areaHeadingOf, type PlanAction, type PlanArea } from '../../../domain/plans/model.js';

/** A plan's areas with their actions, each action's status changes and notes: what the pure rules work on. */
export interface LoadedArea extends PlanArea {
  recommendationIds: string[];
  updatedAt: Date;
  actions: (PlanAction & { updatedAt: Date })[];
}

export async function loadAreas(db: Queryable, planId: string): Promise<LoadedArea[]> {
  const areaRows = await db.select().from(planAreas).where(eq(planAreas.planId, planId)).orderBy(asc(planAreas.number));
  const actionRows = await db
    .select()
    .from(planActions)
    .where(eq(planActions.planId, planId))
    .orderBy(asc(planActions.position));
  const updates = actionRows.length
    ? await db
        .select()
        .from(planProgressUpdates)
        .where(
          inArray(
            planProgressUpdates.actionId,
            actionRows.map((a) => a.id),
          ),
        )
        .orderBy(asc(planProgressUpdates.date), asc(planProgressUpdates.createdAt))
    : [];
  const links = areaRows.length
    ? await db
        .select()
        .from(planAreaRecommendations)
        .where(
          inArray(
            planAreaRecommendations.areaId,
            areaRows.map((a) => a.id),
          ),
        )
    : [];
  return areaRows.map((area) => ({
    ...areaHeadingOf(area),
    updatedAt: area.updatedAt,
    recommendationIds: links.filter((l) => l.areaId === area.id).map((l) => l.recommendationId),
    actions: actionRows
      .filter((a) => a.areaId === area.id)
      .map((a) => {
        const own = updates.filter((u) => u.actionId === a.id);
        return {
          id: a.id,
          position: a.position,
          text: a.text,
          owners: a.owners,
          commencementDate: a.commencementDate,
          targetDate: a.targetDate,
          completionDate: a.completionDate,
          status: a.status,
          statusText: a.statusText,
          targets: a.targets,
          updatedAt: a.updatedAt,
          statusChanges: own
            .filter((u) => u.statusTo)
            .map((u) => ({ date: u.date, status: u.statusTo!, recordedAt: u.createdAt })),
          notes: own.map((u) => ({ date: u.date, note: u.note, evidenceLink: u.evidenceLink, byName: u.byName })),
        };
      }),
  }));
}

/** The recommendations of the plan's inspection, in number order (none without an inspection). */
/** Every agreement and sign-off, oldest first, with who gave it. */
export async function signOffsOf(db: Queryable, planId: string) {
  return db
    .select({
      id: planSignOffs.id,
      kind: planSignOffs.kind,
      date: planSignOffs.date,
      planVersion: planSignOffs.planVersion,
      byName: planSignOffs.byName,
      note: planSignOffs.note,
      createdAt: planSignOffs.createdAt,
      email: users.email,
    })
    .from(planSignOffs)
    .leftJoin(users, eq(users.id, planSignOffs.byUserId))
    .where(eq(planSignOffs.planId, planId))
    .orderBy(asc(planSignOffs.createdAt));
}

/** The recommendations of the plan's inspection, in number order (none without an inspection). */
export async function recommendationsOf(db: Queryable, inspectionId: string | null) {
  return inspectionId ? reportRecommendationsOf(db, inspectionId) : [];
}
