import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfWeek,
  fieldworkDays,
  impliedSecondWeek,
  isIsoDate,
  longDate,
  proposeTimeline,
  sameDayYearsBefore,
  timelineProblems,
  type TimelineDates,
} from '../../../src/domain/timeline/index.js';

interface Seed {
  service: string;
  framework: string;
  fieldwork: string;
  caseWindow?: { from: string; to: string };
}
const seeds = (
  JSON.parse(readFileSync(new URL('../../fixtures/seed-inspections.json', import.meta.url), 'utf8')) as {
    inspections: Seed[];
  }
).inspections;
const withWindows = seeds.filter((seed) => seed.caseWindow);

const hmip = (fieldworkStart: string, secondWeekStart?: string) =>
  proposeTimeline({ fieldworkStart, kind: 'hmipInspection', secondWeekStart });

describe('the case window, reproduced for every seed report that publishes one', () => {
  it('covers the four reports of the 2021 framework', () => {
    expect(withWindows.map((seed) => seed.service.split(' ')[0])).toEqual([
      'Havering',
      'Hackney',
      'Ealing',
      'Southwark',
    ]);
  });

  it.each(withWindows.map((seed) => [seed.service, seed] as const))('%s', (_service, seed) => {
    const timeline = hmip(seed.fieldwork);
    expect(timeline.caseWindowFrom.date).toBe(seed.caseWindow!.from);
    expect(timeline.caseWindowTo.date).toBe(seed.caseWindow!.to);
    expect(dayOfWeek(timeline.caseWindowTo.date)).toBe(5);
    // Four weeks' notice, arrival on the Monday of the fifth week: the fieldwork start.
    expect(timeline.noticeDate.date).toBe(addDays(seed.fieldwork, -28));
    expect(timeline.arrival.date).toBe(seed.fieldwork);
    expect(timeline.fieldworkDays.dates).toHaveLength(5);
  });

  it('every seed fieldwork started on a Monday, as HMIP inspections must', () => {
    for (const seed of seeds) expect(dayOfWeek(seed.fieldwork), seed.service).toBe(1);
  });
});

describe('the proposed dates', () => {
  it('Ealing: notice 12 June, evidence due 26 June, Monday 10 to Friday 14 July 2023', () => {
    const ealing = hmip('2023-07-10');
    expect(ealing.noticeDate.date).toBe('2023-06-12');
    expect(ealing.evidenceDue.date).toBe('2023-06-26');
    expect(ealing.fieldworkDays.dates).toEqual(['2023-07-10', '2023-07-11', '2023-07-12', '2023-07-13', '2023-07-14']);
    expect(ealing.fieldworkEnd.date).toBe('2023-07-14');
    expect(ealing.secondWeekStart).toBeNull();
    for (const rule of [ealing.noticeDate, ealing.evidenceDue, ealing.caseWindowFrom, ealing.caseWindowTo])
      expect(rule.rule).toMatch(/\w/);
  });

  it('Hackney: two separate weeks, w/c 16 January and w/c 6 February 2023, the window unchanged', () => {
    const hackney = proposeTimeline({
      fieldworkStart: '2023-01-16',
      kind: 'jointInspection',
      secondWeekStart: '2023-02-06',
    });
    expect(hackney.fieldworkDays.dates).toEqual([
      '2023-01-16',
      '2023-01-17',
      '2023-01-18',
      '2023-01-19',
      '2023-01-20',
      '2023-02-06',
      '2023-02-07',
      '2023-02-08',
      '2023-02-09',
      '2023-02-10',
    ]);
    expect(hackney.fieldworkEnd.date).toBe('2023-02-10');
    expect(hackney.secondWeekStart?.date).toBe('2023-02-06');
    expect(hackney.fieldworkDays.rule).toBe('Monday to Friday of each of the two fieldwork weeks');
    expect([hackney.caseWindowFrom.date, hackney.caseWindowTo.date]).toEqual(['2022-01-17', '2022-11-11']);
    expect(hackney.noticeDate.date).toBe('2022-12-19');
    expect(hackney.evidenceDue.date).toBe('2023-01-02');
  });

  it('crosses month and year boundaries', () => {
    const january = hmip('2024-01-08');
    expect(january.noticeDate.date).toBe('2023-12-11');
    expect(january.evidenceDue.date).toBe('2023-12-25');
    expect([january.caseWindowFrom.date, january.caseWindowTo.date]).toEqual(['2023-01-09', '2023-11-03']);
    const newYear = hmip('2023-01-02');
    expect(newYear.noticeDate.date).toBe('2022-12-05');
    expect([newYear.caseWindowFrom.date, newYear.caseWindowTo.date]).toEqual(['2022-01-03', '2022-10-28']);
    expect(hmip('2022-12-26').fieldworkEnd.date).toBe('2022-12-30');
    expect(hmip('2023-01-30').fieldworkDays.dates.at(-1)).toBe('2023-02-03');
  });

  it('counts leap days', () => {
    // Fieldwork on 4 March 2024: notice falls in a February of 29 days, the window in 2023.
    const leap = hmip('2024-03-04');
    expect(leap.noticeDate.date).toBe('2024-02-05');
    expect(leap.evidenceDue.date).toBe('2024-02-19');
    expect([leap.caseWindowFrom.date, leap.caseWindowTo.date]).toEqual(['2023-03-05', '2023-12-29']);
    // A year later the window spans 29 February 2024.
    const after = hmip('2025-03-03');
    expect([after.caseWindowFrom.date, after.caseWindowTo.date]).toEqual(['2024-03-04', '2024-12-27']);
    // A mock inspection starting on 28 March 2024 gets notice on 29 February.
    expect(proposeTimeline({ fieldworkStart: '2024-03-28', kind: 'mockInspection' }).noticeDate.date).toBe(
      '2024-02-29',
    );
  });

  it('a mock inspection may start on any day: five weekdays from it, the window from a year before', () => {
    const mock = proposeTimeline({ fieldworkStart: '2024-02-29', kind: 'mockInspection' });
    expect(mock.fieldworkDays.dates).toEqual(['2024-02-29', '2024-03-01', '2024-03-04', '2024-03-05', '2024-03-06']);
    expect(mock.caseWindowFrom.date).toBe('2023-03-01');
    expect(mock.caseWindowTo.date).toBe('2023-12-22');
    expect(mock.fieldworkStart.rule).toMatch(/need not start on a Monday/);
  });
});

