import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/connect.js';
import { answers, cases, users } from '../db/schema.js';
import { answerProblem } from '../findings/check.js';
import { getFramework } from '../framework/registry.js';
import type { Answer } from '../rating/types.js';
import { recordAudit, type Actor } from './audit.js';
import { assessedCaseOf, type CaseService } from './cases.js';
import { ConflictError, ValidationError } from './errors.js';

export const saveAnswersSchema = z.object({
  answers: z.record(z.string(), z.enum(['yes', 'no', 'n/a'], { error: 'Select yes, no or not applicable' })),
  evidence: z.record(z.string(), z.string().max(10_000, 'Evidence must be 10,000 characters or fewer')).default({}),
  expectedVersion: z.int().positive().optional(),
});
export type SaveAnswers = z.input<typeof saveAnswersSchema>;

export interface StoredAnswer {
  answer: Answer;
  evidence: string;
  answeredBy: string | null;
  answeredAt: Date;
}

export function createAssessmentService(db: Database, caseService: CaseService) {
  async function answersOf(caseId: string): Promise<Record<string, StoredAnswer>> {
    const rows = await db
      .select({
        questionId: answers.questionId,
        answer: answers.answer,
        evidence: answers.evidence,
        answeredBy: users.displayName,
        answeredAt: answers.answeredAt,
      })
      .from(answers)
      .leftJoin(users, eq(users.id, answers.answeredBy))
      .where(eq(answers.caseId, caseId));
    return Object.fromEntries(rows.map(({ questionId, ...stored }) => [questionId, stored]));
  }

  return {
    /** A case with its answers and evidence, and its version for the next save. */
    async get(actor: Actor, inspectionId: string, caseId: string) {
      const { inspection, row } = await caseService.caseFor(actor, inspectionId, caseId);
      return {
        inspection,
        framework: getFramework(inspection.frameworkId),
        case: row,
        answers: await answersOf(caseId),
      };
    },

    /**
     * Saves answers and evidence to a case's key questions and prompts, in one transaction. With an
     * expectedVersion that is no longer current, nothing is written and a ConflictError carries what is stored now.
     */
    async save(actor: Actor, inspectionId: string, caseId: string, input: SaveAnswers) {
      const parsed = saveAnswersSchema.safeParse(input);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.')] ??= issue.message;
        throw new ValidationError(fields);
      }
      const { answers: given, evidence, expectedVersion } = parsed.data;
      const { inspection, row } = await caseService.caseFor(actor, inspectionId, caseId);
      const framework = getFramework(inspection.frameworkId);
      const assessedCase = assessedCaseOf(row, {});
      const problems: Record<string, string> = {};
      for (const [questionId, answer] of Object.entries(given)) {
        const problem = answerProblem(framework, assessedCase, questionId, answer);
        if (problem) problems[`answers.${questionId}`] = problem;
      }
      for (const questionId of Object.keys(evidence))
        if (!(questionId in given))
          problems[`evidence.${questionId}`] = `Evidence for ${questionId} needs an answer to ${questionId}`;
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);

      const saved = await db.transaction(async (tx) => {
        // One statement both checks and bumps the version, so two saves cannot both pass the check.
        const versionCheck = expectedVersion === undefined ? undefined : eq(cases.version, expectedVersion);
        const [updated] = await tx
          .update(cases)
          .set({ version: sql`${cases.version} + 1` })
          .where(and(eq(cases.id, caseId), versionCheck))
          .returning({ version: cases.version });
        if (!updated) return { conflict: true as const };
        const ids = Object.keys(given);
        const before = ids.length
          ? await tx
              .select()
              .from(answers)
              .where(and(eq(answers.caseId, caseId), inArray(answers.questionId, ids)))
          : [];
        if (ids.length > 0) {
          const answeredAt = new Date();
          await tx
            .insert(answers)
            .values(
              ids.map((questionId) => ({
                caseId,
                questionId,
                answer: given[questionId]!,
                evidence: evidence[questionId] ?? '',
                answeredBy: actor.id,
                answeredAt,
              })),
            )
            .onConflictDoUpdate({
              target: [answers.caseId, answers.questionId],
              set: {
                answer: sql`excluded.answer`,
                evidence: sql`excluded.evidence`,
                answeredBy: sql`excluded.answered_by`,
                answeredAt: sql`excluded.answered_at`,
              },
            });
        }
        await recordAudit(tx, actor, {
          action: 'answers.save',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId,
          before: Object.fromEntries(before.map((b) => [b.questionId, { answer: b.answer, evidence: b.evidence }])),
          after: Object.fromEntries(ids.map((id) => [id, { answer: given[id], evidence: evidence[id] ?? '' }])),
        });
        return { conflict: false as const, version: updated.version };
      });
      if (saved.conflict) {
        // Read after the transaction: PGlite has one connection, held by the transaction while it runs.
        const current = await currentVersion(db, caseId);
        throw new ConflictError(
          `Someone else saved this case (now version ${current}) after you opened it (version ${expectedVersion}). Nothing you entered was saved.`,
          { version: current, answers: await answersOf(caseId) },
        );
      }
      return { version: saved.version };
    },
  };
}

async function currentVersion(tx: Pick<Database, 'select'>, caseId: string): Promise<number> {
  const [row] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  return row!.version;
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
