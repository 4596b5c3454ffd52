import type { cases } from '../../platform/db/core-tables.js';
import type { Framework } from '../../domain/framework/model.js';
import { exclusionReason } from '../../domain/rating/applicability.js';
import type { Answer, AssessedCase } from '../../domain/rating/types.js';
import { factorFields, type FactorField } from './attributes.js';

export type CaseRow = typeof cases.$inferSelect;

/**
 * The case as the rating engine sees it: the factors recorded on it and its classifications. The framework
 * says how a factor not recorded is read (from another factor, or ruled out by a low classification: Merton,
 * Annexe 1); otherwise the inspector's answers decide.
 */
export function assessedCaseOf(
  row: Pick<CaseRow, 'ref' | 'domain' | 'disposal' | FactorField | 'swb' | 'rosh'>,
  caseAnswers: Readonly<Record<string, Answer>>,
): AssessedCase {
  const factors: Record<string, boolean> = {};
  for (const { field, factorId } of factorFields) {
    const value = row[field];
    if (value !== null) factors[factorId] = value;
  }
  const classifications: Record<string, string> = {};
  if (row.rosh !== null) classifications.rosh = row.rosh;
  if (row.swb !== null) classifications.swb = row.swb;
  return {
    ref: row.ref,
    domain: row.domain,
    ...(row.disposal !== null && { disposal: row.disposal }),
    factors,
    classifications,
    answers: caseAnswers,
  };
}

/**
 * Whether a case is fully assessed: every key question it must answer is answered; a case with none to answer
 * (a resettlement case: its standard is judged) once its inspector marks it complete. `progressSql` is the same
 * rule in SQL.
 */
export function isAssessed(expected: number, answered: number, markedComplete: boolean): boolean {
  return expected > 0 ? answered >= expected : markedComplete;
}

/** The key questions a case must answer: those of its domain's standards that may apply to it. */
export function expectedKeyQuestions(framework: Framework, assessedCase: AssessedCase) {
  return framework.standards
    .filter((s) => s.assessment === 'caseBased' && s.caseDomain === assessedCase.domain)
    .flatMap((s) =>
      s.keyQuestions.filter((kq) => !kq.appliesTo || exclusionReason(kq.appliesTo, assessedCase) === null),
    );
}
