import { describe, expect, it } from 'vitest';
import { balanceAllocation, type CaseToAllocate, type InspectorLoad } from '../../../src/domain/sampling/balance.js';
import {
  headersOf,
  mappingProblems,
  proposeMapping,
  readDate,
  readMappedPopulation,
} from '../../../src/domain/sampling/mapped-population.js';
import { compareMix } from '../../../src/domain/sampling/mix.js';
import type { PopulationCase } from '../../../src/domain/sampling/population.js';

/** The pure planning rules: balanced allocation, column mapping, real-world dates and CSV, the mix table. */

const casesOf = (spec: Partial<Record<string, number>>): CaseToAllocate[] =>
  Object.entries(spec).flatMap(([domain, n]) =>
    Array.from({ length: n ?? 0 }, (_, i) => ({
      id: `${domain}-${i}`,
      ref: `${domain}-${String(i).padStart(3, '0')}`,
      domain,
    })),
  );
const totals = (
  allocation: Map<string, string>,
  cases: CaseToAllocate[],
  inspectors: InspectorLoad[],
  domain?: string,
) =>
  inspectors.map(
    (inspector) =>
      (domain ? (inspector.byDomain[domain] ?? 0) : Object.values(inspector.byDomain).reduce((s, n) => s + n, 0)) +
      cases.filter((c) => allocation.get(c.id) === inspector.id && (!domain || c.domain === domain)).length,
  );
const idle = (...ids: string[]): InspectorLoad[] => ids.map((id) => ({ id, byDomain: {} }));

describe('balanceAllocation', () => {
  it.each([
    {
      name: 'even split of one domain',
      cases: { court: 6 },
      inspectors: idle('a', 'b', 'c'),
      total: [2, 2, 2],
      court: [2, 2, 2],
    },
    {
      name: 'odd total: within one',
      cases: { court: 4, outOfCourt: 3 },
      inspectors: idle('a', 'b'),
      total: [4, 3],
      court: [2, 2],
    },
    {
      name: 'more inspectors than cases',
      cases: { court: 1, outOfCourt: 1 },
      inspectors: idle('a', 'b', 'c'),
      total: [1, 1, 0],
      court: [1, 0, 0],
    },
    {
      name: 'existing allocations count: the inspector with fewer catches up',
      cases: { court: 4, outOfCourt: 2 },
      inspectors: [
        { id: 'a', byDomain: { court: 3 } },
        { id: 'b', byDomain: {} },
      ],
      total: [5, 4],
      court: [4, 3],
    },
    {
      name: 'domains balanced too (Havering-like 18 court, 27 out of court, three inspectors)',
      cases: { court: 18, outOfCourt: 27 },
      inspectors: idle('a', 'b', 'c'),
      total: [15, 15, 15],
      court: [6, 6, 6],
    },
  ])('$name', ({ cases: spec, inspectors, total, court }) => {
    const cases = casesOf(spec);
    const allocation = balanceAllocation(cases, inspectors);
    expect(allocation.size).toBe(cases.length);
    expect(totals(allocation, cases, inspectors)).toEqual(total);
    expect(totals(allocation, cases, inspectors, 'court')).toEqual(court);
  });

  it('is deterministic, and allocates nothing without inspectors', () => {
    const cases = casesOf({ court: 5, outOfCourt: 5 });
    expect([...balanceAllocation(cases, idle('x', 'y'))]).toEqual([
      ...balanceAllocation([...cases].reverse(), idle('x', 'y')),
    ]);
    expect(balanceAllocation(cases, []).size).toBe(0);
  });
});

describe('column mapping', () => {
  const headers = ['Child ID', 'Case Type', 'Gender', 'RoSH', 'Case Worker', 'Notes', 'ref'];
  it('proposes our own names and common exports’ names, each header once', () => {
    expect(proposeMapping(headers)).toEqual({
      ref: 'ref',
      domain: 'Case Type',
      sex: 'Gender',
      rosh: 'RoSH',
      caseManager: 'Case Worker',
    });
  });
  it('prefers the remembered mapping where the file has its header', () => {
    expect(proposeMapping(headers, { ref: 'Child ID', swb: 'Gone' })).toMatchObject({
      ref: 'Child ID',
      domain: 'Case Type',
    });
    expect(proposeMapping(headers, { ref: 'Child ID' }).swb).toBeUndefined();
  });
  it('names what is wrong with a mapping by field', () => {
    expect(mappingProblems({ domain: 'Gender', sex: 'Gender', rosh: 'Risk' }, headers)).toEqual({
      ref: 'Select the column that holds the ref',
      sex: 'The column "Gender" is already chosen for domain',
      rosh: 'The file has no column "Risk"',
    });
  });
  it('refuses a header row with a blank or repeated name', () => {
    expect(headersOf('ref,,domain\n').problem?.message).toBe('column 2 has no header');
    expect(headersOf('ref,domain,ref\n').problem?.message).toBe('the header "ref" appears twice');
  });
});

