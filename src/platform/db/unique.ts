/** PostgreSQL's unique_violation: two writers raced for one key, or a check before the write was overtaken. */
const uniqueViolation = '23505';

/** Each unique constraint, as the field a person filled in and what to tell them. */
const fieldOfConstraint: Record<string, { field: string; message: string }> = {
  organisations_name_unique: { field: 'name', message: 'An organisation with this name already exists' },
  users_email_unique: { field: 'email', message: 'A user with this email address already exists' },
  cases_inspection_ref: { field: 'ref', message: 'The inspection already has a case with this reference' },
  plan_areas_number: { field: 'number', message: 'The plan already has an area with this number' },
  report_versions_number: { field: 'expectedVersion', message: 'This version of the report was just published' },
};

/**
 * The field and message for a unique-constraint violation (node-postgres and PGlite errors, bare or wrapped by
 * Drizzle), or null when the error is something else.
 */
export function uniqueViolationOf(error: unknown): { field: string; message: string } | null {
  let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e.code === uniqueViolation) {
      const constraint = typeof e.constraint === 'string' ? e.constraint : '';
      return (
        fieldOfConstraint[constraint] ?? {
          field: constraint || 'request',
          message: 'Someone else saved the same thing at the same moment',
        }
      );
    }
    e = e.cause as typeof e;
  }
  return null;
}

/** PostgreSQL's invalid_text_representation, as for an id that is not a UUID: no such thing can exist. */
const invalidText = '22P02';

/** Whether the error is an id that is not a UUID reaching a query (bare or wrapped by Drizzle). */
export function isMalformedId(error: unknown): boolean {
  let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e.code === invalidText && typeof e.message === 'string' && /type uuid/.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
