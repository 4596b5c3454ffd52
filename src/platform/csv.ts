import { stringify } from 'csv-stringify/sync';
import { formulaPrefixed } from '../domain/input/csv.js';

/** What a CSV cell may be given: dates as ISO instants, objects as JSON, null and undefined as empty. */
export type CsvValue = unknown;

function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  // Numbers and booleans as themselves, objects as JSON.
  return JSON.stringify(value) ?? '';
}

/**
 * A cell a spreadsheet shows as typed: text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return or line feed first) gets a leading apostrophe, which the reader (domain/input/csv.ts) takes off again.
 * Only strings are prefixed: a number (a kappa of -0.02) stays a number in the spreadsheet.
 */
export function inertCell(value: CsvValue): string {
  const text = cellText(value);
  return typeof value === 'string' && formulaPrefixed.test(text) ? `'${text}` : text;
}

/** The one CSV writer: RFC 4180, CRLF line ends, every cell made inert. `quoted` quotes every cell below the header. */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  options: { quoted?: boolean; lineEnd?: '\r\n' | '\n' } = {},
): string {
  // csv-stringify quotes only the whole record delimiter: a lone CR or LF in a cell must be quoted too.
  const base = { record_delimiter: options.lineEnd ?? '\r\n', quoted_match: /[\r\n]/ };
  const body = Array.from(rows, (row) => row.map(inertCell));
  const head = stringify([header.map(inertCell)], base);
  return head + (body.length ? stringify(body, { ...base, quoted: options.quoted ?? false }) : '');
}

/**
 * Runs a reader that pauses between slices (domain/input/csv.ts, `recordsInSlices`) to its end, letting other
 * requests run at each pause: a 100,000-row upload is read without holding up the server for more than a slice.
 */
export async function readInTurns<T>(steps: Generator<void, T>): Promise<T> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
