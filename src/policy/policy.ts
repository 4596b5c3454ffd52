import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import type { Queryable } from '../platform/db/connect.js';
import { rowsOf } from '../platform/db/connect.js';
import { inspections } from '../platform/db/core-tables.js';
import type { Actor } from '../platform/audit.js';
import { isUuid, visibleInspections } from './access.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { stageRefusal } from './stage-rules.js';
import type { InspectionKind } from '../domain/timeline/propose.js';

/**
 * Who may do what, decided here and nowhere else. A user's roles come from three places: the system
 * administrator flag, their role in a service (memberships) and their role on an inspection team. The matrix
 * below is the README's access table; `test/security` walks every route against it.
 */
export const serviceRoles = ['headOfService', 'qaLead', 'auditor', 'boardMember', 'caseManager'] as const;
export const teamRoles = ['leadInspector', 'inspector', 'ratingsPanel', 'moderator'] as const;
export type ServiceRole = (typeof serviceRoles)[number];
export type TeamRole = (typeof teamRoles)[number];
export type Role = 'administrator' | ServiceRole | TeamRole;

export const roleLabels: Record<Role, string> = {
  administrator: 'System administrator',
  leadInspector: 'Lead inspector',
  inspector: 'Inspector',
  ratingsPanel: 'Ratings panel member',
  moderator: 'Moderator',
  headOfService: 'Head of service',
  qaLead: 'QA lead',
  auditor: 'Auditor',
  boardMember: 'Board member',
  caseManager: 'Case manager',
};

const everyone: readonly Role[] = [
  'administrator',
  'leadInspector',
  'inspector',
  'ratingsPanel',
  'moderator',
  'headOfService',
  'qaLead',
  'auditor',
  'boardMember',
  'caseManager',
];
/**
 * Everyone who may see case-level data: all but board members, case managers (who see their own cases'
 * feedback) and moderators, whose second assessment is blind (they see their own cases on the moderation
 * pages only).
 */
const caseReaders = everyone.filter((role) => !['boardMember', 'caseManager', 'moderator'].includes(role));

