import { CsvSyntaxError, readCsv, type CsvRecord } from '../input/csv.js';
import type { Framework } from '../framework/model.js';
import { InputError, parseJson, parseWith } from '../input/input-error.js';
import type { Answer, AssessedCase, Findings } from '../rating/types.js';
import { checkCases, checkFindings, locateInJson, type CaseField } from './check.js';
import { findingsFileSchema } from './schema.js';

export interface ParsedFindings {
  framework: Framework;
  findings: Findings;
  /** The fieldwork date or month, for the ratings box. */
  fieldwork?: string;
}

/**
 * A findings file (JSON text), checked against its framework. Extra cases, e.g. from a CSV,
 * are added to the file's own. Throws an InputError naming the JSON path of the first problem.
 */
export function parseFindings(
  text: string,
  source: string,
  frameworkById: (id: string) => Framework,
  extraCases: readonly AssessedCase[] = [],
): ParsedFindings {
  const file = parseWith(findingsFileSchema, parseJson(text, source), source);
  const framework = frameworkAt(file.framework, source, frameworkById);
  const fileCases: AssessedCase[] = (file.cases ?? []).map((c) => ({
    ref: c.ref,
    domain: c.domain,
    ...(c.disposal !== undefined && { disposal: c.disposal }),
    ...(c.factors !== undefined && { factors: c.factors }),
    answers: c.answers,
  }));
  checkCases(framework, fileCases, source, locateInJson);
  const cases = [...fileCases, ...extraCases];
  const ref = extraCases.find((c) => fileCases.some((f) => f.ref === c.ref))?.ref;
  if (ref !== undefined) throw new InputError(source, '$.cases', `case "${ref}" is both in the file and in the CSV`);
  return {
    framework,
    findings: checkFindings(framework, file, cases, source),
    ...(file.fieldwork !== undefined && { fieldwork: file.fieldwork }),
  };
}

function frameworkAt(id: string, source: string, frameworkById: (id: string) => Framework): Framework {
  try {
    return frameworkById(id);
  } catch (error) {
    if (error instanceof InputError && error.source === 'framework')
      throw new InputError(source, '$.framework', error.problem);
    throw error;
  }
}

const answerWords: Record<string, Answer> = { yes: 'yes', no: 'no', 'n/a': 'n/a' };
const factorWords: Record<string, boolean> = { yes: true, true: true, no: false, false: false };
const fixedColumns = ['ref', 'domain', 'disposal'];

/**
 * Case answers as CSV, one row per case: `ref,domain,disposal`, then optional case-factor columns
 * (e.g. `childSafety`, yes/no), then one column per key-question or prompt id. An empty cell is not answered.
 */
export function parseCaseAnswersCsv(text: string, source: string, framework: Framework): AssessedCase[] {
  let records: CsvRecord[];
  try {
    records = readCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new InputError(source, error.line ? `line ${error.line}` : '', `not valid CSV: ${error.message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new InputError(source, 'line 1', 'the file is empty: expected a header row');
  const columns = header.record;
  fixedColumns.forEach((name, i) => {
    if (columns[i] !== name)
      throw new InputError(
        source,
        'line 1',
        `column ${i + 1} must be "${name}" (the header starts ref,domain,disposal)`,
      );
  });
  const factorIds = new Set(framework.file.caseFactors.map((f) => f.id));
  const seen = new Set<string>();
  columns.slice(fixedColumns.length).forEach((name, i) => {
    const column = `column ${fixedColumns.length + i + 1} "${name}"`;
    if (seen.has(name)) throw new InputError(source, `line 1, ${column}`, 'appears twice');
    seen.add(name);
    if (!factorIds.has(name) && !framework.keyQuestionById.has(name) && !framework.promptById.has(name))
      throw new InputError(source, `line 1, ${column}`, `not a case factor, key question or prompt of ${framework.id}`);
  });

  const cases = rows.map(({ record, info }): AssessedCase => {
    const at = (column: string) => `line ${info.lines}, column "${column}"`;
    const answers: Record<string, Answer> = {};
    const factors: Record<string, boolean> = {};
    columns.slice(fixedColumns.length).forEach((name, i) => {
      const cell = record[fixedColumns.length + i] ?? '';
      if (cell === '') return;
      const word = cell.toLowerCase();
      if (factorIds.has(name)) {
        const value = factorWords[word];
        if (value === undefined) throw new InputError(source, at(name), `"${cell}" is not yes or no`);
        factors[name] = value;
      } else {
        const answer = answerWords[word];
        if (answer === undefined)
          throw new InputError(source, at(name), `"${cell}" is not an answer: use yes, no or n/a`);
        answers[name] = answer;
      }
    });
    const [ref = '', domain = '', disposal = ''] = record;
    if (ref === '') throw new InputError(source, at('ref'), 'a case reference is required');
    return {
      ref,
      domain,
      ...(disposal !== '' && { disposal }),
      ...(Object.keys(factors).length > 0 && { factors }),
      answers,
    };
  });
  const lineOf = rows.map((r) => r.info.lines);
  const locate = (caseIndex: number, field: CaseField) =>
    `line ${lineOf[caseIndex]}, column "${field.length === 1 ? field[0] : field[1]}"`;
  checkCases(framework, cases, source, locate);
  return cases;
}
