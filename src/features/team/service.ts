import { and, asc, count, eq, gt, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Queryable } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { cases, inspections, memberships, organisations, teamMembers, users } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { validated } from '../../platform/field-errors.js';
import { isUuid } from '../../policy/access.js';
import { inspectionWith, roleLabels } from '../../policy/policy.js';
import { newUserSchema } from '../accounts/index.js';
import type { InvitationService } from './invitations.js';
import { invitations } from './tables.js';

/** The roles a lead gives: the lead inspector is whoever created the inspection. */
export const joiningRoles = ['inspector', 'ratingsPanel'] as const;
export type JoiningRole = (typeof joiningRoles)[number];

const roleSchema = z.enum(joiningRoles, 'Select inspector or ratings panel member');
const addSchema = z.object({ userId: z.string().refine(isUuid, 'Select a person to add'), role: roleSchema });
const inviteSchema = z.object({
  email: newUserSchema.shape.email,
  displayName: z.string().trim().min(1, 'Enter their name').max(200, 'Name must be 200 characters or fewer'),
  role: roleSchema,
});

/** Puts the user on the inspection's team in the role, on the audit trail. */
async function putOnTeam(
  tx: Queryable,
  actor: Actor,
  inspectionId: string,
  member: { userId: string; role: JoiningRole; email: string },
) {
  await tx.insert(teamMembers).values({ inspectionId, userId: member.userId, role: member.role });
  await recordAudit(tx, actor, {
    action: 'team.add',
    subjectType: 'user',
    subjectId: member.userId,
    inspectionId,
    after: { role: member.role, email: member.email },
  });
}

