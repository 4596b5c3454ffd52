import type { Framework } from '../framework/model.js';
import { InputError, jsonPath } from '../input/input-error.js';
import { exclusionReason } from '../rating/applicability.js';
import type { Answer, AssessedCase, Findings } from '../rating/types.js';
import type { FindingsFile } from './schema.js';

/** Where a field of one case sits in its source: a JSON path, or a CSV line and column. */
export type CaseField = ['ref'] | ['domain'] | ['disposal'] | ['factors', string] | ['answers', string];
export type LocateCaseField = (caseIndex: number, field: CaseField) => string;

export const locateInJson: LocateCaseField = (caseIndex, field) => jsonPath(['cases', caseIndex, ...field]);

/** Checks cases against the framework: domains, disposals, factors, and that every answer may apply. */
export function checkCases(
  framework: Framework,
  cases: readonly AssessedCase[],
  source: string,
  locate: LocateCaseField,
): void {
  const domains = new Map(framework.file.caseDomains.map((d) => [d.id, d]));
  const disposals = new Map(framework.file.disposalTypes.map((d) => [d.id, d]));
  const factors = new Set(framework.file.caseFactors.map((f) => f.id));
  const refs = new Map<string, number>();

  cases.forEach((assessedCase, i) => {
    const fail = (field: CaseField, problem: string): never => {
      throw new InputError(source, locate(i, field), problem);
    };
    const earlier = refs.get(assessedCase.ref);
    if (earlier !== undefined) fail(['ref'], `case "${assessedCase.ref}" appears twice`);
    refs.set(assessedCase.ref, i);
    if (!domains.has(assessedCase.domain))
      fail(['domain'], `unknown case domain "${assessedCase.domain}" (known: ${[...domains.keys()].join(', ')})`);
    if (assessedCase.disposal !== undefined) {
      const disposal = disposals.get(assessedCase.disposal);
      if (!disposal)
        fail(
          ['disposal'],
          `unknown disposal type "${assessedCase.disposal}" (known: ${[...disposals.keys()].join(', ')})`,
        );
      else if (disposal.caseDomain !== assessedCase.domain)
        fail(
          ['disposal'],
          `${disposal.label} is a disposal of the ${disposal.caseDomain} domain, not ${assessedCase.domain}`,
        );
    }
    for (const factor of Object.keys(assessedCase.factors ?? {}))
      if (!factors.has(factor))
        fail(['factors', factor], `unknown case factor "${factor}" (known: ${[...factors].join(', ')})`);

    for (const [questionId, answer] of Object.entries(assessedCase.answers)) {
      const problem = answerProblem(framework, assessedCase, questionId, answer);
      if (problem) fail(['answers', questionId], problem);
    }
  });
}

/**
 * Why a case may not take this answer to this question, or null when it may: the question must exist,
 * belong to a case-based standard of the case's domain, and (for 'yes' or 'no') be able to apply to the case.
 */
export function answerProblem(
  framework: Framework,
  assessedCase: Pick<AssessedCase, 'domain' | 'disposal' | 'factors'>,
  questionId: string,
  answer: Answer,
): string | null {
  const keyQuestion = framework.keyQuestionById.get(questionId);
  const prompt = framework.promptById.get(questionId);
  const owner = keyQuestion ?? prompt;
  if (!owner) return `unknown key question or prompt "${questionId}" in ${framework.id}`;
  const { standard } = owner;
  if (standard.assessment !== 'caseBased')
    return `${questionId} belongs to ${standard.id}, a judged standard, which takes no case answers`;
  if (standard.caseDomain !== assessedCase.domain)
    return `${questionId} is a question for ${standard.caseDomain} cases; this case is ${assessedCase.domain}`;
  if (answer === 'n/a') return null;
  for (const applicability of [owner.keyQuestion.appliesTo, prompt?.prompt.appliesTo]) {
    const reason = applicability && exclusionReason(applicability, assessedCase);
    if (reason) return `${questionId} does not apply to this case (${reason}); answer 'n/a'`;
  }
  return null;
}

