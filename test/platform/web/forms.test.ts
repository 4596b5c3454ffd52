import { describe, expect, it } from 'vitest';
import { formText, typedText } from '../../../src/platform/web/forms.js';

describe('reading a posted field', () => {
  it('keeps what was typed, spaces and all, for a form shown again', () => {
    expect(typedText('  a reason ')).toBe('  a reason ');
    expect(typedText('')).toBe('');
  });

  it('gives an empty field for one that is missing or not text', () => {
    for (const value of [undefined, null, 3, ['a', 'b'], { day: '1' }]) expect(typedText(value)).toBe('');
  });

  it('trims for a value to save, where formText gives none for blank', () => {
    expect(formText('  a reason ')).toBe('a reason');
    expect(formText('   ')).toBeUndefined();
    expect(typedText('   ')).toBe('   ');
  });
});
