import { sql } from 'drizzle-orm';
import type { Framework } from '../../domain/framework/model.js';
import type { AssessedCase } from '../../domain/rating/types.js';
import { rowsOf, type Queryable } from '../../platform/db/connect.js';
import { caseQuestions, standardsOfCase } from '../assessment/index.js';
import type { CaseRow } from '../cases/index.js';

/**
 * The standards a thematic audit round assesses, by inspection: its programme's chosen subset (such as 2.1
 * Assessment alone). An inspection, or a round of the whole framework, has none here and assesses every
 * standard of its cases' domains. Read from the QA programme of the round (src/features/qa/tables.ts).
 */
export async function roundStandardsOf(db: Queryable, inspectionIds: readonly string[]) {
  const found = new Map<string, string[]>();
  if (inspectionIds.length === 0) return found;
  const rows = rowsOf<{ inspection_id: string; standards: string[] | null }>(
    await db.execute(sql`
      select r.inspection_id, p.standards from qa_rounds r join qa_programmes p on p.id = r.programme_id
      where r.inspection_id = any(string_to_array(${[...new Set(inspectionIds)].join(',')}::text, ',')::uuid[])`),
  );
  for (const row of rows) if (row.standards?.length) found.set(row.inspection_id, row.standards);
  return found;
}

/**
 * The case's standards, key questions and their questions, as the second assessment answers them: of a
 * thematic round, its own standards only (`standards`; null or absent for every standard).
 */
export function moderationForm(
  framework: Framework,
  row: CaseRow,
  assessedCase: AssessedCase,
  standards: readonly string[] | null = null,
) {
  return standardsOfCase(framework, row)
    .filter((standard) => !standards || standards.includes(standard.id))
    .map((standard) => ({
      standard,
      keyQuestions: standard.keyQuestions.map((keyQuestion) => ({
        keyQuestion,
        questions: caseQuestions(keyQuestion, assessedCase),
      })),
    }));
}

/** The key questions a case must answer: those its facts do not rule out, of the round's standards. */
export function expectedKeyQuestions(
  framework: Framework,
  row: CaseRow,
  assessedCase: AssessedCase,
  standards: readonly string[] | null = null,
) {
  return moderationForm(framework, row, assessedCase, standards).flatMap((part) =>
    part.keyQuestions.filter((k) => k.questions.at(-1)!.notApplicableBecause === null).map((k) => k.keyQuestion.id),
  );
}
