import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/connect.js';
import { improvementPlans, planActions, planAreas } from './tables.js';

/**
 * A service's improvement actions that name the standards or key questions they mean to move, in plan and
 * area order: for the board's QA report, which shows each beside the figures of what it targets.
 */
export async function targetedActionsOf(db: Queryable, organisationId: string) {
  return db
    .select({
      planId: improvementPlans.id,
      planTitle: improvementPlans.title,
      areaNumber: planAreas.number,
      text: planActions.text,
      status: planActions.status,
      commencementDate: planActions.commencementDate,
      targetDate: planActions.targetDate,
      createdAt: planActions.createdAt,
      targets: planActions.targets,
    })
    .from(planActions)
    .innerJoin(improvementPlans, eq(improvementPlans.id, planActions.planId))
    .innerJoin(planAreas, eq(planAreas.id, planActions.areaId))
    .where(and(eq(improvementPlans.organisationId, organisationId), sql`cardinality(${planActions.targets}) > 0`))
    .orderBy(asc(improvementPlans.createdAt), asc(planAreas.number), asc(planActions.position));
}
