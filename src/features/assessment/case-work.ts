import { validated } from '../../platform/field-errors.js';
import { and, asc, eq, ne, notExists, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { cases, users } from '../../platform/db/core-tables.js';
import type { Framework, Standard } from '../../domain/framework/model.js';
import type { AssessedCase } from '../../domain/rating/types.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import {
  assessedCaseOf,
  caseAttributeOptions,
  factorFieldsOf,
  type CaseRow,
  type FactorField,
} from '../cases/index.js';
import { heldBackEvidence } from '../privacy/index.js';
import { can, rolesFor, type Permission } from '../../policy/policy.js';
import { caseQuestions, standardsOfCase, type AssessmentService } from './service.js';
import {
  formAnswers,
  standardProgress,
  withBulkAnswer,
  type BulkAnswer,
  type CaseKeyQuestion,
  type PostedAnswers,
} from './standard-form.js';
import { caseCompletions } from './tables.js';

/** The posted answers with the bulk answer given to the prompts answered neither on the form nor before. */
function bulkAnswered(
  keyQuestions: readonly CaseKeyQuestion[],
  stored: Readonly<Record<string, { answer: string }>>,
  posted: Record<string, string>,
  bulk: BulkAnswer,
) {
  const known = Object.fromEntries(Object.entries(stored).map(([id, s]) => [id, s.answer]));
  const filled = withBulkAnswer(keyQuestions, { ...known, ...posted }, bulk);
  return Object.fromEntries(Object.entries(filled).filter(([id]) => id in posted || !(id in known)));
}

/** The standard's key questions as the case meets them; one ruled out by the case's factors says why. */
export function caseKeyQuestions(standard: Standard, assessedCase: AssessedCase): CaseKeyQuestion[] {
  return standard.keyQuestions.map((keyQuestion) => {
    const questions = caseQuestions(keyQuestion, assessedCase);
    return { keyQuestion, questions, applies: questions.at(-1)!.notApplicableBecause === null };
  });
}

export interface StandardSave extends PostedAnswers {
  /** Questions whose evidence the user confirmed is not personal data. */
  confirmedNotPersonal: string[];
  expectedVersion: number | undefined;
  bulk: BulkAnswer | null;
}

const optionalEnum = (options: Record<string, string>, message: string) =>
  z
    .string()
    .refine((v) => v === '' || v in options, message)
    .transform((v) => (v === '' ? null : v));
const factor = z
  .enum(['yes', 'no', ''], { error: 'Select yes, no or not known' })
  .transform((v) => (v === '' ? null : v === 'yes'));

/** The factors an inspector may correct while assessing (those of the case's framework), with the reason. */
export const factorsSchemaOf = (framework: Framework) =>
  z.object({
    rosh: optionalEnum(caseAttributeOptions.rosh, 'Select the risk of serious harm classification from the list'),
    swb: optionalEnum(caseAttributeOptions.swb, 'Select the safety and wellbeing classification from the list'),
    ...Object.fromEntries(factorFieldsOf(framework.file.caseFactors).map((f) => [f.field, factor])),
    reason: z
      .string({ error: 'Enter why the factors are changed' })
      .trim()
      .min(1, 'Enter why the factors are changed')
      .max(1000, 'The reason must be 1,000 characters or fewer'),
  });

