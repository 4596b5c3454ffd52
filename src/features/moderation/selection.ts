import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Queryable } from '../../platform/db/connect.js';
import { answers, cases, memberships, teamMembers, users } from '../../platform/db/core-tables.js';
import { drawForModeration } from '../../domain/agreement/breakdown.js';
import { maxSeed } from '../../domain/sampling/random.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { getFramework } from '../../platform/framework-registry.js';
import { inspectionWith, refusalOf, rolesFor, type Permission } from '../../policy/policy.js';
import type { InspectionKind } from '../../domain/timeline/propose.js';
import { assessedCaseOf } from '../cases/index.js';
import { validated } from '../../platform/field-errors.js';
import { expectedKeyQuestions, roundStandardsOf } from './questions.js';
import { moderationCases } from './tables.js';

export const selectionSchema = z
  .object({
    moderatorId: z.uuid({ error: 'Select who moderates the cases' }),
    how: z.enum(['share', 'hand'], { error: 'Select how the cases are chosen' }),
    percent: z.coerce
      .number({ error: 'Enter the share of cases as a whole number' })
      .int('Enter the share of cases as a whole number')
      .min(1, 'The share must be between 1% and 100%')
      .max(100, 'The share must be between 1% and 100%')
      .optional(),
    seed: z.coerce
      .number({ error: 'Enter the seed as a whole number' })
      .int('Enter the seed as a whole number')
      .min(0, `The seed must be a whole number from 0 to ${maxSeed}`)
      .max(maxSeed, `The seed must be a whole number from 0 to ${maxSeed}`)
      .optional(),
    caseIds: z.array(z.uuid()).default([]),
  })
  .superRefine((value, context) => {
    if (value.how === 'share' && value.percent === undefined)
      context.addIssue({ code: 'custom', path: ['percent'], message: 'Enter the share of cases to moderate' });
    if (value.how === 'hand' && value.caseIds.length === 0)
      context.addIssue({ code: 'custom', path: ['caseIds'], message: 'Select at least one case' });
  });
export type SelectionInput = z.input<typeof selectionSchema>;

