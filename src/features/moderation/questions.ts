import type { Framework } from '../../domain/framework/model.js';
import type { AssessedCase } from '../../domain/rating/types.js';
import { caseQuestions, standardsOfCase } from '../assessment/index.js';
import type { CaseRow } from '../cases/index.js';

/** The case's standards, key questions and their questions, as the second assessment answers them. */
export function moderationForm(framework: Framework, row: CaseRow, assessedCase: AssessedCase) {
  return standardsOfCase(framework, row).map((standard) => ({
    standard,
    keyQuestions: standard.keyQuestions.map((keyQuestion) => ({
      keyQuestion,
      questions: caseQuestions(keyQuestion, assessedCase),
    })),
  }));
}

/** The key questions a case must answer: those its facts do not rule out. */
export function expectedKeyQuestions(framework: Framework, row: CaseRow, assessedCase: AssessedCase) {
  return moderationForm(framework, row, assessedCase).flatMap((part) =>
    part.keyQuestions.filter((k) => k.questions.at(-1)!.notApplicableBecause === null).map((k) => k.keyQuestion.id),
  );
}
