import type { CaseRow } from './service.js';
import { factorFields, type CaseInput } from './attributes.js';
import { formBoolean, formText } from '../../platform/web/forms.js';

/** Optional attributes the form sends as an option id, or nothing. */
const optionFields = ['disposal', 'sex', 'ethnicityGroup', 'disability', 'lookedAfter', 'ageBand', 'rosh', 'swb'];
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
