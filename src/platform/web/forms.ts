import type { Response } from 'express';
import { ConflictError, ValidationError } from '../errors.js';
import { currentLanguage, t } from '../i18n/index.js';

/** GOV.UK form errors: a list for the error summary and a message per field, from a service's field errors. */
export interface FormErrors {
  list: { text: string; href: string }[];
  byField: Record<string, { text: string; visuallyHiddenText?: string }>;
}

/**
 * The element id of a field, as the templates write it: `answers.2.1.1` becomes `answers_2_1_1`. Dots become
 * underscores, not hyphens: GOV.UK radios number their items `<id>-2`, `<id>-3`, which must never be the id
 * of another question (`answers-2-1-3-2` was both 2.1.3's "No" and prompt 2.1.3.2's "Yes").
 */
export const fieldId = (field: string) => field.replace(/\./g, '_').replace(/[^\w-]+/g, '-');

/** The service's messages (English sentences) in the page's language, for the summary and beside each field. */
export function formErrors(fields: Record<string, string>): FormErrors {
  const entries = Object.entries(fields).map(([field, text]) => [field, t(text)] as const);
  // GOV.UK prefixes a field's message with a hidden "Error:"; in Welsh, "Gwall:".
  const hidden = currentLanguage() === 'en' ? {} : { visuallyHiddenText: t('Error') };
  return {
    list: entries.map(([field, text]) => ({ text, href: `#${fieldId(field)}` })),
    byField: Object.fromEntries(entries.map(([field, text]) => [field, { text, ...hidden }])),
  };
}

/** A checkbox or radio posted as "true"/"false"/"" to a tri-state boolean. */
export function formBoolean(value: unknown): boolean | null {
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  return null;
}

/** An empty form field is "not given". */
export function formText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A posted field exactly as typed, spaces kept, for a form shown again: '' when it is missing or not text. */
export function typedText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A posted form as the body parser gives it: fields, lists and nested groups of fields. */
export type FormFields = { [name: string]: string | string[] | FormFields | FormFields[] };

/**
 * The one way a form is saved: runs the save and follows it to the page it returns (303). A rule broken renders
 * the form again (400) with the errors and what was typed; with `onConflict`, a stale version renders it again
 * with 409 (nothing was written). Anything else propagates to the error handler.
 */
export async function saveOrRedisplay(
  res: Response,
  save: () => Promise<string>,
  redisplay: (errors: FormErrors, error: ValidationError) => unknown,
  onConflict?: () => unknown,
): Promise<void> {
  try {
    res.redirect(303, await save());
  } catch (error) {
    if (error instanceof ValidationError) {
      res.status(400);
      await redisplay(formErrors(error.fields), error);
    } else if (onConflict && error instanceof ConflictError) {
      res.status(409);
      await onConflict();
    } else throw error;
  }
}

/** The boxes of GOV.UK date input `name`, as typed: '' for an empty box. */
export function dateInputTyped(body: Record<string, unknown>, name: string): Record<string, string> {
  return Object.fromEntries(
    ['day', 'month', 'year'].map((p) => [`${name}-${p}`, formText(body[`${name}-${p}`]) ?? '']),
  );
}

/** "16", "1", "2023" typed into GOV.UK date input `name` as "2023-01-16"; undefined when nothing was typed. */
export function dateInputValue(body: Record<string, unknown>, name: string): string | undefined {
  const typed = dateInputTyped(body, name);
  const [day, month, year] = ['day', 'month', 'year'].map((p) => typed[`${name}-${p}`]!);
  if (!day && !month && !year) return undefined;
  return `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/** An ISO date ("2023-01-16") as the boxes of GOV.UK date input `name` hold it: "16", "1", "2023"; empty for none. */
export function dateInputBoxes(name: string, date: string | null | undefined): Record<string, string> {
  const [year, month, day] = (date ?? '--').split('-');
  return {
    [`${name}-day`]: day ? String(Number(day)) : '',
    [`${name}-month`]: month ? String(Number(month)) : '',
    [`${name}-year`]: year ?? '',
  };
}

/** The error summary's links to GOV.UK date inputs (every field, or the `dateFields` named) go to the day box, the first input. */
export function linkedToDayBox(errors: FormErrors, dateFields?: readonly string[]): FormErrors {
  const isDate = (href: string) => !dateFields || dateFields.some((field) => href === `#${fieldId(field)}`);
  return {
    ...errors,
    list: errors.list.map((item) => (isDate(item.href) ? { ...item, href: `${item.href}-day` } : item)),
  };
}
