import type { CaseRow } from './service.js';
import type { CaseInput } from './attributes.js';
import { formBoolean, formText } from '../../platform/web/forms.js';

/** Optional attributes the form sends as an option id, or nothing. */
const optionFields = ['disposal', 'sex', 'ethnicityGroup', 'disability', 'lookedAfter', 'ageBand', 'rosh', 'swb'];
/** Case factors, posted as yes / no / unknown (not known: the inspector's answers decide). */
export const factorFields = [
  {
    field: 'childSafetyFactors',
    factorId: 'childSafety',
    legend: 'Are there factors related to keeping the child safe?',
  },
  {
    field: 'otherPeopleSafetyFactors',
    factorId: 'otherPeopleSafety',
    legend: 'Are there factors related to keeping other people safe?',
  },
  { field: 'reviewRequired', factorId: 'reviewRequired', legend: 'Did changes in the case require a review?' },
] as const;

/** The case form's fields as the service takes them. */
export function caseInputFrom(body: Record<string, unknown>): CaseInput {
  const input: Record<string, unknown> = {
    ref: formText(body.ref) ?? '',
    domain: formText(body.domain) ?? '',
    caseManagerInterviewed: formBoolean(body.caseManagerInterviewed) ?? false,
  };
  for (const field of optionFields) input[field] = formText(body[field]) ?? null;
  for (const { field } of factorFields) input[field] = formBoolean(body[field]);
  return input as CaseInput;
}

const yesNo = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');

/** A stored case as the form shows it. */
export function formValuesOf(row: CaseRow): Record<string, string> {
  const values: Record<string, string> = {
    ref: row.ref,
    domain: row.domain,
    caseManagerInterviewed: yesNo(row.caseManagerInterviewed),
  };
  for (const field of optionFields) values[field] = (row[field as keyof CaseRow] as string | null) ?? '';
  for (const { field } of factorFields) values[field] = yesNo(row[field]);
  return values;
}
