import { isoDateField } from '../../domain/dates.js';
import { validated } from '../../platform/field-errors.js';
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Queryable } from '../../platform/db/connect.js';
import {
  inspectionKinds,
  inspections,
  memberships,
  organisations,
  teamMembers,
  users,
} from '../../platform/db/core-tables.js';
import { frameworkIds, isStoredFramework } from '../../platform/framework-registry.js';
import { visibleInspections } from '../../policy/access.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import {
  can,
  demandInspectionCreation,
  inspectionWith,
  inspectorateRoles,
  rolesFor,
  type Permission,
} from '../../policy/policy.js';

export const inspectionKindLabels: Record<(typeof inspectionKinds)[number], string> = {
  hmipInspection: 'HMIP inspection',
  jointInspection: 'Joint inspection',
  mockInspection: 'Mock inspection',
  internalAudit: 'Internal audit',
};

export const newInspectionSchema = z
  .object({
    organisationId: z.uuid('Select the service inspected'),
    framework: z
      .string()
      .refine((id) => frameworkIds().includes(id) || isStoredFramework(id), 'Select a framework version'),
    kind: z.enum(inspectionKinds, { error: 'Select the kind of inspection' }),
    title: z.string().trim().max(200, 'Title must be 200 characters or fewer').optional(),
    fieldworkStart: isoDateField('Fieldwork start').nullish(),
    fieldworkEnd: isoDateField('Fieldwork end').nullish(),
    caseWindowFrom: isoDateField('Case window start').nullish(),
    caseWindowTo: isoDateField('Case window end').nullish(),
  })
  .refine((v) => !v.fieldworkStart || !v.fieldworkEnd || v.fieldworkEnd >= v.fieldworkStart, {
    path: ['fieldworkEnd'],
    message: 'Fieldwork end must be the same as or after fieldwork start',
  })
  .refine((v) => !v.caseWindowFrom || !v.caseWindowTo || v.caseWindowTo >= v.caseWindowFrom, {
    path: ['caseWindowTo'],
    message: 'Case window end must be the same as or after its start',
  });
export type NewInspection = z.input<typeof newInspectionSchema>;

export function createInspectionService(db: Database) {
  return {
    async list(actor: Actor) {
      return db
        .select({
          id: inspections.id,
          title: inspections.title,
          kind: inspections.kind,
          status: inspections.status,
          frameworkId: inspections.frameworkId,
          fieldworkStart: inspections.fieldworkStart,
          isDemo: inspections.isDemo,
          organisationName: organisations.name,
        })
        .from(inspections)
        .innerJoin(organisations, eq(organisations.id, inspections.organisationId))
        .where(visibleInspections(actor))
        .orderBy(desc(inspections.createdAt));
    },

    async create(actor: Actor, input: NewInspection) {
      return (await this.createAnd(actor, input, () => Promise.resolve(undefined))).inspection;
    },

    /**
     * A new inspection with its creator as lead, and `andThen` in the same transaction: what is built on the
     * inspection (an audit round and its cases) is made with it or not at all.
     */
    async createAnd<T>(
      actor: Actor,
      input: NewInspection,
      andThen: (tx: Queryable, inspection: typeof inspections.$inferSelect) => Promise<T>,
    ) {
      const parsed = validated(newInspectionSchema, input);
      const value = parsed;
      await demandInspectionCreation(db, actor, value.organisationId, value.kind);
      return db.transaction(async (tx) => {
        const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, value.organisationId));
        if (!organisation || organisation.kind === 'inspectorate')
          throw new ValidationError({ organisationId: 'Select the service inspected' });
        const title =
          value.title ||
          `${organisation.name}: ${inspectionKindLabels[value.kind]}${value.fieldworkStart ? `, ${value.fieldworkStart.slice(0, 7)}` : ''}`;
        const [inspection] = await tx
          .insert(inspections)
          .values({
            organisationId: value.organisationId,
            frameworkId: value.framework,
            kind: value.kind,
            title,
            fieldworkStart: value.fieldworkStart ?? null,
            fieldworkEnd: value.fieldworkEnd ?? null,
            caseWindowFrom: value.caseWindowFrom ?? null,
            caseWindowTo: value.caseWindowTo ?? null,
            createdBy: actor.id,
          })
          .returning();
        // The creator leads the inspection team.
        await tx.insert(teamMembers).values({ inspectionId: inspection!.id, userId: actor.id, role: 'leadInspector' });
        await recordAudit(tx, actor, {
          action: 'inspection.create',
          subjectType: 'inspection',
          subjectId: inspection!.id,
          inspectionId: inspection!.id,
          after: inspection,
        });
        return { inspection: inspection!, built: await andThen(tx, inspection!) };
      });
    },

    get: (actor: Actor, inspectionId: string, permission: Permission = 'inspection.view') =>
      inspectionWith(db, actor, inspectionId, permission),

    async organisationOf(organisationId: string) {
      const [organisation] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
      return organisation!;
    },

    async team(actor: Actor, inspectionId: string) {
      await inspectionWith(db, actor, inspectionId, 'inspection.view');
      return db
        .select({ userId: users.id, displayName: users.displayName, email: users.email, role: teamMembers.role })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(eq(teamMembers.inspectionId, inspectionId))
        .orderBy(asc(users.displayName));
    },

    async addTeamMember(
      actor: Actor,
      inspectionId: string,
      userId: string,
      role: (typeof teamMembers.$inferInsert)['role'],
    ) {
      await inspectionWith(db, actor, inspectionId, 'team.manage');
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select({ role: teamMembers.role })
          .from(teamMembers)
          .where(and(eq(teamMembers.inspectionId, inspectionId), eq(teamMembers.userId, userId)));
        await tx
          .insert(teamMembers)
          .values({ inspectionId, userId, role })
          .onConflictDoUpdate({ target: [teamMembers.inspectionId, teamMembers.userId], set: { role } });
        await recordAudit(tx, actor, {
          action: 'team.add',
          subjectType: 'user',
          subjectId: userId,
          inspectionId,
          before: before ?? null,
          after: { role },
        });
      });
    },

    /** Organisations the actor may create an inspection of (an inspectorate's members: every service). */
    async organisationsFor(actor: Actor) {
      // An inspectorate is never itself a service to inspect.
      const all = await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.kind, 'youthJusticeService'))
        .orderBy(organisations.name);
      if (can(await inspectorateRoles(db, actor), 'inspection.create')) return all;
      const mine = await db
        .select({ id: memberships.organisationId })
        .from(memberships)
        .where(eq(memberships.userId, actor.id));
      const permitted = new Set<string>();
      for (const { id } of mine)
        if (can(await rolesFor(db, actor, { organisationId: id }), 'inspection.create')) permitted.add(id);
      return all.filter((o) => permitted.has(o.id));
    },
  };
}

export type InspectionService = ReturnType<typeof createInspectionService>;