/** The assessing inspector's work on a case: standard pages, drafts, completion and the next case. */
export function createCaseWork(db: Database, assessment: AssessmentService, clock: Clock = systemClock) {
  async function allocatedName(row: CaseRow) {
    if (!row.allocatedTo) return null;
    const [found] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.allocatedTo));
    return found?.name ?? null;
  }

  /** The case with each of its standards and their progress, and whether it is marked complete. */
  async function caseWork(actor: Actor, inspectionId: string, caseId: string, permission: Permission = 'case.view') {
    const found = await assessment.get(actor, inspectionId, caseId, permission);
    const assessedCase = assessedCaseOf(found.case, {});
    const standards = standardsOfCase(found.framework, found.case).map((standard) => {
      const keyQuestions = caseKeyQuestions(standard, assessedCase);
      return { standard, keyQuestions, ...standardProgress(keyQuestions, found.answers) };
    });
    const [completion] = await db.select().from(caseCompletions).where(eq(caseCompletions.caseId, caseId));
    const open = standards.filter((s) => s.status !== 'notApplicable');
    const ready = open.every((s) => s.status === 'completed');
    const roles = await rolesFor(db, actor, { organisationId: found.inspection.organisationId, inspectionId });
    return {
      ...found,
      canAssess: can(roles, 'case.assess'),
      canRedact: can(roles, 'text.redact'),
      allocatedName: await allocatedName(found.case),
      allocatedToSomeoneElse: found.case.allocatedTo !== null && found.case.allocatedTo !== actor.id,
      standards,
      remaining: open.reduce((n, s) => n + s.remaining, 0),
      ready,
      // A factor corrected after completion can bring questions in: the case is complete only while they are answered.
      complete: completion !== undefined && ready,
      completedAt: completion?.completedAt ?? null,
    };
  }

  async function standardPage(actor: Actor, inspectionId: string, caseId: string, standardId: string) {
    const work = await caseWork(actor, inspectionId, caseId, 'case.assess');
    const index = work.standards.findIndex((s) => s.standard.id === standardId);
    if (index < 0) throw new NotFoundError('standard not found');
    const next = work.standards.slice(index + 1).find((s) => s.status !== 'notApplicable');
    return {
      ...work,
      ...work.standards[index]!,
      caseRemaining: work.remaining,
      position: index + 1,
      nextStandardId: next?.standard.id ?? null,
    };
  }

  /** The actor's next case to assess: allocated to them, not marked complete, after this one by reference. */
  async function nextCaseOf(actor: Actor, inspectionId: string, caseId: string, ref: string) {
    const [next] = await db
      .select({ id: cases.id, ref: cases.ref })
      .from(cases)
      .where(
        and(
          eq(cases.inspectionId, inspectionId),
          eq(cases.allocatedTo, actor.id),
          ne(cases.id, caseId),
          notExists(db.select().from(caseCompletions).where(eq(caseCompletions.caseId, cases.id))),
        ),
      )
      .orderBy(sql`${cases.ref} > ${ref} desc`, asc(cases.ref))
      .limit(1);
    return next ?? null;
  }

  return {
    caseWork,
    standardPage,

    /**
     * Saves a standard's page as a draft: prompts and key questions answered so far, the rest left for later.
     * A bulk answer first fills the prompts still unanswered; evidence that looks like personal data is held
     * back, with nothing written, until the user changes it or confirms it is not personal data.
     */
    async saveStandard(actor: Actor, inspectionId: string, caseId: string, standardId: string, input: StandardSave) {
      const page = await standardPage(actor, inspectionId, caseId, standardId);
      const posted = input.bulk
        ? bulkAnswered(page.keyQuestions, page.answers, input.answers, input.bulk)
        : input.answers;
      const questions = page.keyQuestions.flatMap((k) => k.questions);
      const { given, evidence, problems } = formAnswers(
        questions,
        { answers: posted, evidence: input.evidence },
        false,
      );
      // Only what the user changed is checked: a note confirmed earlier is not held back again.
      const changed = Object.fromEntries(
        Object.entries(evidence).filter(([id, note]) => note !== (page.answers[id]?.evidence ?? '')),
      );
      Object.assign(problems, heldBackEvidence(changed, new Set(input.confirmedNotPersonal), clock.now()));
      if (input.expectedVersion === undefined)
        problems.version = 'The page was incomplete: reload it and enter your answers again';
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      const version =
        Object.keys(given).length === 0
          ? page.case.version
          : (
              await assessment.save(actor, inspectionId, caseId, {
                answers: given,
                evidence,
                expectedVersion: input.expectedVersion,
              })
            ).version;
      const after = await standardPage(actor, inspectionId, caseId, standardId);
      return {
        version,
        answers: posted,
        status: after.status,
        remaining: after.remaining,
        caseRemaining: after.caseRemaining,
        nextStandardId: page.nextStandardId,
      };
    },

    /** Marks the case complete once every standard that may apply is; then the actor's next case, if any. */
    async markComplete(actor: Actor, inspectionId: string, caseId: string) {
      const work = await caseWork(actor, inspectionId, caseId, 'case.assess');
      const unfinished = work.standards.filter((s) => s.status === 'inProgress' || s.status === 'notStarted');
      if (unfinished.length > 0) {
        const standards = unfinished.map((s) => `${s.standard.id} ${s.standard.title}`).join(', ');
        throw new ValidationError({
          complete: `Answer every key question that applies before marking the case complete: ${standards} not completed`,
        });
      }
      await db.transaction(async (tx) => {
        const completedAt = clock.now();
        await tx
          .insert(caseCompletions)
          .values({ caseId, completedBy: actor.id, completedAt })
          .onConflictDoUpdate({ target: caseCompletions.caseId, set: { completedBy: actor.id, completedAt } });
        await recordAudit(tx, actor, {
          action: 'case.complete',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId,
          after: { standards: work.standards.map((s) => ({ id: s.standard.id, status: s.status })) },
        });
      });
      return { nextCase: await nextCaseOf(actor, inspectionId, caseId, work.case.ref) };
    },

    nextCaseOf,

    /**
     * The assessing inspector corrects the case's classifications and factors, with a reason; returns the key
     * questions the change brings in and those it rules out. The case's version moves on, so an answer saved
     * against the old factors is refused rather than kept against questions that no longer apply.
     */
    async correctFactors(actor: Actor, inspectionId: string, caseId: string, input: Record<string, unknown>) {
      const work = await caseWork(actor, inspectionId, caseId, 'case.assess');
      const parsed = validated(factorsSchemaOf(work.framework), input);
      const { reason, rosh, swb, ...recorded } = parsed;
      const factors = { rosh, swb, ...(recorded as Partial<Record<FactorField, boolean | null>>) };
      const before = {
        rosh: work.case.rosh,
        swb: work.case.swb,
        ...Object.fromEntries(
          factorFieldsOf(work.framework.file.caseFactors).map((f) => [f.field, work.case[f.field]]),
        ),
      };
      const applying = (row: CaseRow) =>
        new Set(
          standardsOfCase(work.framework, row).flatMap((s) =>
            caseKeyQuestions(s, assessedCaseOf(row, {}))
              .filter((k) => k.applies)
              .map((k) => k.keyQuestion.id),
          ),
        );
      const was = applying(work.case);
      const now = applying({ ...work.case, ...factors });
      await db.transaction(async (tx) => {
        await tx
          .update(cases)
          .set({ ...factors, version: sql`${cases.version} + 1` })
          .where(eq(cases.id, caseId));
        await recordAudit(tx, actor, {
          action: 'case.factors',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId,
          before,
          after: { ...factors, reason },
        });
      });
      return { broughtIn: [...now].filter((id) => !was.has(id)), ruledOut: [...was].filter((id) => !now.has(id)) };
    },
  };
}

export type CaseWork = ReturnType<typeof createCaseWork>;
