import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/domain/input/csv.js';
import { toCsv } from '../../src/platform/csv.js';

describe('the one CSV writer', () => {
  const texts = [
    '=1+1',
    '+44 20',
    '-3',
    '@SUM(A1)',
    '\tx',
    '\rx',
    'two\nlines',
    "'=already",
    "'plain",
    'plain',
    'a "quoted", text',
  ];

  it('puts an apostrophe before every cell a spreadsheet would run, and the reader takes it off again', () => {
    const csv = toCsv(
      ['text'],
      texts.map((t) => [t]),
    );
    const cells = csv.split('\r\n').slice(1, -1);
    expect(cells[5]).toBe('"\'\rx"');
    expect(cells.slice(0, 4)).toEqual(["'=1+1", "'+44 20", "'-3", "'@SUM(A1)"]);
    expect(cells.at(-4)).toBe("''=already");
    expect(cells.at(-3)).toBe("'plain");
    const read = readCsv(csv)
      .slice(1)
      .map((r) => r.record[0]);
    // The reader reads line ends as LF, so a lone carriage return comes back as one.
    expect(read).toEqual(texts.map((t) => t.replace('\r', '\n')));
  });

  it('writes numbers as numbers: a negative one is not prefixed, and reads back as the same number', () => {
    const csv = toCsv(['kappa', 'change', 'text'], [[-0.02, -3n, '-0.02']]);
    expect(csv).toBe("kappa,change,text\r\n-0.02,-3,'-0.02\r\n");
    expect(readCsv(csv)[1]!.record).toEqual(['-0.02', '-3', '-0.02']);
  });

  it('writes dates as ISO instants, objects as JSON and nothing as an empty cell', () => {
    expect(toCsv(['a', 'b', 'c'], [[new Date('2023-01-16T09:00:00Z'), { x: 1 }, null]])).toBe(
      'a,b,c\r\n2023-01-16T09:00:00.000Z,"{""x"":1}",\r\n',
    );
  });
});
