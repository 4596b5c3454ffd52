import type { FormFields } from './service/sign-in.js';

/**
 * A kept form's fields as the hidden inputs that post them again: `answers[2.1.1]=yes` comes back under the
 * same name, so the form's own route reads it exactly as it would have the first time.
 */
export function keptFormInputs(fields: FormFields, prefix = ''): { name: string; value: string }[] {
  return Object.entries(fields).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (typeof value === 'string') return [{ name, value }];
    if (Array.isArray(value))
      return value.flatMap((item, index) =>
        typeof item === 'string' ? [{ name, value: item }] : keptFormInputs(item, `${name}[${index}]`),
      );
    return keptFormInputs(value, name);
  });
}
