import { recordsOf, type TableRead } from '../input/csv.js';
import { InputError } from '../input/input-error.js';
import { addDays, longDate } from '../dates.js';
import {
  CellProblem,
  columnReaders,
  eachRecord,
  intern,
  internedColumns,
  populationColumns,
  requiredColumns,
  type PopulationCase,
  type PopulationColumn,
  blankCase,
} from './population.js';

/**
 * The one reader of the eligible population, for the pages, the API and the command line: any headers,
 * mapped to our fields (proposed from the headers, or chosen by a person), every row checked with
 * population.ts's cell rules. Dates come as people and Excel write them: 15/03/2022, 2022-03-15 or a serial
 * number such as 44635. The pages list every problem by line so that a person can fix the file in one go;
 * the command line stops at the first.
 */

/** Our field to the file's header; a field left out is not imported. */
export type ColumnMapping = Partial<Record<PopulationColumn, string>>;

export interface PopulationProblem {
  line: number;
  column?: string;
  message: string;
}

const squash = (word: string) => word.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Headers seen in case management systems' exports (ChildView, Careworks, Mosaic), as well as ours. */
const likelyHeaders: Record<PopulationColumn, string[]> = {
  ref: ['reference', 'case ref', 'case reference', 'case id', 'case number', 'child id', 'id', 'urn'],
  domain: ['case type', 'cohort', 'case domain'],
  disposal: ['disposal type', 'outcome', 'order type', 'sentence', 'intervention type'],
  startDate: ['start date', 'sentence date', 'order start date', 'outcome date', 'disposal date', 'release date'],
  sex: ['gender'],
  ethnicity: ['ethnicity group', 'ethnic group'],
  disability: ['disabled', 'has disability'],
  lookedAfter: ['looked after', 'looked after status', 'lac', 'cla', 'care status'],
  age: ['age at start', 'age years'],
  rosh: ['risk of serious harm', 'rosh rating', 'rosh level'],
  swb: ['safety and wellbeing', 'safety and well-being', 'swb rating', 'swb level'],
  caseManager: ['case worker', 'caseworker', 'practitioner', 'allocated worker'],
  localAuthority: ['local authority', 'la', 'borough', 'council'],
};

/**
 * A mapping for a file's headers: the one remembered for the service where its header is in the file,
 * otherwise a header that names the field (ours, or a common export's). Each header is used at most once.
 */
export function proposeMapping(headers: readonly string[], remembered: ColumnMapping = {}): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const take = (field: PopulationColumn, header: string | undefined) => {
    if (header === undefined || used.has(header)) return;
    mapping[field] = header;
    used.add(header);
  };
  for (const field of populationColumns) {
    const known = remembered[field];
    if (known !== undefined && headers.includes(known)) take(field, known);
  }
  // Our own names first, so that a file with a "ref" column keeps it even beside a "Child ID".
  for (const field of populationColumns)
    if (mapping[field] === undefined)
      take(
        field,
        headers.find((h) => squash(h) === squash(field)),
      );
  for (const field of populationColumns) {
    if (mapping[field] !== undefined) continue;
    const words = new Set([field, ...likelyHeaders[field]].map(squash));
    take(
      field,
      headers.find((h) => words.has(squash(h)) && !used.has(h)),
    );
  }
  return mapping;
}

/** Problems with the mapping itself, by field: required fields mapped, headers in the file, none twice. */
export function mappingProblems(mapping: ColumnMapping, headers: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const firstField = new Map<string, PopulationColumn>();
  for (const field of populationColumns) {
    const header = mapping[field];
    if (header === undefined) {
      if (requiredColumns.includes(field)) problems[field] = `Select the column that holds the ${field}`;
      continue;
    }
    if (!headers.includes(header)) problems[field] = `The file has no column "${header}"`;
    else if (firstField.has(header))
      problems[field] = `The column "${header}" is already chosen for ${firstField.get(header)}`;
    else firstField.set(header, field);
  }
  return problems;
}

