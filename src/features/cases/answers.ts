import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/connect.js';
import { answers, users } from '../../platform/db/core-tables.js';
import type { Answer } from '../../domain/rating/types.js';

/** One case's answer to a question, with what the inspector wrote and who answered, when. */
export interface StoredAnswer {
  answer: Answer;
  evidence: string;
  answeredBy: string | null;
  answeredAt: Date;
}

/** Each case's answers, by question: every case named has an entry, empty when it has no answers. */
export async function answersByCase(db: Queryable, caseIds: string[]) {
  const byCase = new Map<string, Record<string, Answer>>(caseIds.map((id) => [id, {}]));
  if (caseIds.length === 0) return byCase;
  const rows = await db
    .select({ caseId: answers.caseId, questionId: answers.questionId, answer: answers.answer })
    .from(answers)
    .where(inArray(answers.caseId, caseIds));
  for (const row of rows) byCase.get(row.caseId)![row.questionId] = row.answer;
  return byCase;
}

/**
 * Each case's answers with their evidence and answerer, by question (only `questionIds`, when given): every
 * case named has an entry, empty when it has none.
 */
export async function storedAnswersByCase(db: Queryable, caseIds: string[], questionIds?: string[]) {
  const byCase = new Map<string, Record<string, StoredAnswer>>(caseIds.map((id) => [id, {}]));
  if (caseIds.length === 0) return byCase;
  const rows = await db
    .select({
      caseId: answers.caseId,
      questionId: answers.questionId,
      answer: answers.answer,
      evidence: answers.evidence,
      answeredBy: users.displayName,
      answeredAt: answers.answeredAt,
    })
    .from(answers)
    .leftJoin(users, eq(users.id, answers.answeredBy))
    .where(
      and(
        caseIds.length === 1 ? eq(answers.caseId, caseIds[0]!) : inArray(answers.caseId, caseIds),
        questionIds ? inArray(answers.questionId, questionIds) : undefined,
      ),
    );
  for (const { caseId, questionId, ...stored } of rows) byCase.get(caseId)![questionId] = stored;
  return byCase;
}
