import type { Applicability } from '../framework/model.js';
import type { AssessedCase } from './types.js';

/**
 * Why a question does not apply to a case by the case's known attributes, or null when it may apply
 * (then the inspector's answer decides: 'n/a' leaves the case out of the relevant cases).
 */
export function exclusionReason(
  applicability: Applicability,
  assessedCase: Pick<AssessedCase, 'disposal' | 'factors'>,
): string | null {
  const { when } = applicability;
  switch (when.kind) {
    case 'always':
    case 'inspectorDecides':
      return null;
    case 'caseFactor':
      return assessedCase.factors?.[when.factor] === false ? applicability.label : null;
    case 'disposalIn':
      return assessedCase.disposal !== undefined && !when.disposals.includes(assessedCase.disposal)
        ? applicability.label
        : null;
  }
}
