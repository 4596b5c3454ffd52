import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db/connect.js';
import { cases } from '../../../platform/db/core-tables.js';
import { ValidationError } from '../../../platform/errors.js';

/** The case a planning form names: one of the inspection's cases, or the form's error on its case field. */
export async function chosenCaseOf(tx: Queryable, inspectionId: string, caseId: string) {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.inspectionId, inspectionId)));
  if (!row) throw new ValidationError({ caseId: 'Select a case of this inspection' });
  return row;
}
