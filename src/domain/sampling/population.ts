import { CsvSyntaxError, readCsv, sliceEnd, type CsvRecord } from '../input/csv.js';
import { InputError } from '../input/input-error.js';

/**
 * The eligible population as a CSV (the command line's form, no column mapping): one row per case, the
 * columns in any order. `ref` and `domain` are required; the others are optional, and an empty cell is
 * "not recorded". Every row is checked before anything is drawn; the first problem is reported by line.
 * Codes (any case and spacing): domain court, outOfCourt, resettlement; sex male, female, unknown; ethnicity
 * white, black, asian, mixed, other, unknown; disability and lookedAfter yes, no, unknown; rosh and swb low,
 * medium, high, veryHigh. startDate is YYYY-MM-DD, age whole years 10 to 25; disposal, caseManager and
 * localAuthority are free text.
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
 * reader one slice at a time. Slices end at a line end outside quotes, so no record is split.
 */
function eachRecord(csv: string, source: string, each: (record: string[], line: number) => void): void {
  const text = csv.replace(/\r\n?/g, '\n'); // as readCsv does, so that lines are counted alike
  let start = 0;
  let firstLine = 1;
  while (start < text.length) {
    const end = sliceEnd(text, start, sliceSize);
    let records: CsvRecord[];
    try {
      records = readCsv(text.slice(start, end), { relaxColumnCount: true });
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      const where = error.line ? `line ${error.line + firstLine - 1}` : '';
      throw new InputError(source, where, `not valid CSV: ${error.message}`);
    }
    // csv-parse counts the line a record ends on; a quoted cell can span lines, so count back from there.
    for (const { record, info } of records) each(record, info.lines + firstLine - 1 - newlinesIn(record));
    for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) firstLine++;
    start = end;
  }
}

function newlinesIn(record: string[]): number {
  let count = 0;
  for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) count++;
  return count;
}

/** Which column each header cell is; `needed` are the columns the chosen strata read. */
function readHeader(columns: string[], source: string, needed: readonly PopulationColumn[]): PopulationColumn[] {
  const known = new Set<string>(populationColumns);
  columns.forEach((name, i) => {
    const where = `line 1, column "${name}"`;
    if (!known.has(name))
      throw new InputError(source, where, `not a population column (the columns are ${populationColumns.join(',')})`);
    if (columns.indexOf(name) !== i) throw new InputError(source, where, 'appears twice');
  });
  for (const name of requiredColumns)
    if (!columns.includes(name)) throw new InputError(source, 'line 1', `the "${name}" column is required`);
  for (const name of needed)
    if (!columns.includes(name))
      throw new InputError(source, 'line 1', `there is no "${name}" column to stratify by (choose other strata)`);
  return columns as PopulationColumn[];
}

const emptyProblem: Partial<Record<PopulationColumn, string>> = {
  ref: 'a case reference is required',
  domain: 'the domain is required: court, outOfCourt or resettlement',
};

/** Free text repeats (disposals, dates, case managers): one copy of each keeps 100,000 rows small. */
const internedColumns = new Set<PopulationColumn>(['disposal', 'startDate', 'caseManager', 'localAuthority']);

/** Parses and checks a population CSV; throws an InputError naming the line and column of the first problem. */
export function parsePopulationCsv(
  csv: string,
  source: string,
  needed: readonly PopulationColumn[] = [],
): PopulationCase[] {
  let columns: PopulationColumn[] | undefined;
  const cases: PopulationCase[] = [];
  const firstLine = new Map<string, number>();
  const interned = new Map<string, string>();
  eachRecord(csv, source, (record, line) => {
    if (!columns) {
      columns = readHeader(record, source, needed);
      return;
    }
    if (record.length !== columns.length)
      throw new InputError(
        source,
        `line ${line}`,
        `${record.length} cells, but the header has ${columns.length} columns`,
      );
    const found: PopulationCase = { ...blankCase, line };
    const fields = found as unknown as Record<PopulationColumn, string | number | null>;
    for (let i = 0; i < columns.length; i++) {
      const name = columns[i]!;
      const cell = record[i]!;
      if (cell === '') {
        const problem = emptyProblem[name];
        if (problem) throw new InputError(source, `line ${line}, column "${name}"`, problem);
        continue;
      }
      try {
        const value = columnReaders[name](cell);
        fields[name] = internedColumns.has(name) ? intern(interned, value as string) : value;
      } catch (error) {
        if (error instanceof CellProblem) throw new InputError(source, `line ${line}, column "${name}"`, error.message);
        throw error;
      }
    }
    const earlier = firstLine.get(found.ref);
    if (earlier !== undefined)
      throw new InputError(source, `line ${line}, column "ref"`, `case ${found.ref} is also on line ${earlier}`);
    firstLine.set(found.ref, line);
    cases.push(found);
  });
  if (!columns) throw new InputError(source, 'line 1', 'the file is empty: expected a header row');
  if (cases.length === 0) throw new InputError(source, 'line 2', 'there are no cases under the header row');
  return cases;
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

function intern(copies: Map<string, string>, value: string): string {
  const copy = copies.get(value);
  if (copy !== undefined) return copy;
  copies.set(value, value);
  return value;
}
