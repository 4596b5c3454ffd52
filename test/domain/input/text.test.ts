import { describe, expect, it } from 'vitest';
import { recordsOf } from '../../../src/domain/input/csv.js';
import { unstorableCharacter, unstorableFields } from '../../../src/domain/input/text.js';

describe('the one text rule', () => {
  it.each([
    ['a NUL', 'ab\0c', /NUL character \(at character 3\)/],
    ['a lone high surrogate', 'x\uD83D', /lone surrogate, at character 2/],
    ['a lone low surrogate', '\uDE00x', /lone surrogate, at character 1/],
    ['a surrogate pair back to front', '\uDE00\uD83D', /lone surrogate, at character 1/],
    ['U+FFFE', 'a\uFFFE', /U\+FFFE, which is not a character/],
    ['U+FDD0', '\uFDD0', /U\+FDD0/],
    ['U+1FFFF', 'a\uD83F\uDFFF', /U\+1FFFF/],
    ['U+10FFFE', '\uDBFF\uDFFE', /U\+10FFFE/],
  ])('refuses %s', (_what, text, message) => {
    expect(unstorableCharacter(text)).toMatch(message);
  });

  it.each([
    ['plain'],
    ['new\nlines\tand tabs'],
    ['emoji 😀 and 𝄞'],
    ['Ünïcödé – “quotes”'],
    ['\uFFFD'],
    ['\uFDCF\uFDF0'],
  ])('keeps %j as it is', (text) => expect(unstorableCharacter(text)).toBeUndefined());

  it('names each field at its path, keys included', () => {
    expect(
      unstorableFields({ title: 'ok', answers: { '2.1.1': { evidence: 'a\0' } }, owners: ['x', '\uD800'], 'k\0': 1 }),
    ).toEqual({
      'answers.2.1.1.evidence': expect.stringMatching(/^answers\.2\.1\.1\.evidence contains a NUL/) as unknown,
      'owners.1': expect.stringMatching(/^owners\.1 contains half of a character/) as unknown,
      '(a field name)': expect.stringMatching(/NUL/) as unknown,
    });
  });
});

describe('an uploaded table', () => {
  it('is refused at the line and column of a cell that cannot be stored', () => {
    expect(recordsOf('ref,name\nA1,ok\nA2,bad\0name\n').problem).toEqual({
      line: 3,
      message: expect.stringMatching(/^column 2 contains a NUL character/) as unknown,
    });
  });
});
