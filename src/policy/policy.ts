import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import type { Queryable } from '../platform/db/connect.js';
import { rowsOf } from '../platform/db/connect.js';
import { inspections } from '../platform/db/core-tables.js';
import type { Actor } from '../platform/audit.js';
import { isUuid, visibleInspections } from './access.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { stageRefusal } from './stage-rules.js';
import type { InspectionKind } from '../domain/timeline/propose.js';
import { can, permissionMatrix, roleLabels, type Permission, type Role } from './matrix.js';
import { whoMay } from './refusals.js';

/**
 * The one access policy: the matrix (`matrix.ts`) and its refusals in words (`refusals.ts`) applied to an
 * actor where a thing lives. Every page, API operation and command asks here.
 */
export * from './matrix.js';
export { permissionActions, whoMay } from './refusals.js';

/**
 * The actor's stored roles where a thing lives, as an SQL text[] expression over the given service and
 * inspection (columns or values), so that a query can fetch a thing and the actor's roles on it at once.
 */
export function storedRoles(
  actor: Actor,
  organisationId: SQL | Column,
  inspectionId: SQL | Column | null,
): SQL<string[]> {
  return sql<string[]>`array(
      select role from memberships where user_id = ${actor.id} and organisation_id = ${organisationId}
      union all
      select role from team_members where user_id = ${actor.id} and inspection_id = ${inspectionId})`;
}

/** An SQL condition: the actor, with the stored roles storedRoles gives, holds `permission` (as `can` decides). */
export function permitsSql(actor: Actor, stored: SQL<string[]>, permission: Permission): SQL {
  const allowed: readonly string[] = permissionMatrix[permission];
  if (actor.isAdmin && allowed.includes('administrator')) return sql`true`;
  const storedNames = Object.keys(roleLabels).filter((name) => allowed.includes(asRole(name)));
  if (allowed.includes(asRole('member'))) storedNames.push('member');
  return sql`(${stored} && ${`{${storedNames.join(',')}}`}::text[])`;
}

/** The actor's roles from what storedRoles gave (and the administrator flag). */
export function rolesOf(actor: Actor, stored: readonly string[]): Set<Role> {
  const roles = new Set<Role>();
  if (actor.isAdmin) roles.add('administrator');
  for (const role of stored) roles.add(asRole(role));
  return roles;
}

/** The actor's roles where a thing lives: a service, and optionally one of its inspections. */
export async function rolesFor(
  db: Queryable,
  actor: Actor,
  scope: { organisationId: string; inspectionId?: string | null },
): Promise<Set<Role>> {
  const [row] = rowsOf<{ roles: string[] }>(
    await db.execute(
      sql`select ${storedRoles(actor, sql`${scope.organisationId}::uuid`, sql`${scope.inspectionId ?? null}::uuid`)} as roles`,
    ),
  );
  return rolesOf(actor, row!.roles);
}

/** 'member' is the role a membership had before roles were named; it reads as a QA lead. */
function asRole(stored: string): Role {
  if (stored === 'member') return 'qaLead';
  return stored as Role;
}

/**
 * Checks a permission where the actor has some role: no role at all gives NotFoundError (no hint that the
 * thing exists); a role without the permission gives ForbiddenError. With the inspection (its kind and
 * stage), what its stage allows as well: for reads that fetch the inspection and the roles at once.
 */
export function demand(
  roles: ReadonlySet<Role>,
  permission: Permission,
  what = 'not found',
  inspection?: InspectionRow,
): void {
  if (roles.size === 0) throw new NotFoundError(what);
  const refusal = refusalOf(roles, permission, inspection);
  if (refusal) throw new ForbiddenError(refusal);
}

/** Where an inspection's stage decides as well: its kind and stage. */
type InspectionRow = { kind: InspectionKind; status: string };

/**
 * The inspection, if the actor may do `permission` to it. Not visible at all: NotFoundError; visible but not
 * permitted: ForbiddenError. Every service operation on an inspection starts here.
 */
