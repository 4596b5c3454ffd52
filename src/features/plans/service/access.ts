import { londonDate } from '../../../domain/dates.js';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/connect.js';
import { improvementPlans } from '../tables.js';
import { isUuid } from '../../../policy/access.js';
import type { Actor } from '../../../platform/audit.js';
import { NotFoundError } from '../../../platform/errors.js';
import { can, organisationWith, type Permission, type Role } from '../../../policy/policy.js';

export type ImprovementPlanRow = typeof improvementPlans.$inferSelect;

/**
 * The plan, if the actor may do `permission` to it: no role in its service (or on its inspection) gives
 * NotFoundError, a role without the permission ForbiddenError. Every plan operation starts here.
 */
export async function planWith(db: Queryable, actor: Actor, planId: string, permission: Permission) {
  if (!isUuid(planId)) throw new NotFoundError('plan not found');
  const [plan] = await db.select().from(improvementPlans).where(eq(improvementPlans.id, planId));
  if (!plan) throw new NotFoundError('plan not found');
  const roles = await organisationWith(db, actor, plan.organisationId, permission, plan.inspectionId);
  return { plan, roles };
}

/** What the actor may do to a plan, for the pages to offer only what will work. */
export function planAbilities(roles: ReadonlySet<Role>) {
  return {
    edit: can(roles, 'plan.edit'),
    update: can(roles, 'plan.update'),
    agree: can(roles, 'plan.agree'),
    signOff: can(roles, 'plan.signOff'),
  };
}

/** Today in the UK, as an ISO date: a plan's dates are days in England and Wales. `now` is the clock's. */
export function todayInLondon(now: Date): string {
  return londonDate(now);
}
