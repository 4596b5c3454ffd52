import { recordsOf, type TableRead } from '../../domain/input/csv.js';
import type { Framework } from '../../domain/framework/model.js';
import { caseAttributeOptions, factorFields, type CaseAttribute, type CaseInput } from './attributes.js';
import { ValidationError } from '../../platform/errors.js';

/** The columns a case CSV may have, in the order the page lists them. Only ref and domain are required. */
export const caseCsvColumns = [
  'ref',
  'domain',
  'disposal',
  'sex',
  'ethnicityGroup',
  'disability',
  'lookedAfter',
  'ageBand',
  'rosh',
  'swb',
  'childSafetyFactors',
  'otherPeopleSafetyFactors',
  'reviewRequired',
  'reviewDesistance',
  'reviewChildSafety',
  'reviewOtherPeopleSafety',
  'caseManagerInterviewed',
] as const;
type CaseCsvColumn = (typeof caseCsvColumns)[number];

const attributeColumns = Object.keys(caseAttributeOptions) as CaseAttribute[];
const yesNoColumns: readonly string[] = [...factorFields.map((f) => f.field), 'caseManagerInterviewed'];
const yesNoWords: Record<string, boolean> = { yes: true, y: true, true: true, no: false, n: false, false: false };

/** More rows than any sample: a bigger file is almost certainly the wrong file. */
export const maxImportCases = 1000;
/** The error summary lists this many problems; the count says how many more there are. */
export const maxProblemsShown = 50;

/** One thing wrong with a CSV, where a person will find it. */
export interface ImportProblem {
  line: number;
  column?: string;
  message: string;
}

export const problemText = (p: ImportProblem) => `Line ${p.line}: ${p.column ? `${p.column}: ` : ''}${p.message}`;

/** The CSV was refused: every problem found, and nothing stored. */
export class CaseImportError extends ValidationError {
  override name = 'CaseImportError';
  constructor(readonly problems: ImportProblem[]) {
    super(Object.fromEntries(problems.map((p, i) => [`csv.${i}`, problemText(p)] as const).slice(0, maxProblemsShown)));
  }
}

/** The case CSV columns with what each accepts in this framework, for the import page. */
export function caseCsvColumnHelp(framework: Framework) {
  const { caseDomains, disposalTypes, caseFactors } = framework.file;
  const factor = (id: string) => {
    const found = caseFactors.find((f) => f.id === id);
    if (!found) return 'not in this framework: leave it blank';
    const from = found.whenNotRecorded?.flatMap((s) => ('factor' in s ? [s.factor] : [])) ?? [];
    return `yes or no: ${found.label}${from.length ? ` (blank: as ${from.join(', ')} says)` : ''}`;
  };
  const ids = (options: Record<string, string>) => Object.keys(options).join(', ');
  const describe: Record<CaseCsvColumn, string> = {
    ref: 'Required. A pseudonymous reference from the case management system, never a name',
    domain: `Required. ${caseDomains.map((d) => `${d.id} (${d.label.toLowerCase()})`).join(', ')}`,
    disposal: caseDomains
      .map(
        (d) =>
          `${d.label}: ${disposalTypes
            .filter((t) => t.caseDomain === d.id)
            .map((t) => t.id)
            .join(', ')}`,
      )
      .join('. '),
    sex: ids(caseAttributeOptions.sex),
    ethnicityGroup: ids(caseAttributeOptions.ethnicityGroup),
    disability: ids(caseAttributeOptions.disability),
    lookedAfter: ids(caseAttributeOptions.lookedAfter),
    ageBand: ids(caseAttributeOptions.ageBand),
    rosh: `Risk of serious harm: ${ids(caseAttributeOptions.rosh)}`,
    swb: `Safety and wellbeing: ${ids(caseAttributeOptions.swb)}`,
    childSafetyFactors: factor('childSafety'),
    otherPeopleSafetyFactors: factor('otherPeopleSafety'),
    reviewRequired: factor('reviewRequired'),
    reviewDesistance: factor('reviewDesistance'),
    reviewChildSafety: factor('reviewChildSafety'),
    reviewOtherPeopleSafety: factor('reviewOtherPeopleSafety'),
    caseManagerInterviewed: 'yes or no (blank means no)',
  };
  return caseCsvColumns.map((name) => ({ name, accepts: describe[name] }));
}

