import type { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * zod issues as GOV.UK field errors: the first message for each field. By default a field is the issue's
 * dotted path ("answers.2.1.1"); `by: 'box'` names the form box it belongs to, the path's first part
 * ("owners.2" and "targets.0" are the owners and targets boxes). An issue with no path is the form's.
 */
export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  options: { by?: 'path' | 'box' } = {},
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = options.by === 'box' ? String(issue.path[0] ?? '') : issue.path.map(String).join('.');
    fields[field || 'form'] ??= issue.message;
  }
  return fields;
}

/** The input, checked; otherwise a ValidationError naming each field at fault. */
export function validated<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { by?: 'path' | 'box' } = {},
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues, options));
  return parsed.data;
}
