import type { Applicability, FactorStep } from '../framework/model.js';
import type { AssessedCase } from './types.js';

type CaseFacts = Pick<AssessedCase, 'disposal' | 'factors' | 'classifications'>;

/**
 * A case factor as the framework reads it: the first step that knows it, or undefined (not known). A factor
 * recorded on the case says yes or no; a classification only rules a factor out (Merton, Annexe 1: a case
 * whose risk of serious harm the inspector deemed low is left out of keeping other people safe).
 */
export function caseFactorValue(steps: readonly FactorStep[], assessedCase: CaseFacts): boolean | undefined {
  for (const step of steps) {
    if ('factor' in step) {
      const recorded = assessedCase.factors?.[step.factor];
      if (recorded !== undefined) return recorded;
    } else {
      const value = assessedCase.classifications?.[step.classification];
      if (value !== undefined && step.ruledOutBy.includes(value)) return false;
    }
  }
  return undefined;
}

/**
 * Why a question does not apply to a case by the case's known attributes, or null when it may apply
 * (then the inspector's answer decides: 'n/a' leaves the case out of the relevant cases).
 */
export function exclusionReason(applicability: Applicability, assessedCase: CaseFacts): string | null {
  const { when } = applicability;
  switch (when.kind) {
    case 'always':
    case 'inspectorDecides':
      return null;
    case 'caseFactor':
      return caseFactorValue(applicability.factorSteps ?? [{ factor: when.factor }], assessedCase) === false
        ? applicability.label
        : null;
    case 'disposalIn':
      return assessedCase.disposal !== undefined && !when.disposals.includes(assessedCase.disposal)
        ? applicability.label
        : null;
  }
}