/** The inspection team: who is on it, whom the lead may add, inviting someone new, and removing. */
export function createTeamService(db: Database, invitationService: InvitationService, clock: Clock = systemClock) {
  /**
   * Whom the lead chooses from: for HMIP and joint inspections the inspectorate's users, for a service's own
   * mock inspection or audit the service's users. Never a disabled user, never someone already on the team.
   */
  async function candidates(inspection: typeof inspections.$inferSelect) {
    const inspectorate = inspection.kind === 'hmipInspection' || inspection.kind === 'jointInspection';
    const pool = db
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(inspectorate ? eq(organisations.kind, 'inspectorate') : eq(organisations.id, inspection.organisationId));
    const onTeam = db
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(eq(teamMembers.inspectionId, inspection.id));
    return db
      .selectDistinct({ id: users.id, displayName: users.displayName, email: users.email })
      .from(users)
      .where(and(inArray(users.id, pool), notInArray(users.id, onTeam), isNull(users.disabledAt)))
      .orderBy(asc(users.displayName), asc(users.email));
  }

  /** The inspectorate the lead belongs to: an invited inspector joins it, to be chosen for later teams. */
  async function inspectorateOf(actor: Actor) {
    const [row] = await db
      .select({ id: organisations.id })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.userId, actor.id), eq(organisations.kind, 'inspectorate')))
      .limit(1);
    return row?.id ?? null;
  }

  return {
    candidates: async (actor: Actor, inspectionId: string) =>
      candidates(await inspectionWith(db, actor, inspectionId, 'team.manage')),

    async list(actor: Actor, inspectionId: string) {
      await inspectionWith(db, actor, inspectionId, 'inspection.view');
      const open = db
        .select({ userId: invitations.userId })
        .from(invitations)
        .where(and(isNull(invitations.usedAt), gt(invitations.expiresAt, clock.now())));
      const rows = await db
        .select({
          userId: users.id,
          displayName: users.displayName,
          email: users.email,
          role: teamMembers.role,
          hasPassword: sql<boolean>`${users.passwordHash} is not null`,
          invited: sql<boolean>`${users.id} in (${open})`,
          allocated: sql<number>`(select count(*)::int from ${cases} where ${cases.inspectionId} = ${inspectionId} and ${cases.allocatedTo} = ${users.id})`,
        })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(eq(teamMembers.inspectionId, inspectionId))
        .orderBy(
          sql`case ${teamMembers.role} when 'leadInspector' then 0 when 'inspector' then 1 else 2 end`,
          asc(users.displayName),
        );
      return rows.map((row) => ({ ...row, roleLabel: roleLabels[row.role] }));
    },

    async add(actor: Actor, inspectionId: string, input: { userId?: unknown; role?: unknown }) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'team.manage');
      const { userId, role } = validated(addSchema, input, { by: 'box' });
      const chosen = (await candidates(inspection)).find((c) => c.id === userId);
      if (!chosen) throw new ValidationError({ userId: 'Select a person to add from the list' });
      await db.transaction(async (tx) => {
        await putOnTeam(tx, actor, inspectionId, { userId, role, email: chosen.email });
      });
      return { ...chosen, role };
    },

    /** A new user, put on the team now (so cases can be allocated to them), who sets a password by the link. */
    async invite(
      actor: Actor,
      inspectionId: string,
      input: { email?: unknown; displayName?: unknown; role?: unknown },
      origin: string | undefined,
    ) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'team.manage');
      const { email, displayName, role } = validated(inviteSchema, input, { by: 'box' });
      const inspectorate =
        inspection.kind === 'hmipInspection' || inspection.kind === 'jointInspection'
          ? await inspectorateOf(actor)
          : null;
      // Read before the transaction: on the embedded database a read outside it would wait for it to end.
      const [known] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (known)
        throw new ValidationError({
          email: (await candidates(inspection)).some((c) => c.id === known.id)
            ? 'This person already has an account: choose them from the list instead'
            : 'This email address already has an account elsewhere: ask an administrator to add them',
        });
      const invitation = await db.transaction(async (tx) => {
        const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
        if (existing) throw new ValidationError({ email: 'This email address already has an account' });
        const [user] = await tx
          .insert(users)
          .values({ email, displayName, createdAt: clock.now() })
          .returning({ id: users.id });
        const userId = user!.id;
        await recordAudit(tx, actor, {
          action: 'user.create',
          subjectType: 'user',
          subjectId: userId,
          after: { email, displayName },
        });
        if (inspectorate) {
          await tx.insert(memberships).values({ userId, organisationId: inspectorate, role: 'auditor' });
          await recordAudit(tx, actor, {
            action: 'membership.add',
            subjectType: 'user',
            subjectId: userId,
            after: { organisationId: inspectorate, role: 'auditor' },
          });
        }
        await putOnTeam(tx, actor, inspectionId, { userId, role, email });
        return invitationService.issue(tx, actor, { userId, email, inspectionId, role }, origin);
      });
      const purpose = `to join the team of ${inspection.title} as ${roleLabels[role].toLowerCase()}`;
      return {
        email,
        displayName,
        role,
        ...(await invitationService.send(invitation, email, actor.displayName, purpose)),
      };
    },

    /** Off the team; the lead stays, and cases still allocated to them must be reallocated first. */
    async remove(actor: Actor, inspectionId: string, userId: string) {
      await inspectionWith(db, actor, inspectionId, 'team.manage');
      if (!isUuid(userId)) throw new NotFoundError('team member not found');
      const [member] = await db
        .select({ role: teamMembers.role, email: users.email, displayName: users.displayName })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(and(eq(teamMembers.inspectionId, inspectionId), eq(teamMembers.userId, userId)));
      if (!member) throw new NotFoundError('team member not found');
      if (member.role === 'leadInspector')
        throw new ValidationError({ userId: 'The lead inspector stays on the team: they lead the inspection' });
      const [allocated] = await db
        .select({ n: count() })
        .from(cases)
        .where(and(eq(cases.inspectionId, inspectionId), eq(cases.allocatedTo, userId)));
      if (allocated!.n > 0)
        throw new ValidationError({
          userId: `${member.displayName} has ${allocated!.n} ${allocated!.n === 1 ? 'case' : 'cases'} allocated: allocate them to someone else first`,
        });
      await db.transaction(async (tx) => {
        await tx
          .delete(teamMembers)
          .where(and(eq(teamMembers.inspectionId, inspectionId), eq(teamMembers.userId, userId)));
        await recordAudit(tx, actor, {
          action: 'team.remove',
          subjectType: 'user',
          subjectId: userId,
          inspectionId,
          before: { role: member.role, email: member.email },
        });
      });
      return member;
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