/** UK day/month/year, ISO (with a time or not), or an Excel serial day number: always YYYY-MM-DD. */
export function readDate(cell: string): string {
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?$/.exec(cell);
  if (iso) return columnReaders.startDate(iso[1]!);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: [\d:]+)?$/.exec(cell);
  if (uk) {
    const year = uk[3]!.length === 2 ? `20${uk[3]}` : uk[3]!;
    const text = `${year}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
    try {
      return columnReaders.startDate(text);
    } catch {
      throw new CellProblem(`"${cell}" is not a real date`);
    }
  }
  // Excel counts days from 30 December 1899; 20000 to 80000 is 1954 to 2119.
  const serial = /^(\d{5})(?:\.\d+)?$/.exec(cell);
  if (serial && Number(serial[1]) >= 20000 && Number(serial[1]) <= 80000)
    return addDays('1899-12-30', Number(serial[1]));
  throw new CellProblem(`"${cell}" is not a date: use DD/MM/YYYY or YYYY-MM-DD`);
}

/** What the inspection adds to the cell rules: its case window, and its framework's domains and disposals. */
export interface PopulationRules {
  window?: { from: string; to: string } | null;
  /** The domain id for a cell (an id or a label), or what is wrong with it. */
  domainOf?: (cell: string) => { id: string } | { problem: string };
  /** The disposal id for a cell in a domain, or a CellProblem's message. */
  disposalOf?: (domain: string, cell: string) => { id: string } | { problem: string };
}

/** The text up to the first line end outside quotes: the header row, without reading the whole file. */
function firstLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) return text.slice(0, i + 1);
  }
  return text;
}

/** The header row of a CSV: what a person maps. */
export function headersOf(text: string): { headers: string[]; problem?: PopulationProblem } {
  const { records, problem } = recordsOf(firstLine(text));
  if (problem) return { headers: [], problem };
  const header = records[0]?.record;
  if (!header) return { headers: [], problem: { line: 1, message: 'the file is empty: expected a header row' } };
  const blank = header.findIndex((h) => h === '');
  if (blank !== -1) return { headers: [], problem: { line: 1, message: `column ${blank + 1} has no header` } };
  const twice = header.find((h, i) => header.indexOf(h) !== i);
  if (twice) return { headers: [], problem: { line: 1, message: `the header "${twice}" appears twice` } };
  return { headers: header };
}

/** Thrown from inside the record loop to stop reading once enough problems are found. */
class EnoughProblems extends Error {}

type PopulationRead = { cases: PopulationCase[]; problems: PopulationProblem[] };

/**
 * Checks the records of a population file one at a time, under a mapping: the header first, then each row.
 * `record` throws EnoughProblems once `problemLimit` problems are found; `result` gives the cases, valid only
 * when there are no problems.
 */
function populationCheck(mapping: ColumnMapping, rules: PopulationRules, problemLimit: number) {
  let header: string[] | undefined;
  let columns: { field: PopulationColumn; index: number }[] = [];
  const problems: PopulationProblem[] = [];
  const cases: PopulationCase[] = [];
  const firstLine = new Map<string, number>();
  const interned = new Map<string, string>();
  const problem = (found: PopulationProblem) => {
    problems.push(found);
    if (problems.length >= problemLimit) throw new EnoughProblems();
  };
  return {
    record(record: string[], line: number) {
      if (!header) {
        header = record;
        // The domain first: a disposal is read against it.
        columns = populationColumns
          .flatMap((field) => {
            const index = mapping[field] === undefined ? -1 : record.indexOf(mapping[field]);
            return index === -1 ? [] : [{ field, index }];
          })
          .sort((a, b) => Number(b.field === 'domain') - Number(a.field === 'domain'));
        return;
      }
      if (record.length !== header.length) {
        problem({ line, message: `${record.length} cells, but the header row has ${header.length}` });
        return;
      }
      const before = problems.length;
      const found = readRow(record, columns, line, rules, problems);
      if (problems.length >= problemLimit) throw new EnoughProblems();
      if (!found || problems.length > before) return;
      for (const field of internedColumns) {
        const value = found[field];
        if (typeof value === 'string') (found as unknown as Record<string, string>)[field] = intern(interned, value);
      }
      const earlier = firstLine.get(found.ref);
      if (earlier !== undefined)
        problem({ line, column: 'ref', message: `case ${found.ref} is also on line ${earlier}` });
      else firstLine.set(found.ref, line);
      cases.push(found);
    },
    result(syntax: PopulationProblem | null): PopulationRead {
      if (syntax) problems.push(syntax);
      if (problems.length === 0 && !header)
        problems.push({ line: 1, message: 'the file is empty: expected a header row' });
      if (problems.length === 0 && cases.length === 0)
        problems.push({ line: 2, message: 'there are no cases under the header row' });
      return { cases: problems.length > 0 ? [] : cases, problems };
    },
  };
}

/**
 * Reads and checks every row under a mapping; the cases are valid only when there are no problems.
 * The file is read a slice at a time; reading stops after `problemLimit` problems.
 */
export function readMappedPopulation(
  text: string,
  mapping: ColumnMapping,
  rules: PopulationRules = {},
  problemLimit = Infinity,
): PopulationRead {
  const check = populationCheck(mapping, rules, problemLimit);
  let syntax: PopulationProblem | null = null;
  try {
    syntax = eachRecord(text, (record, line) => check.record(record, line));
  } catch (error) {
    if (!(error instanceof EnoughProblems)) throw error;
  }
  return check.result(syntax);
}

/** Rows checked between pauses of mappedPopulationInSlices. */
const rowsPerSlice = 1_000;

/**
 * readMappedPopulation over records already read, pausing every thousand rows: whoever runs the steps may
 * let other work run between them (the server does: platform/csv.ts, readInTurns).
 */
export function* mappedPopulationInSlices(
  read: TableRead,
  mapping: ColumnMapping,
  rules: PopulationRules = {},
): Generator<void, PopulationRead> {
  if (read.problem) return { cases: [], problems: [read.problem] };
  const check = populationCheck(mapping, rules, Infinity);
  for (const [index, { record, info }] of read.records.entries()) {
    if (index > 0 && index % rowsPerSlice === 0) yield;
    // info.lines is where a record ends; a quoted cell may span lines, and people look for where it starts.
    check.record(record, info.lines - record.reduce((n, cell) => n + cell.split('\n').length - 1, 0));
  }
  return check.result(null);
}

/**
 * The population as the command line reads it: the headers mapped as the pages propose, the framework's
 * domain and disposal words, the first problem thrown as an InputError naming its line and column.
 * `needed` are the columns the chosen strata read.
 */
export function parsePopulationCsv(
  csv: string,
  source: string,
  needed: readonly PopulationColumn[] = [],
  rules: PopulationRules = {},
): PopulationCase[] {
  const { headers, problem } = headersOf(csv);
  if (problem) throw new InputError(source, `line ${problem.line}`, problem.message);
  const mapping = proposeMapping(headers);
  for (const field of requiredColumns)
    if (mapping[field] === undefined)
      throw new InputError(
        source,
        'line 1',
        `no column holds the ${field}: name one "${field}" (or ${likelyHeaders[field].slice(0, 3).join(', ')})`,
      );
  for (const field of needed)
    if (mapping[field] === undefined)
      throw new InputError(source, 'line 1', `there is no "${field}" column to stratify by (choose other strata)`);
  const { cases, problems } = readMappedPopulation(csv, mapping, rules, 1);
  const first = problems[0];
  if (first)
    throw new InputError(
      source,
      `line ${first.line}${first.column ? `, column "${mapping[first.column as PopulationColumn] ?? first.column}"` : ''}`,
      first.message,
    );
  return cases;
}

function readRow(
  record: string[],
  columns: { field: PopulationColumn; index: number }[],
  line: number,
  rules: PopulationRules,
  problems: PopulationProblem[],
): PopulationCase | undefined {
  const found: PopulationCase = { ...blankCase, line };
  const fields = found as unknown as Record<PopulationColumn, string | number | null>;
  const before = problems.length;
  const fail = (column: string, message: string) => problems.push({ line, column, message });
  for (const { field, index } of columns) {
    const cell = record[index]!;
    if (cell === '') {
      if (requiredColumns.includes(field)) fail(field, `the ${field} is required`);
      continue;
    }
    // A disposal is checked against its domain: not at all when the domain itself is wrong.
    if (field === 'disposal' && problems.slice(before).some((p) => p.column === 'domain')) continue;
    try {
      fields[field] = readCell(field, cell, found, rules);
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      fail(field, error.message);
    }
  }
  const window = rules.window;
  if (window && found.startDate && (found.startDate < window.from || found.startDate > window.to))
    fail(
      'startDate',
      `${longDate(found.startDate)} is outside the case window, ${longDate(window.from)} to ${longDate(window.to)}`,
    );
  return problems.length === before ? found : undefined;
}

function readCell(field: PopulationColumn, cell: string, row: PopulationCase, rules: PopulationRules) {
  if (field === 'startDate') return readDate(cell);
  const found =
    field === 'domain' && rules.domainOf
      ? rules.domainOf(cell)
      : field === 'disposal' && rules.disposalOf
        ? rules.disposalOf(row.domain, cell)
        : { id: columnReaders[field](cell) };
  if ('problem' in found) throw new CellProblem(found.problem);
  return found.id;
}
