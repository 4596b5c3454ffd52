import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/connect.js';
import {
  auditEvents,
  inspections,
  memberships,
  organisations,
  teamMembers,
  users,
} from '../../../platform/db/core-tables.js';
import { improvementPlans, planAreaRecommendations, planAreas, planSignOffs } from '../tables.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { ValidationError } from '../../../platform/errors.js';
import { organisationWith, rolesFor, can } from '../../../policy/policy.js';
import { planAbilities, planWith, todayInLondon } from './access.js';
import { loadAreas, recommendationsOf, signOffsOf } from './load.js';
import { newPlanSchema, signOffSchema } from './validation.js';
import { validated } from '../../../platform/field-errors.js';
import { systemClock, type Clock } from '../../../platform/clock.js';

/** The headings a plan made from recommendations starts with, by who the recommendation is for. */
export const recommendationActorDomains: Record<string, string> = {
  service: 'The youth justice service',
  board: 'The management board',
  police: 'The police',
  probation: 'The Probation Service',
  other: 'Other partners',
};

export function createPlanService(db: Database, clock: Clock = systemClock) {
  /** The plan with everything its pages show, and what the actor may do to it. */
  async function plan(actor: Actor, planId: string) {
    const { plan, roles } = await planWith(db, actor, planId, 'plan.view');
    const [organisation] = await db.select().from(organisations).where(eq(organisations.id, plan.organisationId));
    const [inspection] = plan.inspectionId
      ? await db.select().from(inspections).where(eq(inspections.id, plan.inspectionId))
      : [];
    const signOffs = await signOffsOf(db, planId);
    const agreed = signOffs.filter((s) => s.kind === 'leadInspectorAgreed').at(-1) ?? null;
    const signedOff = signOffs.filter((s) => s.kind === 'chairSignedOff').at(-1) ?? null;
    return {
      plan,
      organisation: organisation!,
      inspection: inspection ?? null,
      areas: await loadAreas(db, planId),
      recommendations: await recommendationsOf(db, plan.inspectionId),
      signOffs,
      agreed,
      signedOff,
      /** A plan of an inspection is signed off by the chair only once the lead inspector has agreed it. */
      awaitingAgreement: plan.inspectionId !== null && agreed === null,
      /** A sign-off recorded before any agreement (as a service published its plan): the page says so. */
      signedBeforeAgreement:
        signedOff !== null && plan.inspectionId !== null && (agreed === null || agreed.date > signedOff.date),
      /** Changes since the chair signed: the plan's version moved on from the one signed. */
      changedSinceSignOff: signedOff !== null && plan.version > signedOff.planVersion,
      can: planAbilities(roles),
      today: todayInLondon(clock.now()),
    };
  }

  return {
    plan,

    /** The plans the actor may see, newest first, with their service; and the services they may start one for. */
    async list(actor: Actor) {
      const visible = actor.isAdmin
        ? undefined
        : or(
            sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${actor.id} and ${memberships.organisationId} = ${improvementPlans.organisationId})`,
            sql`exists (select 1 from ${teamMembers} where ${teamMembers.userId} = ${actor.id} and ${teamMembers.inspectionId} = ${improvementPlans.inspectionId})`,
          );
      const candidates = await db
        .select({
          id: improvementPlans.id,
          title: improvementPlans.title,
          organisationId: improvementPlans.organisationId,
          inspectionId: improvementPlans.inspectionId,
          organisationName: organisations.name,
          inspectionTitle: inspections.title,
          updatedAt: improvementPlans.updatedAt,
        })
        .from(improvementPlans)
        .innerJoin(organisations, eq(organisations.id, improvementPlans.organisationId))
        .leftJoin(inspections, eq(inspections.id, improvementPlans.inspectionId))
        .where(visible)
        .orderBy(asc(organisations.name), desc(improvementPlans.createdAt));
      // A membership or a team place is not enough: only roles with plan.view see that a plan exists.
      const plans = [];
      for (const p of candidates)
        if (
          can(
            await rolesFor(db, actor, { organisationId: p.organisationId, inspectionId: p.inspectionId }),
            'plan.view',
          )
        )
          plans.push(p);
      const signed = plans.length
        ? await db
            .select({ planId: planSignOffs.planId, kind: planSignOffs.kind, date: planSignOffs.date })
            .from(planSignOffs)
            .where(
              inArray(
                planSignOffs.planId,
                plans.map((p) => p.id),
              ),
            )
        : [];
      return plans.map((p) => ({
        ...p,
        agreedOn: signed.filter((s) => s.planId === p.id && s.kind === 'leadInspectorAgreed').at(-1)?.date ?? null,
        signedOffOn: signed.filter((s) => s.planId === p.id && s.kind === 'chairSignedOff').at(-1)?.date ?? null,
      }));
    },

    /** Services the actor may write a plan for, each with its inspections (for "start from recommendations"). */
    async servicesForNewPlan(actor: Actor) {
      const candidates = actor.isAdmin
        ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations)
        : await db
            .select({ id: organisations.id, name: organisations.name })
            .from(memberships)
            .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
            .where(eq(memberships.userId, actor.id));
      const allowed = [];
      for (const organisation of candidates)
        if (can(await rolesFor(db, actor, { organisationId: organisation.id }), 'plan.edit'))
          allowed.push(organisation);
      const inspectionRows = allowed.length
        ? await db
            .select({ id: inspections.id, title: inspections.title, organisationId: inspections.organisationId })
            .from(inspections)
            .where(
              inArray(
                inspections.organisationId,
                allowed.map((o) => o.id),
              ),
            )
            .orderBy(desc(inspections.createdAt))
        : [];
      return allowed
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((o) => ({ ...o, inspections: inspectionRows.filter((i) => i.organisationId === o.id) }));
    },

    /** A new plan: blank, or one area per recommendation of the inspection (each editable afterwards). */
    async create(actor: Actor, input: Record<string, unknown>) {
      const parsed = validated(newPlanSchema, input, { by: 'box' });
      const { organisationId, inspectionId, title, startFrom } = parsed;
      await organisationWith(db, actor, organisationId, 'plan.edit');
      if (inspectionId) {
        const [inspection] = await db
          .select({ organisationId: inspections.organisationId })
          .from(inspections)
          .where(eq(inspections.id, inspectionId));
        if (inspection?.organisationId !== organisationId)
          throw new ValidationError({ inspectionId: "Select one of the service's inspections" });
      }
      if (startFrom === 'recommendations' && !inspectionId)
        throw new ValidationError({ inspectionId: 'Select the inspection whose recommendations the plan answers' });
      const fromRecommendations = startFrom === 'recommendations' ? await recommendationsOf(db, inspectionId!) : [];
      if (startFrom === 'recommendations' && fromRecommendations.length === 0)
        throw new ValidationError({ startFrom: 'The inspection has no recommendations yet: start with a blank plan' });
      // The plan's start (the impact page counts from it) and its areas' first change, by the clock.
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [created] = await tx
          .insert(improvementPlans)
          .values({
            organisationId,
            inspectionId: inspectionId ?? null,
            title,
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        for (const [index, recommendation] of fromRecommendations.entries()) {
          const [area] = await tx
            .insert(planAreas)
            .values({
              planId: created!.id,
              number: index + 1,
              domain: recommendationActorDomains[recommendation.actor] ?? 'Recommendations',
              standardId: recommendation.standardIds.find((id) => /^\d+\.\d+$/.test(id)) ?? null,
              text: recommendation.text,
              source: `Recommendation ${recommendation.number}`,
              updatedAt: now,
            })
            .returning();
          await tx.insert(planAreaRecommendations).values({ areaId: area!.id, recommendationId: recommendation.id });
        }
        await recordAudit(tx, actor, {
          action: 'plan.create',
          subjectType: 'improvementPlan',
          subjectId: created!.id,
          inspectionId: created!.inspectionId,
          after: { ...created, areasFromRecommendations: fromRecommendations.length },
        });
        return created!;
      });
    },

    /** The lead inspector's agreement ('plan.agree') or the chair's sign-off ('plan.signOff'), on a date. */
    async signOff(actor: Actor, planId: string, kind: 'leadInspectorAgreed' | 'chairSignedOff', input: unknown) {
      // Access first: a role without the permission gets 403 whatever it sent.
      const { plan: current } = await planWith(
        db,
        actor,
        planId,
        kind === 'chairSignedOff' ? 'plan.signOff' : 'plan.agree',
      );
      const parsed = validated(signOffSchema, input, { by: 'box' });
      if (kind === 'chairSignedOff' && current.inspectionId !== null) {
        const agreed = (await signOffsOf(db, planId)).some((s) => s.kind === 'leadInspectorAgreed');
        if (!agreed)
          throw new ValidationError({
            date: 'The lead inspector has not agreed the plan yet: the chair signs it off once it is agreed',
          });
      }
      if (parsed.date > todayInLondon(clock.now()))
        throw new ValidationError({ date: 'Date must be today or in the past' });
      return db.transaction(async (tx) => {
        // The version signed is read under the plan's row lock, so no change can slip in between.
        const [locked] = await tx
          .select({ version: improvementPlans.version })
          .from(improvementPlans)
          .where(eq(improvementPlans.id, planId))
          .for('update');
        const [row] = await tx
          .insert(planSignOffs)
          .values({
            planId,
            kind,
            ...parsed,
            planVersion: locked?.version ?? current.version,
            byUserId: actor.id,
            byName: actor.displayName,
            // By the clock, as the areas' and actions' updatedAt: the plan's page marks those changed after it.
            createdAt: clock.now(),
          })
          .returning();
        await recordAudit(tx, actor, {
          action: kind === 'chairSignedOff' ? 'plan.signOff' : 'plan.agree',
          subjectType: 'improvementPlan',
          subjectId: planId,
          inspectionId: current.inspectionId,
          after: row,
        });
        return row!;
      });
    },

    /** Every change to the plan, newest first; those after the chair's latest sign-off are marked. */
    async history(actor: Actor, planId: string) {
      const found = await plan(actor, planId);
      const events = await db
        .select({
          id: auditEvents.id,
          at: auditEvents.at,
          action: auditEvents.action,
          after: auditEvents.after,
          by: users.displayName,
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.userId))
        .where(and(eq(auditEvents.subjectType, 'improvementPlan'), eq(auditEvents.subjectId, planId)))
        .orderBy(desc(auditEvents.id));
      // After the sign-off's own event on the trail: the trail's order, not its time (the database's, where the
      // sign-off's is the clock's).
      const signOffEvent = found.signedOff
        ? events.find((e) => e.action === 'plan.signOff' && (e.after as { id?: string }).id === found.signedOff!.id)
        : undefined;
      return {
        ...found,
        events: events.map((e) => ({
          ...e,
          afterSignOff:
            signOffEvent !== undefined && e.id > signOffEvent.id && /^plan\.(area|action|import)/.test(e.action),
        })),
      };
    },

    /** Actions of a plan by id, for the routes that need one action and its area. */
    async actionOf(actor: Actor, planId: string, actionId: string) {
      const found = await plan(actor, planId);
      for (const area of found.areas) {
        const action = area.actions.find((a) => a.id === actionId);
        if (action) return { ...found, area, action };
      }
      return null;
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
