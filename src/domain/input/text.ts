import { z } from 'zod';

/** The code units a refused character starts with: texts without any are let through at once. */
const suspect = /[\0\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/**
 * Characters no text field may hold, refused rather than changed: PostgreSQL cannot store NUL, a lone
 * surrogate is not text (a driver would silently turn it into U+FFFD), and the non-characters (U+FDD0 to
 * U+FDEF, and U+FFFE and U+FFFF of every plane) are never meant to be exchanged. Everything else, new lines and
 * emoji included, is kept as it was typed.
 */
export function unstorableCharacter(text: string): string | undefined {
  // Nearly every text has none of these code units: one scan, and the careful walk only for the rest.
  if (!suspect.test(text)) return undefined;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const at = () => `at character ${(i + 1).toLocaleString('en-GB')}`;
    if (unit === 0) return `contains a NUL character (${at()}): remove it`;
    let point = unit;
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff))
        return `contains half of a character (a lone surrogate, ${at()}): it is not valid text`;
      point = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if ((point >= 0xfdd0 && point <= 0xfdef) || (point & 0xfffe) === 0xfffe)
      return `contains U+${point.toString(16).toUpperCase().padStart(4, '0')}, which is not a character (${at()}): remove it`;
  }
  return undefined;
}

/** Every string in a parsed body, query or form, at its path: `answers.2.1.1.evidence`. */
export function* textsIn(value: unknown, path: string[] = []): Generator<{ path: string[]; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* textsIn(item, [...path, String(i)]);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      yield { path: [...path, '(a field name)'], text: key };
      yield* textsIn(item, [...path, key]);
    }
}

/**
 * The one text rule, as zod: any input (a body, a form, a query) whose strings, at any depth, are all storable.
 * Each offending field is an issue at its own path, with a message that names it.
 */
export const storableInput = z.unknown().superRefine((value, context) => {
  for (const { path, text } of textsIn(value)) {
    const problem = unstorableCharacter(text);
    if (problem) context.addIssue({ code: 'custom', path, message: `${path.join('.') || 'The text'} ${problem}` });
  }
});

/** The field errors of an input's unstorable texts, by field; empty when every text can be stored. */
export function unstorableFields(value: unknown): Record<string, string> {
  const parsed = storableInput.safeParse(value);
  if (parsed.success) return {};
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || 'body'] ??= issue.message;
  return fields;
}
