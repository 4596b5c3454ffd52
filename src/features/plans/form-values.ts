import { actionStatuses, statusLabels, type ActionStatus } from '../../domain/plans/model.js';
import { t } from '../../platform/i18n/index.js';
import { dateInputBoxes, dateInputTyped, dateInputValue } from '../../platform/web/forms.js';

/** Reading the plan's forms: GOV.UK date inputs, lists of owners and targets, checkboxes. */

export type Body = Record<string, unknown>;

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** A GOV.UK date input's three boxes, and the ISO date they make ('' for none, as typed when not a date). */
export function dateFrom(body: Body, name: string): { parts: DateParts; value: string } {
  const typed = dateInputTyped(body, name);
  const parts = { day: typed[`${name}-day`]!, month: typed[`${name}-month`]!, year: typed[`${name}-year`]! };
  return { parts, value: dateInputValue(body, name) ?? '' };
}

export function partsOf(date: string | null | undefined): DateParts {
  const boxes = dateInputBoxes('date', date);
  return { day: boxes['date-day']!, month: boxes['date-month']!, year: boxes['date-year']! };
}

/** A checkbox group posts one value, several, or none. */
export function listFrom(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** "2.2, 3.1.2" as ["2.2", "3.1.2"]. */
export const idsFrom = (value: string) =>
  value
    .split(/[\s,;]+/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The status radios, their words in the page's language. */
export function statusChoices(selected: string, options: { includeNone?: string } = {}) {
  const items: { value: string; text: string; checked: boolean }[] = actionStatuses.map((status: ActionStatus) => ({
    value: status,
    text: t(statusLabels[status]),
    checked: selected === status,
  }));
  if (options.includeNone !== undefined)
    items.unshift({ value: '', text: t(options.includeNone), checked: selected === '' });
  return items;
}
