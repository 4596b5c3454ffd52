import type { Framework, KeyQuestion } from '../../domain/framework/model.js';
import { exclusionReason } from '../../domain/rating/applicability.js';
import type { AssessedCase } from '../../domain/rating/types.js';

/** A question as the moderator meets it on one case, with why the case's facts rule it out (if they do). */
export interface ModerationQuestion {
  id: string;
  text: string;
  kind: 'keyQuestion' | 'prompt';
  notApplicableBecause: string | null;
}

const standardsOf = (framework: Framework, domain: string) =>
  framework.standards.filter((s) => s.assessment === 'caseBased' && s.caseDomain === domain);

function questionsOf(keyQuestion: KeyQuestion, assessedCase: AssessedCase): ModerationQuestion[] {
  const keyQuestionReason = keyQuestion.appliesTo ? exclusionReason(keyQuestion.appliesTo, assessedCase) : null;
  return [
    ...keyQuestion.prompts.map((prompt) => ({
      id: prompt.id,
      text: prompt.text,
      kind: 'prompt' as const,
      notApplicableBecause: keyQuestionReason ?? exclusionReason(prompt.appliesTo, assessedCase),
    })),
    {
      id: keyQuestion.id,
      text: keyQuestion.text,
      kind: 'keyQuestion' as const,
      notApplicableBecause: keyQuestionReason,
    },
  ];
}

/** The case's standards, key questions and their questions, as the second assessment answers them. */
export function moderationForm(framework: Framework, row: { domain: string }, assessedCase: AssessedCase) {
  return standardsOf(framework, row.domain).map((standard) => ({
    standard,
    keyQuestions: standard.keyQuestions.map((keyQuestion) => ({
      keyQuestion,
      questions: questionsOf(keyQuestion, assessedCase),
    })),
  }));
}

/** The key questions a case must answer: those its facts do not rule out. */
export function expectedKeyQuestions(framework: Framework, row: { domain: string }, assessedCase: AssessedCase) {
  return standardsOf(framework, row.domain).flatMap((standard) =>
    standard.keyQuestions
      .filter((k) => !k.appliesTo || exclusionReason(k.appliesTo, assessedCase) === null)
      .map((k) => k.id),
  );
}
