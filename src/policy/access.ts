import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../platform/db/connect.js';
import { inspections, memberships, teamMembers } from '../platform/db/core-tables.js';
import type { Actor } from '../platform/audit.js';
import { NotFoundError } from '../platform/errors.js';

/**
 * The access policy, in one place: who may see which inspection. An administrator sees all; anyone else
 * sees the inspections of organisations they belong to and of inspection teams they are on.
 * (Roles in depth, and what each may change, come with issue 4.)
 */
export function visibleInspections(actor: Actor): SQL | undefined {
  if (actor.isAdmin) return undefined;
  return or(
    exists(
      sql`(select 1 from ${memberships} where ${memberships.userId} = ${actor.id} and ${memberships.organisationId} = ${inspections.organisationId})`,
    ),
    exists(
      sql`(select 1 from ${teamMembers} where ${teamMembers.userId} = ${actor.id} and ${teamMembers.inspectionId} = ${inspections.id})`,
    ),
  );
}

/** The inspection, if the actor may see it; otherwise NotFoundError, which gives no hint that it exists. */
export async function inspectionFor(db: Queryable, actor: Actor, inspectionId: string) {
  if (!isUuid(inspectionId)) throw new NotFoundError('inspection not found');
  const [inspection] = await db
    .select()
    .from(inspections)
    .where(and(eq(inspections.id, inspectionId), visibleInspections(actor)));
  if (!inspection) throw new NotFoundError('inspection not found');
  return inspection;
}

/** Whether the actor belongs to the organisation (administrators belong everywhere). */
export async function isMemberOf(db: Queryable, actor: Actor, organisationId: string): Promise<boolean> {
  if (actor.isAdmin) return true;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(memberships)
    .where(and(eq(memberships.userId, actor.id), eq(memberships.organisationId, organisationId)));
  return row !== undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);
