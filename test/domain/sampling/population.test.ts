import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/domain/input/input-error.js';
import { parsePopulationCsv } from '../../../src/domain/sampling/mapped-population.js';
import { populationHeader } from './fixture.js';

/**
 * A large file is read a slice (about a million characters) at a time: records with quoted line ends must
 * not be cut, and every line number must stay right across the slices.
 */

/** Rows of about 100 characters, every 3rd with a quoted case manager over two lines; the line each starts on. */
function bigCsv(rows: number, crlf = false) {
  const lines: string[] = [populationHeader];
  const startLines: number[] = [];
  let line = 2;
  for (let i = 1; i <= rows; i++) {
    const manager = i % 3 === 0 ? '"Sam ""the manager""\nJones, senior"' : 'Sam Jones';
    lines.push(
      `C${i},${i % 3 ? 'court' : 'outOfCourt'},referralOrder,2024-01-15,male,white,no,no,15,low,medium,${manager},Northtown`,
    );
    startLines.push(line);
    line += i % 3 === 0 ? 2 : 1;
  }
  return { text: lines.join(crlf ? '\r\n' : '\n') + '\n', startLines, nextLine: line };
}

function problemOf(text: string): string {
  try {
    parsePopulationCsv(text, 'big.csv');
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  return 'no problem';
}

describe('a population larger than one slice', () => {
  const { text, startLines, nextLine } = bigCsv(25_000);

  it('is three slices long, and the first line end past a slice falls inside a quoted cell', () => {
    expect(text.length).toBeGreaterThan(2 * 2 ** 20);
    const lineEnd = text.indexOf('\n', 2 ** 20);
    expect(text.slice(0, lineEnd).split('"').length % 2).toBe(0); // an odd number of quotes: inside one
  });

  it('reads every case, with the line each starts on and its quoted cell whole', () => {
    const cases = parsePopulationCsv(text, 'big.csv');
    expect(cases).toHaveLength(25_000);
    expect(cases.map((c) => c.line)).toEqual(startLines);
    expect(cases[2]!.caseManager).toBe('Sam "the manager"\nJones, senior');
    expect(cases.filter((c) => c.caseManager?.includes('\n'))).toHaveLength(Math.floor(25_000 / 3));
  });

  it('the same with Windows line ends', () => {
    const windows = bigCsv(25_000, true);
    expect(parsePopulationCsv(windows.text, 'big.csv').map((c) => c.line)).toEqual(windows.startLines);
  });

  it('names the line of a problem near the end', () => {
    const bad = `${text}C25001,court,,2024-13-01,,,,,,,,,\n`;
    expect(problemOf(bad)).toBe(`big.csv: line ${nextLine}, column "startDate": "2024-13-01" is not a real date`);
  });

  it('names the line of a duplicate far from the first', () => {
    expect(problemOf(`${text}C3,court,,,,,,,,,,,\n`)).toBe(
      `big.csv: line ${nextLine}, column "ref": case C3 is also on line 4`,
    );
  });

  it('names the line of a quote never closed, in the last slice', () => {
    expect(problemOf(`${text}C25001,court,,,,,,,,,,"Sam,\nC25002,court,,,,,,,,,,,\n`)).toBe(
      `big.csv: line ${nextLine}: not valid CSV: a quote opened here is never closed`,
    );
  });

  it('names a row with too few cells', () => {
    expect(problemOf(`${text}C25001,court\n`)).toBe(`big.csv: line ${nextLine}: 2 cells, but the header row has 13`);
  });
});

describe('cells', () => {
  const one = (cells: string) => parsePopulationCsv(`${populationHeader}\n${cells}\n`, 'p.csv')[0]!;

  it('codes are read whatever their case and spacing; empty cells are not recorded', () => {
    expect(one('C1,Out of court,triage,,Female,,,,,Very high,VERYHIGH,,')).toMatchObject({
      domain: 'outOfCourt',
      sex: 'female',
      rosh: 'veryHigh',
      swb: 'veryHigh',
      startDate: null,
      age: null,
      caseManager: null,
    });
  });

  it('ages from 10 to 25 are whole numbers', () => {
    expect(one('C1,court,,,,,,,10,,,,').age).toBe(10);
    expect(one('C1,court,,,,,,,25,,,,').age).toBe(25);
    expect(() => one('C1,court,,,,,,,26,,,,')).toThrow('line 2, column "age": 26 is outside the ages 10 to 25');
  });

  it('a leap day is a real date; the 29th of February 2023 is not', () => {
    expect(one('C1,court,,2024-02-29,,,,,,,,,').startDate).toBe('2024-02-29');
    expect(() => one('C1,court,,2023-02-29,,,,,,,,,')).toThrow('"2023-02-29" is not a real date');
  });

  it('a column named twice', () => {
    expect(() => parsePopulationCsv('ref,domain,sex,sex\nC1,court,male,male\n', 'p.csv')).toThrow(
      'p.csv: line 1: the header "sex" appears twice',
    );
  });
});

describe('the upload limits, over the whole file rather than each slice', () => {
  it('reads 100,000 cases under the header, and refuses the 100,001st, naming its line', () => {
    const row = (i: number) => `C${i},court,,,,,,,,,,,`;
    const rows = Array.from({ length: 100_000 }, (_, i) => row(i + 1));
    const text = `${populationHeader}\n${rows.join('\n')}\n`;
    expect(parsePopulationCsv(text, 'big.csv')).toHaveLength(100_000);
    expect(problemOf(`${text}${row(100_001)}\n`)).toBe(
      'big.csv: line 100002: The file has more than 100,000 rows: the most it may have is 100,000',
    );
  });
});
