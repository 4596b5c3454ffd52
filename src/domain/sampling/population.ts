import { CsvLimitError, CsvSyntaxError, readCsv, sliceEnd, type CsvRecord } from '../input/csv.js';
import { overLimit, tableLimits } from '../input/limits.js';

/**
 * A case of the eligible population and the rules for its cells. The file itself is read by one reader,
 * mapped-population.ts, for the pages, the API and the command line alike. Codes (any case and spacing):
 * domain court, outOfCourt, resettlement; sex male, female, unknown; ethnicity white, black, asian, mixed,
 * other, unknown; disability and lookedAfter yes, no, unknown; rosh and swb low, medium, high, veryHigh.
 * startDate is a date (see readDate), age whole years 10 to 25; disposal, caseManager and localAuthority
 * are free text.
 */

export type CaseDomain = 'court' | 'outOfCourt' | 'resettlement';

export interface PopulationCase {
  ref: string;
  domain: CaseDomain;
  disposal: string | null;
  startDate: string | null;
  sex: string | null;
  ethnicity: string | null;
  disability: string | null;
  lookedAfter: string | null;
  age: number | null;
  rosh: string | null;
  swb: string | null;
  caseManager: string | null;
  localAuthority: string | null;
  /** The line of the CSV the case starts on. */
  line: number;
}

/** What is wrong with one cell; the row reader adds the line and the column. */
export class CellProblem extends Error {}

/** Codes matched ignoring case, spaces, hyphens and underscores: "Very high" is veryHigh. */
function codes(...allowed: string[]) {
  const byWord = new Map(allowed.map((code) => [squash(code), code]));
  return (cell: string): string => {
    const value = byWord.get(cell) ?? byWord.get(squash(cell));
    if (value === undefined) throw new CellProblem(`"${cell}" is not one of ${allowed.join(', ')}`);
    return value;
  };
}
const squash = (word: string) => word.toLowerCase().replace(/[\s_-]+/g, '');

const text = (cell: string): string => cell;

/** Case references as the inspection's cases take them: never a name. */
const refPattern = /^[A-Za-z0-9][A-Za-z0-9/_.-]*$/;
function ref(cell: string): string {
  if (cell.length > 40) throw new CellProblem('a case reference must be 40 characters or fewer');
  if (!refPattern.test(cell))
    throw new CellProblem(`"${cell}" is not a case reference: letters, digits and / _ . - only (never a name)`);
  return cell;
}

function isoDate(cell: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
  if (!match) throw new CellProblem(`"${cell}" is not a date in the form YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new CellProblem(`"${cell}" is not a real date`);
  return cell;
}

/** Youth justice services work with children from 10, and some stay with them to 25. */
function age(cell: string): number {
  if (!/^\d+$/.test(cell)) throw new CellProblem(`"${cell}" is not an age in whole years`);
  const years = Number(cell);
  if (years < 10 || years > 25) throw new CellProblem(`${years} is outside the ages 10 to 25`);
  return years;
}

const classification = codes('low', 'medium', 'high', 'veryHigh');
const yesNo = codes('yes', 'no', 'unknown');

export const columnReaders = {
  ref,
  domain: codes('court', 'outOfCourt', 'resettlement'),
  disposal: text,
  startDate: isoDate,
  sex: codes('male', 'female', 'unknown'),
  ethnicity: codes('white', 'black', 'asian', 'mixed', 'other', 'unknown'),
  disability: yesNo,
  lookedAfter: yesNo,
  age,
  rosh: classification,
  swb: classification,
  caseManager: text,
  localAuthority: text,
} satisfies Record<keyof Omit<PopulationCase, 'line'>, (cell: string) => string | number>;

export type PopulationColumn = keyof typeof columnReaders;
export const populationColumns = Object.keys(columnReaders) as PopulationColumn[];
export const requiredColumns: readonly PopulationColumn[] = ['ref', 'domain'];

/** Text is read a slice of about this many characters at a time, so the whole file's records never live at once. */
const sliceSize = 1 << 20;

/**
 * Calls `each` with every record of the CSV and the line it starts on, reading with the project's CSV
 * reader one slice at a time, so the whole file's records never live at once. Slices end at a line end
 * outside quotes, so no record is split. The upload limits hold for the whole file, not each slice: at most
 * tableLimits.rows rows under the header, and tableLimits.cells cells. Returns the CSV's syntax problem or
 * the limit passed, if any, by line; reading stops there.
 */
export function eachRecord(
  csv: string,
  each: (record: string[], line: number) => void,
): { line: number; message: string } | null {
  const text = csv.replace(/\r\n?/g, '\n'); // as readCsv does, so that lines are counted alike
  let start = 0;
  let firstLine = 1;
  let records = 0;
  let cells = 0;
  while (start < text.length) {
    const end = sliceEnd(text, start, sliceSize);
    let slice: CsvRecord[];
    try {
      slice = readCsv(text.slice(start, end), { relaxColumnCount: true });
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      const message = error instanceof CsvLimitError ? error.message : `not valid CSV: ${error.message}`;
      return { line: (error.line ?? 1) + firstLine - 1, message };
    }
    // csv-parse counts the line a record ends on; a quoted cell can span lines, so count back from there.
    for (const { record, info } of slice) {
      const line = info.lines + firstLine - 1 - newlinesIn(record);
      records += 1;
      cells += record.length;
      if (records - 1 > tableLimits.rows) return { line, message: overLimit.rows(tableLimits) };
      if (cells > tableLimits.cells) return { line, message: overLimit.cells(tableLimits) };
      each(record, line);
    }
    for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) firstLine++;
    start = end;
  }
  return null;
}

function newlinesIn(record: string[]): number {
  let count = 0;
  for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) count++;
  return count;
}

/** A case with nothing known but its line: what a row fills in. */
export const blankCase: PopulationCase = {
  ref: '',
  domain: 'court',
  disposal: null,
  startDate: null,
  sex: null,
  ethnicity: null,
  disability: null,
  lookedAfter: null,
  age: null,
  rosh: null,
  swb: null,
  caseManager: null,
  localAuthority: null,
  line: 0,
};

/** Free text repeats (disposals, dates, case managers): one copy of each keeps 100,000 rows small. */
export const internedColumns = new Set<PopulationColumn>(['disposal', 'startDate', 'caseManager', 'localAuthority']);

export function intern(copies: Map<string, string>, value: string): string {
  const copy = copies.get(value);
  if (copy !== undefined) return copy;
  copies.set(value, value);
  return value;
}
