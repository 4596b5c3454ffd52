import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCsv, readCsvInSlices, recordsOf } from '../../../src/domain/input/csv.js';

/** A CSV of `rows` rows after the header, with a quoted two-line cell every 97th row. */
const table = (rows: number) =>
  ['ref,note', ...Array.from({ length: rows }, (_, i) => (i % 97 === 0 ? `R${i},"two\nlines"` : `R${i},plain ${i}`))]
    .join('\r\n')
    .concat('\r\n');

function run<T>(steps: Generator<void, T>): { pauses: number; value: T } {
  let pauses = 0;
  for (let step = steps.next(); ; step = steps.next(), pauses++) if (step.done) return { pauses, value: step.value };
}

describe('reading a large CSV a slice at a time', () => {
  const csv = table(20_000); // about 350 KB: a dozen slices

  it('pauses between slices, and reads every record once, with the line it ends on', () => {
    const { pauses, value } = run(readCsvInSlices(csv));
    expect(pauses).toBeGreaterThan(5);
    expect(value).toHaveLength(20_001);
    const multiLine = Math.floor(20_000 / 97 / 2) * 97; // a quoted two-line cell somewhere in the middle
    const record = value.find((r) => r.record[0] === `R${multiLine}`)!;
    // It starts on line 2 + its index + one more for each earlier two-line cell, and ends a line later.
    expect(record).toEqual({
      record: [`R${multiLine}`, 'two\nlines'],
      info: expect.objectContaining({ lines: 2 + multiLine + multiLine / 97 + 1 }) as unknown,
    });
    // The same lines as csv-parse reading the whole text at once.
    const whole = parse(csv.replace(/\r\n/g, '\n'), { info: true }) as unknown as { info: { lines: number } }[];
    expect(value.map((r) => r.info.lines)).toEqual(whole.map((r) => r.info.lines));
    expect(value.at(-1)!.record).toEqual(['R19999', 'plain 19999']);
  });

  it('applies the row limit across slices, at the line it is passed', () => {
    expect(recordsOf(csv).problem).toBeUndefined();
    expect(() => readCsv(csv, { limits: { rows: 15_000 } })).toThrow(/more than 15,000 rows/);
  });

  it('checks the column count across slices when it is strict', () => {
    const ragged = csv.replace('R19990,plain 19990', 'R19990,plain,extra');
    expect(() => readCsv(ragged)).toThrow(/expect 2, got 3/);
    expect(readCsv(ragged, { relaxColumnCount: true })).toHaveLength(20_001);
  });
});
