import { recordsOf, type TableRead } from '../input/csv.js';
import { addDays, longDate } from '../timeline/dates.js';
import {
  CellProblem,
  columnReaders,
  populationColumns,
  requiredColumns,
  type PopulationCase,
  type PopulationColumn,
  blankCase,
} from './population.js';

/**
 * The eligible population as a case management system exports it: any headers, mapped once to our fields.
 * Unlike the command line's reader (population.ts, which stops at the first problem), every row is checked
 * and every problem is listed by line, so that a person can fix the file in one go. The cell rules are
 * population.ts's own; dates also come as Excel writes them (15/03/2022, or a serial number such as 44635).
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
  ref: ['reference', 'case ref', 'case reference', 'case id', 'case number', 'id', 'urn'],
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

/** Reads and checks every row under a mapping; the cases are valid only when there are no problems. */
export function readMappedPopulation(
  text: string,
  mapping: ColumnMapping,
  rules: PopulationRules = {},
): { cases: PopulationCase[]; problems: PopulationProblem[] } {
  const steps = mappedPopulationInSlices(recordsOf(text), mapping, rules);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Rows checked between pauses of mappedPopulationInSlices. */
const rowsPerSlice = 1_000;

/**
 * readMappedPopulation over records already read, pausing every few thousand rows: whoever runs the steps may
 * let other work run between them (the server does: platform/csv.ts, readInTurns).
 */
export function* mappedPopulationInSlices(
  read: TableRead,
  mapping: ColumnMapping,
  rules: PopulationRules = {},
): Generator<void, { cases: PopulationCase[]; problems: PopulationProblem[] }> {
  const { records, problem } = read;
  if (problem) return { cases: [], problems: [problem] };
  const [header, ...body] = records;
  if (!header) return { cases: [], problems: [{ line: 1, message: 'the file is empty: expected a header row' }] };
  if (body.length === 0)
    return { cases: [], problems: [{ line: 2, message: 'there are no cases under the header row' }] };
  const columns = populationColumns.flatMap((field) => {
    const index = mapping[field] === undefined ? -1 : header.record.indexOf(mapping[field]);
    return index === -1 ? [] : [{ field, index }];
  });
  const problems: PopulationProblem[] = [];
  const cases: PopulationCase[] = [];
  const firstLine = new Map<string, number>();
  for (const [index, { record, info }] of body.entries()) {
    if (index > 0 && index % rowsPerSlice === 0) yield;
    // info.lines is where a record ends; a quoted cell may span lines, and people look for where it starts.
    const line = info.lines - record.reduce((n, cell) => n + cell.split('\n').length - 1, 0);
    if (record.length !== header.record.length) {
      problems.push({ line, message: `${record.length} cells, but the header row has ${header.record.length}` });
      continue;
    }
    const found = readRow(record, columns, line, rules, problems);
    if (!found) continue;
    const earlier = firstLine.get(found.ref);
    if (earlier !== undefined)
      problems.push({ line, column: 'ref', message: `case ${found.ref} is also on line ${earlier}` });
    else firstLine.set(found.ref, line);
    cases.push(found);
  }
  return { cases: problems.length > 0 ? [] : cases, problems };
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
  const ordered = [...columns].sort((a, b) => Number(b.field === 'domain') - Number(a.field === 'domain'));
  for (const { field, index } of ordered) {
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