/** Checks the parts of a findings file against the framework and returns what the engine rates. */
export function checkFindings(
  framework: Framework,
  file: FindingsFile,
  cases: readonly AssessedCase[],
  source: string,
): Findings {
  const fail = (path: PropertyKey[], problem: string): never => {
    throw new InputError(source, jsonPath(path), problem);
  };
  const standardAt = (path: PropertyKey[], id: string) =>
    framework.standardById.get(id) ?? fail(path, `unknown standard "${id}" in ${framework.id}`);
  const knownRating = (path: PropertyKey[], rating: string) => {
    if (!framework.scoreOf.has(rating))
      fail(path, `unknown rating "${rating}" (one of: ${[...framework.scoreOf.keys()].join(', ')})`);
  };

  for (const [standardId, figures] of Object.entries(file.keyQuestions ?? {})) {
    const path = ['keyQuestions', standardId];
    const standard = standardAt(path, standardId);
    if (standard.assessment !== 'caseBased')
      fail(path, `${standardId} is a judged standard: give its rating in judgements`);
    const ids = standard.keyQuestions.map((kq) => kq.id);
    if (figures.length !== ids.length)
      fail(path, `${standardId} has ${ids.length} key questions (${ids.join(', ')}); ${figures.length} figures given`);
    figures.forEach((figure, i) => {
      if ('yes' in figure && figure.yes > figure.relevant)
        fail([...path, i, 'yes'], `'Yes' count ${figure.yes} is above the relevant count ${figure.relevant}`);
    });
    const answered = cases.find((c) =>
      Object.keys(c.answers).some((q) => ids.some((id) => q === id || q.startsWith(`${id}.`))),
    );
    if (answered)
      fail(
        path,
        `${standardId} has both key-question figures and case answers (case "${answered.ref}"): give one or the other`,
      );
  }

  for (const [keyQuestionId, figures] of Object.entries(file.prompts ?? {})) {
    const path = ['prompts', keyQuestionId];
    const found =
      framework.keyQuestionById.get(keyQuestionId) ??
      fail(path, `unknown key question "${keyQuestionId}" in ${framework.id}`);
    const standardId = found.standard.id;
    const given = file.keyQuestions?.[standardId];
    if (!given || !given.every((f) => 'relevant' in f))
      fail(path, `prompt figures need ${standardId}'s key questions as counts in keyQuestions.${standardId}`);
    const ids = found.keyQuestion.prompts.map((p) => p.id);
    if (figures.length !== ids.length)
      fail(path, `${keyQuestionId} has ${ids.length} prompts (${ids.join(', ')}); ${figures.length} figures given`);
    figures.forEach((figure, i) => {
      if (figure.yes > figure.relevant)
        fail([...path, i, 'yes'], `'Yes' count ${figure.yes} is above the relevant count ${figure.relevant}`);
    });
  }

  for (const [standardId, rating] of Object.entries(file.judgements ?? {})) {
    const path = ['judgements', standardId];
    const standard = standardAt(path, standardId);
    if (standard.assessment !== 'judged')
      fail(path, `${standardId} is case-based: its rating comes from its key questions, not a judgement`);
    knownRating(path, rating);
  }

  for (const [standardId, decision] of Object.entries(file.discretion ?? {})) {
    const path = ['discretion', standardId];
    const standard = standardAt(path, standardId);
    if (standard.assessment !== 'caseBased')
      fail(path, `professional discretion applies to case-based standards; ${standardId} is judged`);
    knownRating([...path, 'rating'], decision.rating);
    if (decision.rationale.trim() === '') fail([...path, 'rationale'], 'a rationale is required');
  }

  return {
    ...(file.service !== undefined && { service: file.service }),
    keyQuestionFigures: file.keyQuestions ?? {},
    ...(file.prompts !== undefined && { promptFigures: file.prompts }),
    cases,
    judgements: file.judgements ?? {},
    discretion: file.discretion ?? {},
  };
}