export async function inspectionWith(db: Queryable, actor: Actor, inspectionId: string, permission: Permission) {
  const found = await visibleInspection(db, actor, inspectionId);
  if (!found) throw new NotFoundError('inspection not found');
  demand(rolesOf(actor, found.roles), permission, 'inspection not found', found.inspection);
  return found.inspection;
}

/** One query: the inspection if the actor may see it, with the actor's roles on it. */
async function visibleInspection(db: Queryable, actor: Actor, inspectionId: string) {
  if (!isUuid(inspectionId)) return undefined;
  const [found] = await db
    .select({ inspection: inspections, roles: storedRoles(actor, inspections.organisationId, inspections.id) })
    .from(inspections)
    .where(and(eq(inspections.id, inspectionId), visibleInspections(actor)));
  return found;
}

/**
 * Why the actor, with these roles (on this inspection, where there is one), may not do `permission`; null
 * when they may. The one decision behind `demand` (and so `inspectionWith` and `organisationWith`) and
 * `permissionsOn`, which the pages use to show only the links and forms their viewer may use: a rule added
 * here (the inspection's stage, say) moves both.
 */
export function refusalOf(roles: ReadonlySet<Role>, permission: Permission, inspection?: InspectionRow): string | null {
  if (!can(roles, permission)) return whoMay(permission);
  return inspection ? stageRefusal(inspection, roles, permission) : null;
}

/** Every permission the actor holds on the inspection (none if they cannot see it), as `inspectionWith` decides. */
export async function permissionsOn(db: Queryable, actor: Actor, inspectionId: string): Promise<Set<Permission>> {
  const found = await visibleInspection(db, actor, inspectionId);
  const permitted = new Set<Permission>();
  if (!found) return permitted;
  const roles = rolesOf(actor, found.roles);
  if (roles.size === 0) return permitted;
  for (const permission of Object.keys(permissionMatrix) as Permission[])
    if (refusalOf(roles, permission, found.inspection) === null) permitted.add(permission);
  return permitted;
}

/**
 * Who may start an inspection of a service. Mock inspections and internal audits: the service's head of
 * service and QA leads (and administrators). HMIP and joint inspections are the inspectorate's: members of an
 * inspectorate organisation holding 'inspection.create' there (and administrators). Nobody else learns
 * whether the service exists.
 */
export async function demandInspectionCreation(
  db: Queryable,
  actor: Actor,
  organisationId: string,
  kind: string,
): Promise<void> {
  // The same answer whether or not the service exists: a forged id learns nothing.
  const roles = isUuid(organisationId) ? await rolesFor(db, actor, { organisationId }) : new Set<Role>();
  if (kind === 'hmipInspection' || kind === 'jointInspection') {
    if (can(await inspectorateRoles(db, actor), 'inspection.create')) return;
    // The service's own leads chose the wrong kind: a form error, so that what they typed is kept.
    if (can(roles, 'inspection.create'))
      throw new ValidationError({
        kind: 'HMIP and joint inspections are started by the inspectorate: choose a mock inspection or an internal audit',
      });
    throw new ForbiddenError('HMIP and joint inspections are started by the inspectorate');
  }
  if (!can(roles, 'inspection.create'))
    throw new ForbiddenError('You can only start inspections of services where you are head of service or QA lead');
}

/** The actor's roles in any inspectorate organisation (and administrator). */
export async function inspectorateRoles(db: Queryable, actor: Actor): Promise<Set<Role>> {
  const roles = new Set<Role>();
  if (actor.isAdmin) roles.add('administrator');
  const rows = rowsOf<{ role: string }>(
    await db.execute(sql`
      select m.role from memberships m join organisations o on o.id = m.organisation_id
      where m.user_id = ${actor.id} and o.kind = 'inspectorate'`),
  );
  for (const { role } of rows) roles.add(asRole(role));
  return roles;
}

/** For things a service owns outside any one inspection (its improvement plans, its settings). */
export async function organisationWith(
  db: Queryable,
  actor: Actor,
  organisationId: string,
  permission: Permission,
  inspectionId?: string | null,
): Promise<Set<Role>> {
  if (!isUuid(organisationId)) throw new NotFoundError('not found');
  const roles = await rolesFor(db, actor, { organisationId, inspectionId });
  demand(roles, permission);
  return roles;
}
