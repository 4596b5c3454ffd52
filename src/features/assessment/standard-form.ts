import type { KeyQuestion } from '../../domain/framework/model.js';
import type { Answer } from '../../domain/rating/types.js';

/** A key question or prompt as one case meets it: whether the framework's rules rule it out, and why. */
export interface CaseQuestion {
  id: string;
  text: string;
  kind: 'keyQuestion' | 'prompt';
  /** The applicability label when the case's attributes rule the question out; null when it may apply. */
  notApplicableBecause: string | null;
}

/** A key question as one case meets it: whether it may apply, and its prompts then itself. */
export interface CaseKeyQuestion {
  keyQuestion: KeyQuestion;
  applies: boolean;
  questions: CaseQuestion[];
}

/** Posted answers and evidence by question id; '' or absent means not answered. */
export interface PostedAnswers {
  answers: Record<string, string>;
  evidence: Record<string, string>;
}

/**
 * The answers a form may save, and what is wrong with the rest. A draft leaves the key question's own answer
 * for later; a finished page (`requireKeyQuestion`) needs it wherever it may apply.
 */
export function formAnswers(questions: readonly CaseQuestion[], input: PostedAnswers, requireKeyQuestion: boolean) {
  const given: Record<string, Answer> = {};
  const evidence: Record<string, string> = {};
  const problems: Record<string, string> = {};
  for (const question of questions) {
    // Each message a whole sentence, so that the catalogue holds it with its values (docs/welsh.md).
    const isKeyQuestion = question.kind === 'keyQuestion';
    const id = question.id;
    const answer = input.answers[question.id] ?? '';
    const note = (input.evidence[question.id] ?? '').trim();
    if (answer === '') {
      if (requireKeyQuestion && question.kind === 'keyQuestion' && !question.notApplicableBecause)
        problems[`answers.${question.id}`] = 'Select yes, no or not applicable for the key question';
      else if (note !== '')
        problems[`answers.${id}`] = isKeyQuestion
          ? `Select yes, no or not applicable for key question ${id}, or delete its evidence`
          : `Select yes, no or not applicable for prompt ${id}, or delete its evidence`;
    } else if (answer !== 'yes' && answer !== 'no' && answer !== 'n/a') {
      problems[`answers.${id}`] = isKeyQuestion
        ? `Select yes, no or not applicable for key question ${id}`
        : `Select yes, no or not applicable for prompt ${id}`;
    } else if (question.notApplicableBecause && answer !== 'n/a') {
      problems[`answers.${id}`] = isKeyQuestion
        ? `Key question ${id} does not apply to this case: ${question.notApplicableBecause}`
        : `Prompt ${id} does not apply to this case: ${question.notApplicableBecause}`;
    } else {
      given[question.id] = answer;
      evidence[question.id] = note;
    }
  }
  return { given, evidence, problems };
}

/** A bulk answer: the remaining prompts of one key question (or of the whole standard) answered alike. */
export interface BulkAnswer {
  answer: 'yes' | 'n/a';
  keyQuestionId: string | null;
}

/** `yes:2.1.1`, `n/a:all`: the value of a bulk button, or null for a plain save. */
export function bulkAnswerOf(value: unknown): BulkAnswer | null {
  if (typeof value !== 'string') return null;
  const match = /^(yes|n\/a):(all|[\w.]+)$/.exec(value);
  if (!match) return null;
  return { answer: match[1] as BulkAnswer['answer'], keyQuestionId: match[2] === 'all' ? null : match[2]! };
}

/** The posted answers with the bulk answer given to every prompt still unanswered; what was chosen stays. */
export function withBulkAnswer(
  keyQuestions: readonly CaseKeyQuestion[],
  answers: Record<string, string>,
  bulk: BulkAnswer,
) {
  const filled = { ...answers };
  for (const k of keyQuestions) {
    if (!k.applies || (bulk.keyQuestionId !== null && k.keyQuestion.id !== bulk.keyQuestionId)) continue;
    for (const q of k.questions)
      if (q.kind === 'prompt' && !q.notApplicableBecause && (filled[q.id] ?? '') === '') filled[q.id] = bulk.answer;
  }
  return filled;
}

/**
 * Where a standard of the case stands: completed when every key question that may apply has its own answer,
 * in progress once anything is answered, and how many questions that may apply are still unanswered.
 */
export function standardProgress(keyQuestions: readonly CaseKeyQuestion[], stored: Readonly<Record<string, unknown>>) {
  const open = keyQuestions.filter((k) => k.applies);
  const answered = open.filter((k) => stored[k.keyQuestion.id] !== undefined).length;
  const questions = open.flatMap((k) => k.questions.filter((q) => !q.notApplicableBecause));
  const remaining = questions.filter((q) => stored[q.id] === undefined).length;
  const status: 'notStarted' | 'inProgress' | 'completed' | 'notApplicable' =
    open.length === 0
      ? 'notApplicable'
      : answered === open.length
        ? 'completed'
        : remaining < questions.length
          ? 'inProgress'
          : 'notStarted';
  return { status, answered, expected: open.length, notApplicable: keyQuestions.length - open.length, remaining };
}