describe('dates as spreadsheets write them', () => {
  it.each([
    ['2022-03-15', '2022-03-15'],
    ['2022-03-15 00:00:00', '2022-03-15'],
    ['15/03/2022', '2022-03-15'],
    ['5/3/2022', '2022-03-05'],
    ['15/03/22', '2022-03-15'],
    ['15.03.2022', '2022-03-15'],
    ['44635', '2022-03-15'],
    ['44635.5', '2022-03-15'],
  ])('%s is %s', (cell, iso) => expect(readDate(cell)).toBe(iso));
  it.each([
    ['31/02/2022', '"31/02/2022" is not a real date'],
    ['03/15/2022', '"03/15/2022" is not a real date'],
    ['next week', '"next week" is not a date: use DD/MM/YYYY or YYYY-MM-DD'],
    ['123', '"123" is not a date: use DD/MM/YYYY or YYYY-MM-DD'],
  ])('%s is refused: %s', (cell, message) => expect(() => readDate(cell)).toThrow(message));
});

describe('readMappedPopulation', () => {
  const mapping = { ref: 'Ref', domain: 'Type', startDate: 'Start', sex: 'Sex' };
  it('reads a BOM, Windows line ends and a quoted cell over two lines, with lines counted as a person sees them', () => {
    const csv =
      '\uFEFFRef,Type,Start,Sex,Notes\r\nA1,court,01/02/2022,male,"two\r\nlines"\r\nA2,outOfCourt,44600,Female,\r\n';
    const { cases, problems } = readMappedPopulation(csv, mapping);
    expect(problems).toEqual([]);
    expect(cases.map((c) => [c.ref, c.domain, c.startDate, c.sex, c.line])).toEqual([
      ['A1', 'court', '2022-02-01', 'male', 2],
      ['A2', 'outOfCourt', '2022-02-08', 'female', 4],
    ]);
  });
  it('lists every problem by line, and gives no cases when there is one', () => {
    const csv =
      'Ref,Type,Start,Sex\nA1,court,2022-02-01,male\n,court,2022-02-01,male\nA3,court,2021-01-01,x\nA1,court,,\nA5,court\n';
    const { cases, problems } = readMappedPopulation(csv, mapping, {
      window: { from: '2021-08-09', to: '2022-06-03' },
    });
    expect(cases).toEqual([]);
    expect(problems).toEqual([
      { line: 3, column: 'ref', message: 'the ref is required' },
      { line: 4, column: 'sex', message: '"x" is not one of male, female, unknown' },
      {
        line: 4,
        column: 'startDate',
        message: '1 January 2021 is outside the case window, 9 August 2021 to 3 June 2022',
      },
      { line: 5, column: 'ref', message: 'case A1 is also on line 2' },
      { line: 6, message: '2 cells, but the header row has 4' },
    ]);
  });
});

describe('compareMix', () => {
  const person = (ref: string, sex: string | null, rosh: string): PopulationCase => ({
    ref,
    domain: 'court',
    sex,
    rosh,
    disposal: null,
    startDate: null,
    ethnicity: null,
    disability: null,
    lookedAfter: null,
    age: null,
    swb: null,
    caseManager: null,
    localAuthority: null,
    line: 0,
  });
  it('counts and percentages, one variable at a time, "not recorded" last', () => {
    const population = [
      person('1', 'male', 'low'),
      person('2', 'male', 'high'),
      person('3', 'female', 'low'),
      person('4', null, 'low'),
    ];
    const rows = compareMix(population, population.slice(0, 2), ['sex', 'rosh']);
    expect(
      rows.map((r) => [r.variable, r.value, r.population, r.populationPercent, r.sample, r.samplePercent]),
    ).toEqual([
      ['sex', 'female', 1, 25, 0, 0],
      ['sex', 'male', 2, 50, 2, 100],
      ['sex', 'not recorded', 1, 25, 0, 0],
      ['rosh', 'high', 1, 25, 1, 50],
      ['rosh', 'low', 3, 75, 1, 50],
    ]);
  });
});