/** The access matrix: each permission and the roles that hold it. */
export const permissionMatrix = {
  /**
   * Starting an inspection of a service: mock inspections and internal audits by the service's own leads;
   * HMIP and joint inspections by an inspectorate's members holding it (see `demandInspectionCreation`).
   */
  'inspection.create': ['administrator', 'headOfService', 'qaLead'],
  /** The inspection's overview, timeline and team (no case data). */
  'inspection.view': everyone,
  /** Timeline, team, population, sample, allocation and interviews. */
  'inspection.plan': ['administrator', 'leadInspector'],
  'inspection.status': ['administrator', 'leadInspector'],
  /** Adding, inviting and removing the inspectors and ratings panel members. */
  'team.manage': ['administrator', 'leadInspector'],
  'case.view': caseReaders,
  'case.edit': ['administrator', 'leadInspector'],
  'case.assess': ['leadInspector', 'inspector'],
  'judgement.edit': ['leadInspector', 'inspector'],
  'discretion.decide': ['leadInspector', 'ratingsPanel'],
  'ratings.view': everyone,
  'report.view': everyone,
  'report.edit': ['leadInspector', 'inspector'],
  'report.publish': ['leadInspector'],
  'plan.view': ['administrator', 'leadInspector', 'headOfService', 'qaLead', 'auditor', 'boardMember'],
  'plan.edit': ['headOfService', 'qaLead'],
  'plan.update': ['headOfService', 'qaLead'],
  'plan.agree': ['leadInspector'],
  'plan.signOff': ['boardMember'],
  /** How long the service's case data is kept after an inspection (the privacy settings). */
  'retention.set': ['administrator', 'headOfService'],
  /** The whole audit trail, filtered and exported; a case's and a standard's history go with case.view. */
  'audit.view': ['administrator'],
  /** Choosing cases for a second, blind assessment and who moderates them. */
  'moderation.manage': ['administrator', 'leadInspector', 'qaLead'],
  /** The second assessment itself: only for the cases the moderator was given. */
  'moderation.assess': ['moderator', 'leadInspector', 'inspector', 'qaLead', 'auditor', 'headOfService'],
  /** Agreement figures, the disagreements side by side, the moderation report. */
  'moderation.view': ['administrator', 'leadInspector', 'qaLead', 'headOfService', 'moderator'],
  /** Deciding the answer that counts where the two assessments disagree. */
  'moderation.reconcile': ['administrator', 'leadInspector', 'qaLead', 'moderator'],
  /** Removing personal data from a case's record: answers, history and audit trail. */
  'text.redact': ['administrator'],
  /** Audit programmes, their rounds and who acknowledged feedback. */
  'qa.manage': ['administrator', 'headOfService', 'qaLead'],
  /** A service's trends, predictions and the board's quarterly report (figures, no case data). */
  'qa.view': ['administrator', 'headOfService', 'qaLead', 'auditor', 'boardMember'],
  /** The audit's answers and evidence on the cases one manages, acknowledged or answered. */
  'qa.feedback': ['caseManager'],
  /** A framework file of the service's own (an audit tool); publishing it for every service is an administrator's. */
  'framework.add': ['administrator', 'headOfService', 'qaLead'],
  'framework.publish': ['administrator'],
  /** A newer file of HMIP's published national ratings, replacing the one shown. */
  'national.import': ['administrator'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissionMatrix;

/** What each permission lets a user do, in the README's words. */
export const permissionLabels: Record<Permission, string> = {
  'inspection.create': 'Start an inspection of the service (HMIP and joint: inspectorate members)',
  'inspection.view': "See the inspection's overview, timeline and team",
  'inspection.plan': 'Plan: timeline, team, population, sample, allocation',
  'inspection.status': "Change the inspection's status",
  'team.manage': 'Add, invite and remove inspectors and ratings panel members',
  'case.view': 'See cases, answers, evidence and their history',
  'case.edit': 'Add, import and edit cases; allocate them',
  'case.assess': 'Answer key questions and prompts, with evidence',
  'judgement.edit': 'Record judgements and evidence notes on judged standards',
  'discretion.decide': 'Record or withdraw professional discretion',
  'ratings.view': 'See the ratings and their workings (not the cases behind them)',
  'report.view': 'Read the report',
  'report.edit': 'Write the report',
  'report.publish': 'Publish the report',
  'plan.view': 'See the improvement plan',
  'plan.edit': 'Write the improvement plan',
  'plan.update': 'Update progress on the improvement plan',
  'plan.agree': 'Agree the improvement plan',
  'plan.signOff': 'Sign off the improvement plan',
  'retention.set': "Set how long the service's case data is kept",
  'audit.view': 'Search and export the whole audit trail',
  'moderation.manage': 'Choose cases for moderation and their moderator',
  'moderation.assess': 'Assess a case a second time, blind, as its moderator',
  'moderation.view': 'See agreement between assessors and the moderation report',
  'moderation.reconcile': 'Decide the answer that counts where assessors disagree',
  'text.redact': "Redact personal data from a case's record",
  'qa.manage': 'Set up audit programmes and rounds; see which feedback is acknowledged',
  'qa.view': "See the service's audit trends, predictions and the board's QA report",
  'qa.feedback': "See and acknowledge the audit's feedback on one's own cases",
  'framework.add': "Add a framework file of the service's own",
  'framework.publish': "Publish a service's framework for every service",
  'national.import': "Import a newer file of HMIP's published national ratings",
};

/**
 * What each permission lets one do, as the end of "Only the lead inspector can …": the refusal a user reads
 * when they try it without the role (see `whoMay`).
 */
export const permissionActions: Record<Permission, string> = {
  'inspection.create': 'start an inspection of this service',
  'inspection.view': 'see this inspection',
  'inspection.plan': 'plan the inspection: its timeline, team, population, sample and allocation',
  'inspection.status': 'move the inspection on to its next stage',
  'team.manage': 'add, invite and remove inspectors and ratings panel members',
  'national.import': "import HMIP's published national ratings",
  'case.view': 'see the cases, their answers and evidence',
  'case.edit': 'add, import and edit cases, and allocate them',
  'case.assess': 'assess cases',
  'judgement.edit': 'record judgements and evidence notes on the judged standards',
  'discretion.decide': 'record or withdraw professional discretion',
  'ratings.view': 'see the ratings',
  'report.view': 'read the report',
  'report.edit': 'write the report',
  'report.publish': 'publish the report',
  'plan.view': 'see the improvement plan',
  'plan.edit': 'write the improvement plan',
  'plan.update': 'update progress on the improvement plan',
  'plan.agree': 'agree the improvement plan',
  'plan.signOff': 'sign off the improvement plan',
  'retention.set': "set how long the service's case data is kept",
  'audit.view': 'search and export the whole audit trail',
  'moderation.manage': 'choose cases for moderation and their moderators',
  'moderation.assess': 'assess a case a second time as its moderator',
  'moderation.view': 'see the agreement between assessors',
  'moderation.reconcile': 'decide the answer that counts where assessors disagree',
  'text.redact': "redact personal data from a case's record",
  'qa.manage': 'set up audit programmes and rounds',
  'qa.view': "see the service's audit trends and the board's QA report",
  'qa.feedback': "see and acknowledge the audit's feedback on their own cases",
  'framework.add': "add a framework file of the service's own",
  'framework.publish': "publish a service's framework for every service",
};

const roleWords: Record<Role, string> = {
  leadInspector: 'the lead inspector',
  inspector: 'an inspector',
  ratingsPanel: 'a ratings panel member',
  moderator: 'a moderator',
  headOfService: 'the head of service',
  qaLead: 'a QA lead',
  auditor: 'an auditor',
  boardMember: 'a board member',
  caseManager: 'a case manager',
  administrator: 'a system administrator',
};

/** The refusal in plain words, from the matrix: "Only the lead inspector or a system administrator can …". */
export function whoMay(permission: Permission): string {
  // The people who do the work first, the administrator last.
  const who = [...permissionMatrix[permission]]
    .sort((a, b) => Number(a === 'administrator') - Number(b === 'administrator'))
    .map((role) => roleWords[role]);
  const action = permissionActions[permission];
  if (who.length === 1) return `Only ${who[0]} can ${action}.`;
  // Each joint written out ("{a}, {b}", "… or {last} can …"): the translator finds the role words in the sentence.
  const others = who.slice(0, -1).reduce((a, b) => `${a}, ${b}`);
  return `Only ${others} or ${who.at(-1)} can ${action}.`;
}

/** The access matrix as the README's Markdown table: one row per permission, one column per role. */
export function matrixMarkdown(): string {
  const roles = Object.keys(roleLabels) as Role[];
  const lines = [
    `| Permission | ${roles.map((role) => roleLabels[role]).join(' | ')} |`,
    `| --- | ${roles.map(() => ':-:').join(' | ')} |`,
  ];
  for (const permission of Object.keys(permissionMatrix) as Permission[])
    lines.push(
      `| ${permissionLabels[permission]} (\`${permission}\`) | ${roles.map((role) => (can([role], permission) ? 'yes' : '')).join(' | ')} |`,
    );
  return `${lines.join('\n')}\n`;
}

export function can(roles: Iterable<Role>, permission: Permission): boolean {
  const allowed: readonly Role[] = permissionMatrix[permission];
  for (const role of roles) if (allowed.includes(role)) return true;
  return false;
}

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
 * thing exists); a role without the permission gives ForbiddenError.
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

/** demand, then what the inspection's stage allows: for reads that fetch the inspection and the roles at once. */
export function demandAt(
  inspection: InspectionRow,
  roles: ReadonlySet<Role>,
  permission: Permission,
  what = 'not found',
): void {
  demand(roles, permission, what, inspection);
}

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