/** A look-up of ids and labels, case-insensitive, to the id: "Referral order" and "referralOrder" alike. */
function lookup(entries: readonly { id: string; label: string }[]) {
  const byWord = new Map<string, string>();
  for (const { id, label } of entries) {
    byWord.set(id.toLowerCase(), id);
    byWord.set(label.toLowerCase(), id);
  }
  return (cell: string) => byWord.get(cell.toLowerCase());
}

const optionEntries = (options: Record<string, string>) =>
  Object.entries(options).map(([id, label]) => ({ id, label }));

/** A row of the CSV as the case form would give it, with the line it starts on. */
export interface CaseCsvRow {
  line: number;
  input: CaseInput;
}

/**
 * Reads a case CSV against a framework: the header, then every row, cell by cell. Unknown values are
 * problems (and left out of the row's input); rules across rows and the database are the caller's.
 */
export function readCaseCsv(
  text: string | TableRead,
  framework: Framework,
): { rows: CaseCsvRow[]; problems: ImportProblem[] } {
  // The text, or its records already read (by the server, a slice at a time).
  const { records, problem } = typeof text === 'string' ? recordsOf(text) : text;
  if (problem) return { rows: [], problems: [problem] };
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty: expected a header row' }] };

  const problems: ImportProblem[] = [];
  const columns = header.record;
  const known = new Set<string>(caseCsvColumns);
  columns.forEach((name, i) => {
    if (!known.has(name))
      problems.push({ line: 1, message: `column "${name}" is not a case column (see the expected columns)` });
    else if (columns.indexOf(name) !== i) problems.push({ line: 1, message: `column "${name}" appears twice` });
  });
  for (const required of ['ref', 'domain'])
    if (!columns.includes(required)) problems.push({ line: 1, message: `the header row has no "${required}" column` });
  if (problems.length > 0) return { rows: [], problems };
  if (body.length === 0)
    return { rows: [], problems: [{ line: 1, message: 'there are no cases under the header row' }] };
  if (body.length > maxImportCases)
    return {
      rows: [],
      problems: [{ line: 1, message: `the file has ${body.length} cases: import at most ${maxImportCases} at a time` }],
    };

  const domainOf = lookup(framework.file.caseDomains);
  const disposalOf = lookup(framework.file.disposalTypes);
  const attributeOf = Object.fromEntries(
    attributeColumns.map((name) => [name, lookup(optionEntries(caseAttributeOptions[name]))]),
  ) as Record<CaseAttribute, (cell: string) => string | undefined>;

  const rows = body.map(({ record, info }): CaseCsvRow => {
    // info.lines is where a record ends; a quoted cell may span lines, and people look for where it starts.
    const line = info.lines - record.reduce((n, cell) => n + cell.split('\n').length - 1, 0);
    const fail = (column: string, message: string) => problems.push({ line, column, message });
    if (record.length !== columns.length)
      problems.push({ line, message: `has ${record.length} cells but the header row has ${columns.length}` });
    const cell = (column: string) => record[columns.indexOf(column)] ?? '';
    const input: Record<string, unknown> = { ref: cell('ref'), domain: cell('domain') };

    if (input.ref === '') fail('ref', 'a case reference is required');
    const domain = cell('domain');
    if (domain === '')
      fail('domain', `the kind of case is required: ${framework.file.caseDomains.map((d) => d.id).join(', ')}`);
    else if (!domainOf(domain))
      fail(
        'domain',
        `"${domain}" is not a kind of case: use ${framework.file.caseDomains.map((d) => d.id).join(', ')}`,
      );
    else input.domain = domainOf(domain);

    const disposal = cell('disposal');
    if (disposal !== '') {
      if (disposalOf(disposal)) input.disposal = disposalOf(disposal);
      else fail('disposal', `"${disposal}" is not a disposal type (see the expected columns)`);
    }
    for (const name of attributeColumns) {
      const value = cell(name);
      if (value === '') continue;
      if (attributeOf[name](value)) input[name] = attributeOf[name](value);
      else fail(name, `"${value}" is not one of: ${Object.keys(caseAttributeOptions[name]).join(', ')}`);
    }
    for (const name of yesNoColumns) {
      const value = cell(name);
      if (value === '') continue;
      const answer = yesNoWords[value.toLowerCase()];
      if (answer === undefined) fail(name, `"${value}" is not yes or no (leave it blank if not known)`);
      else input[name] = answer;
    }
    return { line, input: input as CaseInput };
  });
  return { rows, problems };
}
