import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/platform/errors.js';
import { fieldErrors, validated } from '../../src/platform/field-errors.js';

const schema = z
  .object({
    title: z.string().min(1, 'Enter a title').max(3, 'Title must be 3 characters or fewer'),
    owners: z.array(z.string().min(1, 'Enter each owner')),
  })
  .refine((v) => v.owners.length > 0, 'Give at least one owner');
const issues = (input: unknown) => schema.safeParse(input).error!.issues;

describe('the one zod-issues-to-field-errors mapper', () => {
  it('keeps the first message of each field, by dotted path; an issue with no path is the form’s', () => {
    expect(fieldErrors(issues({ title: '', owners: ['a', ''] }))).toEqual({
      title: 'Enter a title',
      'owners.1': 'Enter each owner',
    });
    expect(fieldErrors(issues({ title: 'ab', owners: [] }))).toEqual({ form: 'Give at least one owner' });
  });

  it('names the form box with by: "box": owners.1 belongs to the owners box', () => {
    expect(fieldErrors(issues({ title: 'abcd', owners: ['', ''] }), { by: 'box' })).toEqual({
      title: 'Title must be 3 characters or fewer',
      owners: 'Enter each owner',
    });
  });

  it('validated returns the parsed value, or throws a ValidationError with those fields', () => {
    expect(validated(schema, { title: 'ab', owners: ['x'] })).toEqual({ title: 'ab', owners: ['x'] });
    let thrown: unknown;
    try {
      validated(schema, { title: '', owners: ['x'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).fields).toEqual({ title: 'Enter a title' });
  });
});
