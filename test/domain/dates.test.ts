import { describe, expect, it } from 'vitest';
import { isoDateField, londonDate, longDate, longDateTime, monthYear } from '../../src/domain/dates.js';

describe('the one date module: London days, GOV.UK words', () => {
  it('writes a calendar date as GOV.UK does, and as the seed reports do', () => {
    expect(longDate('2023-01-16')).toBe('16 January 2023');
    expect(longDate('2023-02-06', { twoDigitDay: true })).toBe('06 February 2023');
    expect(longDate('2023-02-06T09:00:00.000Z')).toBe('6 February 2023');
  });

  it('puts an instant on its London day: summer time moves late evening UTC to the next day', () => {
    expect(londonDate(new Date('2023-06-30T23:30:00Z'))).toBe('2023-07-01');
    expect(londonDate(new Date('2023-12-31T23:30:00Z'))).toBe('2023-12-31');
    expect(longDate(new Date('2023-06-30T23:30:00Z'))).toBe('1 July 2023');
    expect(longDateTime(new Date('2023-06-30T23:05:00Z'))).toBe('1 July 2023 at 0:05');
    expect(longDateTime(new Date('2023-01-16T14:05:00Z'))).toBe('16 January 2023 at 14:05');
    expect(monthYear(new Date('2023-01-31T23:30:00Z'))).toBe('January 2023');
    expect(monthYear(new Date('2023-05-31T23:30:00Z'))).toBe('June 2023');
  });

  it('prints a fieldwork month from a date or a month', () => {
    expect(monthYear('2023-01-16')).toBe('January 2023');
    expect(monthYear('2022-08')).toBe('August 2022');
  });

  it('checks a form date: a real day, named by its label; missing asks for it', () => {
    const field = isoDateField('Fieldwork start');
    expect(field.parse(' 2024-02-29 ')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2023-13-01', '16/01/2023', ''])
      expect(field.safeParse(bad).error?.issues[0]?.message).toBe('Fieldwork start must be a real date');
    expect(field.safeParse(undefined).error?.issues[0]?.message).toBe('Enter fieldwork start');
  });
});