/** Who may moderate: the inspection's team and the service's QA leads, auditors and head of service. */
export async function moderatorCandidates(db: Database, inspection: { id: string; organisationId: string }) {
  const rows = await db
    .selectDistinct({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(
      and(
        sql`${users.disabledAt} is null`,
        sql`(${users.id} in (select ${teamMembers.userId} from ${teamMembers} where ${teamMembers.inspectionId} = ${inspection.id})
          or ${users.id} in (select ${memberships.userId} from ${memberships} where ${memberships.organisationId} = ${inspection.organisationId}
            and ${memberships.role} in ('qaLead', 'auditor', 'headOfService')))`,
      ),
    )
    .orderBy(asc(users.displayName));
  return rows;
}

/**
 * Whether the first assessor has answered every key question the case is expected to answer: of a thematic
 * audit round, every key question of the round's standards.
 */
export async function firstAssessmentComplete(db: Queryable, frameworkId: string, caseIds: string[]) {
  const done = new Map<string, boolean>();
  if (caseIds.length === 0) return done;
  const framework = getFramework(frameworkId);
  const rows = await db.select().from(cases).where(inArray(cases.id, caseIds));
  const stored = await db
    .select({ caseId: answers.caseId, questionId: answers.questionId, answer: answers.answer })
    .from(answers)
    .where(inArray(answers.caseId, caseIds));
  // A thematic round's cases are complete when its own standards are answered.
  const standards = await roundStandardsOf(
    db,
    rows.map((r) => r.inspectionId),
  );
  for (const row of rows) {
    const given = Object.fromEntries(stored.filter((a) => a.caseId === row.id).map((a) => [a.questionId, a.answer]));
    const expected = expectedKeyQuestions(
      framework,
      row,
      assessedCaseOf(row, given),
      standards.get(row.inspectionId) ?? null,
    );
    done.set(row.id, expected.length > 0 && expected.every((id) => given[id] !== undefined));
  }
  return done;
}

export function createSelectionService(db: Database) {
  return {
    /**
     * Chooses cases for a second, blind assessment by one moderator: by hand, or a share drawn at random with
     * a recorded seed. A case already chosen keeps its moderator; the moderator never moderates a case
     * allocated to them. Audited.
     */
    async select(actor: Actor, inspectionId: string, input: SelectionInput) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'moderation.manage');
      const parsed = validated(selectionSchema, input);
      const value = parsed;
      const candidates = await moderatorCandidates(db, inspection);
      if (!candidates.some((c) => c.id === value.moderatorId))
        throw new ValidationError({ moderatorId: 'Select a moderator from the list' });
      return db.transaction(async (tx) => {
        // One selection at a time per inspection: two at once would draw from the same free cases.
        await tx.execute(sql`select id from inspections where id = ${inspectionId} for update`);
        const taken = new Set(
          (
            await tx
              .select({ caseId: moderationCases.caseId })
              .from(moderationCases)
              .where(eq(moderationCases.inspectionId, inspectionId))
          ).map((r) => r.caseId),
        );
        const all = await tx
          .select({ id: cases.id, allocatedTo: cases.allocatedTo })
          .from(cases)
          .where(eq(cases.inspectionId, inspectionId));
        const free = all.filter((c) => !taken.has(c.id) && c.allocatedTo !== value.moderatorId).map((c) => c.id);
        const seed = value.seed ?? Math.floor(Math.random() * maxSeed);
        let chosen: string[];
        if (value.how === 'share') {
          if (free.length === 0)
            throw new ValidationError({ percent: 'Every case is already chosen or allocated to this moderator' });
          chosen = drawForModeration(free, value.percent!, seed);
        } else {
          const unknown = value.caseIds.filter((id) => !free.includes(id));
          if (unknown.length > 0)
            throw new ValidationError({
              caseIds: 'Select cases of this inspection not already chosen and not allocated to the moderator',
            });
          chosen = [...new Set(value.caseIds)];
        }
        await tx.insert(moderationCases).values(
          chosen.map((caseId) => ({
            caseId,
            inspectionId,
            moderatorId: value.moderatorId,
            selectedBy: actor.id,
            drawSeed: value.how === 'share' ? seed : null,
            drawPercent: value.how === 'share' ? value.percent! : null,
          })),
        );
        await recordAudit(tx, actor, {
          action: 'moderation.select',
          subjectType: 'inspection',
          subjectId: inspectionId,
          inspectionId,
          after: {
            moderatorId: value.moderatorId,
            caseIds: chosen,
            ...(value.how === 'share' && { percent: value.percent, seed }),
          },
        });
        return { caseIds: chosen, seed: value.how === 'share' ? seed : null };
      });
    },

    /** Who may be chosen to moderate this inspection's cases, and the cases not chosen yet. */
    async selectionChoices(actor: Actor, inspectionId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'moderation.manage');
      const free = await db
        .select({ id: cases.id, ref: cases.ref })
        .from(cases)
        .where(
          and(
            eq(cases.inspectionId, inspectionId),
            sql`${cases.id} not in (select ${moderationCases.caseId} from ${moderationCases})`,
          ),
        )
        .orderBy(asc(cases.ref));
      return { moderators: await moderatorCandidates(db, inspection), cases: free };
    },

    /** What the actor may do with moderation on this inspection, for pages to offer only that. */
    /** What the actor may do in the inspection's moderation now, at its stage (refusalOf, as the routes decide). */
    async abilities(
      actor: Actor,
      inspection: { id: string; organisationId: string; kind: InspectionKind; status: string },
    ) {
      const roles = await rolesFor(db, actor, {
        organisationId: inspection.organisationId,
        inspectionId: inspection.id,
      });
      const may = (permission: Permission) => refusalOf(roles, permission, inspection) === null;
      return {
        manage: may('moderation.manage'),
        view: may('moderation.view'),
        reconcile: may('moderation.reconcile'),
      };
    },
  };
}
