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

/**
 * Reads real-world CSV: a byte-order mark, Windows line ends, quoted cells with embedded newlines, blank
 * lines. csv-parse counts a CRLF inside quotes as two lines, so line ends become LF first and every line
 * number is right.
 */
export function readCsv(
  text: string,
  options: { relaxColumnCount?: boolean; limits?: Partial<TableLimits> } = {},
): CsvRecord[] {
  const csv = text.replace(/\r\n?/g, '\n');
  const limits = { ...tableLimits, ...options.limits };
  let rows = 0;
  let cells = 0;
  // Counted as each record is read, so a hostile file stops at the limit rather than after being read whole.
  // With `info`, csv-parse hands the hook the record with its info, whatever its types say.
  const onRecord = (given: string[]) => {
    const { record, info } = given as unknown as CsvRecord;
    rows += 1;
    cells += record.length;
    if (record.length > limits.columns) throw new CsvLimitError(info.lines, overLimit.columns(limits, record.length));
    if (rows > limits.rows) throw new CsvLimitError(info.lines, overLimit.rows(limits));
    if (cells > limits.cells) throw new CsvLimitError(info.lines, overLimit.cells(limits));
    for (const [column, cell] of record.entries()) {
      const problem = unstorableCharacter(cell);
      // Refused as a limit is: the message as it stands, at its line, and the reading stops.
      if (problem) throw new CsvLimitError(info.lines, `column ${column + 1} ${problem}`);
    }
    return given;
  };
  try {
    const records = parse(csv, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: options.relaxColumnCount ?? false,
      info: true,
      on_record: onRecord,
    }) as unknown as CsvRecord[];
    for (const r of records) r.record = r.record.map(uninertCell);
    return records;
  } catch (error) {
    if (error instanceof CsvLimitError) throw error;
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === 'CSV_QUOTE_NOT_CLOSED')
      throw new CsvSyntaxError(unclosedQuoteLine(csv), 'a quote opened here is never closed');
    throw new CsvSyntaxError(lines ?? null, (error as Error).message);
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

/** An uploaded table's records, or the one problem that stopped the reading: a limit passed, or broken CSV. */
export function recordsOf(text: string): { records: CsvRecord[]; problem?: { line: number; message: string } } {
  try {
    return { records: readCsv(text, { relaxColumnCount: true }) };
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const message = error instanceof CsvLimitError ? error.message : `not valid CSV: ${error.message}`;
    return { records: [], problem: { line: error.line ?? 1, message } };
  }
}