describe('date arithmetic', () => {
  it('knows real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('16/01/2023')).toBe(false);
  });

  it('takes 29 February back a year to 28 February', () => {
    expect(sameDayYearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(sameDayYearsBefore('2025-03-01', 1)).toBe('2024-03-01');
    expect(longDate('2023-02-06')).toBe('6 February 2023');
  });

  it('fieldwork days follow a stored end', () => {
    expect(fieldworkDays('2023-01-16', '2023-01-18')).toEqual(['2023-01-16', '2023-01-17', '2023-01-18']);
    expect(fieldworkDays('2023-01-16', '2023-02-10', '2023-02-06')).toHaveLength(10);
    expect(fieldworkDays('2023-01-16', '2023-01-27')).toHaveLength(10);
  });
});

describe('a fieldwork end after the first week', () => {
  it('implies a second, separate week for HMIP and joint inspections: the week of the end', () => {
    expect(impliedSecondWeek('jointInspection', '2023-01-16', '2023-02-10')).toBe('2023-02-06');
    expect(impliedSecondWeek('hmipInspection', '2023-01-16', '2023-01-27')).toBe('2023-01-23');
    expect(impliedSecondWeek('hmipInspection', '2023-01-16', '2023-01-20')).toBeNull();
    expect(impliedSecondWeek('hmipInspection', '2023-01-16', null)).toBeNull();
  });

  it('lets a mock inspection or an internal audit run on for weeks', () => {
    expect(impliedSecondWeek('mockInspection', '2023-01-16', '2023-02-10')).toBeNull();
    expect(impliedSecondWeek('internalAudit', '2023-01-16', '2023-02-10')).toBeNull();
    expect(fieldworkDays('2023-01-16', '2023-02-10')).toHaveLength(20);
  });
});

describe('the order of a timeline', () => {
  const none: TimelineDates = {
    noticeDate: null,
    evidenceDue: null,
    fieldworkStart: null,
    secondWeekStart: null,
    fieldworkEnd: null,
    caseWindowFrom: null,
    caseWindowTo: null,
  };
  const hackney: TimelineDates = {
    noticeDate: '2022-12-19',
    evidenceDue: '2023-01-02',
    fieldworkStart: '2023-01-16',
    secondWeekStart: '2023-02-06',
    fieldworkEnd: '2023-02-10',
    caseWindowFrom: '2022-01-17',
    caseWindowTo: '2022-11-11',
  };

  it('accepts Hackney and an empty timeline', () => {
    expect(timelineProblems(hackney, 'jointInspection')).toEqual({});
    expect(timelineProblems(none, 'hmipInspection')).toEqual({});
  });

  it('requires a Monday for HMIP and joint inspections, not for mock inspections or internal audits', () => {
    const thursday = { ...none, fieldworkStart: '2023-01-19' };
    expect(timelineProblems(thursday, 'hmipInspection').fieldworkStart).toMatch(/must be a Monday/);
    expect(timelineProblems(thursday, 'jointInspection').fieldworkStart).toMatch(/must be a Monday/);
    expect(timelineProblems(thursday, 'mockInspection')).toEqual({});
    expect(timelineProblems(thursday, 'internalAudit')).toEqual({});
    expect(timelineProblems({ ...hackney, secondWeekStart: '2023-02-07' }, 'jointInspection').secondWeekStart).toBe(
      'Second fieldwork week must start on a Monday',
    );
  });

  it('names the field out of order and the date it must respect', () => {
    const problems = (changes: Partial<TimelineDates>) =>
      timelineProblems({ ...hackney, ...changes }, 'hmipInspection');
    expect(problems({ evidenceDue: '2022-12-01' })).toEqual({
      evidenceDue: 'Evidence in advance must be due after the notice date, 19 December 2022',
    });
    expect(problems({ noticeDate: '2023-01-16' }).noticeDate).toBe(
      'Notice date must be before fieldwork starts on 16 January 2023',
    );
    expect(problems({ evidenceDue: '2023-01-20' }).evidenceDue).toMatch(/before fieldwork starts/);
    expect(problems({ caseWindowTo: '2022-01-01' }).caseWindowTo).toBe(
      'Case window end must be the same as or after its start, 17 January 2022',
    );
    expect(problems({ caseWindowTo: '2023-01-16' }).caseWindowTo).toMatch(/before fieldwork starts/);
    expect(problems({ secondWeekStart: '2023-01-16' }).secondWeekStart).toBe(
      'Second fieldwork week must start after the first week ends on 20 January 2023',
    );
    expect(problems({ fieldworkEnd: '2023-01-20' }).fieldworkEnd).toMatch(/in the second fieldwork week/);
    expect(problems({ secondWeekStart: null, fieldworkEnd: '2023-01-13' }).fieldworkEnd).toMatch(
      /same as or after fieldwork start/,
    );
    expect(problems({ secondWeekStart: null, fieldworkEnd: '2023-12-29' }).fieldworkEnd).toMatch(/six weeks/);
  });
});
