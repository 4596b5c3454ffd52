import { parse } from 'csv-parse/sync';
import { overLimit, tableLimits, type TableLimits } from './limits.js';
import { unstorableCharacter } from './text.js';

/** One CSV record and the line it ends on (lines counted from 1). */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Text a spreadsheet would run as a formula, perhaps behind apostrophes: the CSV writer puts one more apostrophe
 * in front, and the reader takes one off, so what was exported imports back as it was.
 */
export const formulaPrefixed = /^'*[=+\-@\t\r\n]/;
const writerPrefixed = /^'+[=+\-@\t\r\n]/;

/** A cell as written before the CSV writer made it inert. */
export const uninertCell = (cell: string) => (writerPrefixed.test(cell) ? cell.slice(1) : cell);

/** CSV that cannot be read: where and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** A table over one of the upload limits: the reading stopped there. */
export class CsvLimitError extends CsvSyntaxError {
  override name = 'CsvLimitError';
}

/** Text is read a slice of about this many characters at a time; a slice ends at a line end outside quotes. */
const defaultSliceSize = 32 * 1024;

/**
 * Reads real-world CSV: a byte-order mark, Windows line ends, quoted cells with embedded newlines, blank
 * lines. csv-parse counts a CRLF inside quotes as two lines, so line ends become LF first and every line
 * number is right.
 */
export function readCsv(
  text: string,
  options: { relaxColumnCount?: boolean; limits?: Partial<TableLimits> } = {},
): CsvRecord[] {
  const slices = readCsvInSlices(text, options);
  for (let step = slices.next(); ; step = slices.next()) if (step.done) return step.value;
}

/**
 * readCsv one slice at a time, pausing after each: whoever runs the steps may let other work run between them
 * (the server does, so that a 100,000-row upload never holds up other requests for long). The same records,
 * line numbers, limits and errors as readCsv: it is readCsv.
 */
export function* readCsvInSlices(
  text: string,
  options: { relaxColumnCount?: boolean; limits?: Partial<TableLimits> } = {},
): Generator<void, CsvRecord[]> {
  const csv = text.replace(/\r\n?/g, '\n');
  const limits = { ...tableLimits, ...options.limits };
  let rows = 0;
  let cells = 0;
  let linesBefore = 0;
  // Counted as each record is read, so a hostile file stops at the limit rather than after being read whole.
  // With `info`, csv-parse hands the hook the record with its info, whatever its types say.
  const onRecord = (given: string[]) => {
    const { record, info } = given as unknown as CsvRecord;
    const line = info.lines + linesBefore;
    rows += 1;
    cells += record.length;
    if (record.length > limits.columns) throw new CsvLimitError(line, overLimit.columns(limits, record.length));
    if (rows > limits.rows) throw new CsvLimitError(line, overLimit.rows(limits));
    if (cells > limits.cells) throw new CsvLimitError(line, overLimit.cells(limits));
    for (const [column, cell] of record.entries()) {
      const problem = unstorableCharacter(cell);
      // Refused as a limit is: the message as it stands, at its line, and the reading stops.
      if (problem) throw new CsvLimitError(line, `column ${column + 1} ${problem}`);
    }
    return given;
  };
  const records: CsvRecord[] = [];
  let columns: number | undefined;
  for (let start = 0; start < csv.length;) {
    const end = sliceEnd(csv, start);
    try {
      const slice = parse(csv.slice(start, end), {
        bom: start === 0,
        trim: true,
        skip_empty_lines: true,
        relax_column_count: true,
        info: true,
        on_record: onRecord,
      }) as unknown as CsvRecord[];
      for (const r of slice) {
        // The column count is checked across slices as csv-parse checks it within one.
        columns ??= r.record.length;
        if (!options.relaxColumnCount && r.record.length !== columns)
          throw new CsvSyntaxError(
            r.info.lines + linesBefore,
            `Invalid Record Length: expect ${columns}, got ${r.record.length} on line ${r.info.lines + linesBefore}`,
          );
        r.record = r.record.map(uninertCell);
        r.info = { ...r.info, lines: r.info.lines + linesBefore };
        records.push(r);
      }
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw error;
      const { code, lines } = error as { code?: string; lines?: number };
      if (code === 'CSV_QUOTE_NOT_CLOSED')
        throw new CsvSyntaxError(unclosedQuoteLine(csv), 'a quote opened here is never closed');
      throw new CsvSyntaxError(lines === undefined ? null : lines + linesBefore, (error as Error).message);
    }
    for (let i = csv.indexOf('\n', start); i !== -1 && i < end; i = csv.indexOf('\n', i + 1)) linesBefore++;
    start = end;
    if (start < csv.length) yield;
  }
  return records;
}

/** Where a slice from `start` ends: the first line end after sliceSize characters with the quotes closed. */
export function sliceEnd(text: string, start: number, sliceSize = defaultSliceSize): number {
  let quoted = false;
  let i = start;
  for (;;) {
    const quote = text.indexOf('"', i);
    const lineEnd = text.indexOf('\n', Math.max(i, start + sliceSize));
    if (lineEnd === -1) return text.length;
    if (quote !== -1 && quote < lineEnd) {
      quoted = !quoted; // a doubled quote inside a quoted cell toggles twice
      i = quote + 1;
    } else if (!quoted) return lineEnd + 1;
    else i = lineEnd + 1;
  }
}

/** The line of the quote that is still open at the end of the text. */
function unclosedQuoteLine(csv: string): number {
  let line = 1;
  let openedAt = 1;
  let quoted = false;
  for (const char of csv) {
    if (char === '"') {
      quoted = !quoted; // a doubled quote inside a quoted cell toggles twice
      if (quoted) openedAt = line;
    } else if (char === '\n') line++;
  }
  return openedAt;
}

/** What reading an uploaded table gives: its records, or the one problem that stopped the reading. */
export interface TableRead {
  records: CsvRecord[];
  problem?: { line: number; message: string };
}

/** An uploaded table's records, or the one problem that stopped the reading: a limit passed, or broken CSV. */
export function recordsOf(text: string): TableRead {
  const slices = recordsInSlices(text);
  for (let step = slices.next(); ; step = slices.next()) if (step.done) return step.value;
}

/** recordsOf one slice at a time (readCsvInSlices). */
export function* recordsInSlices(text: string): Generator<void, TableRead> {
  try {
    return { records: yield* readCsvInSlices(text, { relaxColumnCount: true }) };
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const message = error instanceof CsvLimitError ? error.message : `not valid CSV: ${error.message}`;
    return { records: [], problem: { line: error.line ?? 1, message } };
  }
}
