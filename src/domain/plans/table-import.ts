import { isIsoDate, type IsoDate } from '../dates.js';
import { actionStatuses, statusLabels, type ActionStatus } from './model.js';
import { leadingDate, parseStatusText, type ParsedStatus } from './status-words.js';

/**
 * A plan from a table (CSV or a spreadsheet's first sheet): one row per action, the area's columns on its
 * first row and blank or repeated on the rest (the layout of Ealing's Appendix B). Pure: the table in, the
 * plan's areas or every problem by line out.
 */

export const importFields = [
  {
    field: 'areaNumber',
    label: 'Area number',
    required: true,
    guesses: ['area number', 'area no', 'no', 'number', '#'],
  },
  { field: 'domain', label: 'Domain or heading', required: false, guesses: ['domain', 'heading', 'section'] },
  { field: 'standardId', label: 'Standard', required: false, guesses: ['standard'] },
  {
    field: 'areaText',
    label: 'Area for improvement',
    required: true,
    guesses: ['area for improvement', 'area', 'improvement'],
  },
  { field: 'source', label: 'Source', required: false, guesses: ['source', 'recommendation'] },
  { field: 'actionText', label: 'Action', required: true, guesses: ['action', 'actions'] },
  { field: 'owners', label: 'Owners', required: false, guesses: ['owner', 'owners', 'action owner(s)', 'lead'] },
  { field: 'commencementDate', label: 'Commencement date', required: false, guesses: ['commencement', 'start'] },
  { field: 'targetDate', label: 'Target date', required: false, guesses: ['target', 'due', 'deadline'] },
  { field: 'status', label: 'Status', required: false, guesses: ['status', 'completed y/n (rag)', 'rag', 'completed'] },
  {
    field: 'completionDate',
    label: 'Completion date',
    required: false,
    guesses: ['completion date', 'completed on', 'date completed'],
  },
  {
    field: 'statusText',
    label: 'Status as first written',
    required: false,
    guesses: ['original status', 'status as written', 'status text'],
  },
  {
    field: 'targets',
    label: 'Standards or key questions targeted',
    required: false,
    guesses: ['targets', 'targeted', 'key questions'],
  },
] as const;
export type ImportField = (typeof importFields)[number]['field'];
/** Field → column index (or undefined: not in the file). */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export interface ImportTable {
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export interface ImportedAction {
  line: number;
  text: string;
  owners: string[];
  commencementDate: IsoDate | null;
  targetDate: IsoDate | null;
  completionDate: IsoDate | null;
  status: ActionStatus;
  statusText: string;
  understood: ParsedStatus['understood'];
  targets: string[];
}

export interface ImportedArea {
  line: number;
  number: number;
  domain: string;
  standardId: string | null;
  text: string;
  source: string;
  actions: ImportedAction[];
}

const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The column each field most likely comes from: an exact header first, then one that starts with a guess. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const pass of ['exact', 'starts'] as const)
    for (const { field, label, guesses } of importFields) {
      if (mapping[field] !== undefined) continue;
      const candidates = [normalise(label), ...guesses];
      const index = headers.findIndex(
        (h, i) =>
          !taken.has(i) && candidates.some((c) => (pass === 'exact' ? normalise(h) === c : normalise(h).startsWith(c))),
      );
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
      }
    }
  return mapping;
}

/** "SG, LG & HE", "LB / AL", "HE and LG". */
export const splitOwners = (text: string) =>
  text
    .split(/\s*(?:,|;|&|\/|\band\b|\n)\s*/i)
    .map((o) => o.trim())
    .filter((o) => o !== '');

/** A date cell (false: not a date); a month alone is its first day for a commencement ("Sept 2023" began then), its last otherwise. */
function readDate(
  value: string,
  context: { commencementDate: IsoDate | null; asAt: IsoDate },
  monthMeans: 'start' | 'end' = 'end',
): IsoDate | null | false {
  if (value === '') return null;
  if (isIsoDate(value)) return value;
  const read = leadingDate(value, context);
  if (!read || read.rest !== '') return false;
  return read.monthOnly && monthMeans === 'start' ? `${read.date.slice(0, 8)}01` : read.date;
}

const statusByWord = new Map<string, ActionStatus>(
  actionStatuses.flatMap((s) => [
    [s.toLowerCase(), s],
    [statusLabels[s].toLowerCase(), s],
  ]),
);

export function planFromTable(
  table: ImportTable,
  mapping: ColumnMapping,
  asAt: IsoDate,
): { areas: ImportedArea[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  for (const { field, label, required } of importFields)
    if (required && mapping[field] === undefined)
      problems.push({ line: 1, field, message: `Choose the column for ${label}` });
  if (problems.length) return { areas: [], problems };

  const areas: ImportedArea[] = [];
  for (const { line, cells } of table.rows) {
    const cell = (field: ImportField) => {
      const index = mapping[field];
      return index === undefined ? '' : (cells[index] ?? '').replace(/\s+/g, ' ').trim();
    };
    const problem = (field: ImportField, message: string) => problems.push({ line, field, message });
    if (cells.every((c) => c.trim() === '')) continue;

    const numberText = cell('areaNumber').replace(/\.$/, '');
    let area = areas.at(-1);
    if (numberText !== '') {
      const number = /^\d{1,3}$/.test(numberText) ? Number(numberText) : NaN;
      if (!Number.isInteger(number) || number < 1) {
        problem('areaNumber', `Area number "${numberText}" must be a whole number, like 3`);
        continue;
      }
      if (number !== area?.number) {
        if (areas.some((a) => a.number === number))
          problem('areaNumber', `Area ${number} appears again after other areas: keep an area's rows together`);
        const standardId = cell('standardId') || null;
        if (standardId && !/^\d+\.\d+$/.test(standardId))
          problem('standardId', `Standard "${standardId}" must be a number like 1.1`);
        if (cell('areaText') === '') problem('areaText', `Area ${number} has no text: enter the area for improvement`);
        area = {
          line,
          number,
          domain: cell('domain') || area?.domain || '',
          standardId,
          text: cell('areaText'),
          source: cell('source'),
          actions: [],
        };
        areas.push(area);
      }
    } else if (!area) {
      problem('areaNumber', 'The first row must give an area number');
      continue;
    }

    const actionText = cell('actionText');
    if (actionText === '') {
      problem('actionText', 'Enter the action');
      continue;
    }
    const commencement = readDate(cell('commencementDate'), { commencementDate: null, asAt }, 'start');
    if (commencement === false)
      problem(
        'commencementDate',
        `Commencement date "${cell('commencementDate')}" is not a date, like 2023-09-01 or Sept 2023`,
      );
    const context = { commencementDate: commencement === false ? null : commencement, asAt };
    const rawStatus = cell('status');
    const parsed = statusByWord.has(rawStatus.toLowerCase())
      ? {
          status: statusByWord.get(rawStatus.toLowerCase())!,
          targetDate: null,
          completionDate: null,
          understood: 'fully' as const,
          text: rawStatus,
        }
      : parseStatusText(rawStatus, context);
    const target = readDate(cell('targetDate'), context);
    if (target === false) problem('targetDate', `Target date "${cell('targetDate')}" is not a date`);
    const completion = readDate(cell('completionDate'), context);
    if (completion === false) problem('completionDate', `Completion date "${cell('completionDate')}" is not a date`);
    const targets = cell('targets')
      .split(/[\s,;]+/)
      .filter((t) => t !== '');
    const badTarget = targets.find((t) => !/^\d+\.\d+(\.\d+)?$/.test(t));
    if (badTarget) problem('targets', `"${badTarget}" is not a standard or key question, like 2.2 or 3.1.2`);
    const completionDate = (completion !== false ? completion : null) ?? parsed.completionDate;
    if (completionDate && parsed.status !== 'completed')
      problem('completionDate', 'A completion date is given but the status is not completed');
    if (completionDate && completionDate > asAt)
      problem('completionDate', 'The completion date is after the "status as at" date');
    const targetDate = (target !== false ? target : null) ?? parsed.targetDate;
    const commencementDate = commencement !== false ? commencement : null;
    if (targetDate && commencementDate && targetDate < commencementDate)
      problem('targetDate', 'The target date is before the commencement date');
    area.actions.push({
      line,
      text: actionText,
      owners: splitOwners(cell('owners')),
      commencementDate,
      targetDate,
      completionDate,
      status: parsed.status,
      statusText: cell('statusText') || rawStatus,
      understood: parsed.understood,
      targets,
    });
  }
  if (!problems.length && areas.length === 0)
    problems.push({ line: 1, field: 'file', message: 'The file has no actions' });
  for (const area of areas)
    if (area.actions.length === 0)
      problems.push({ line: area.line, field: 'actionText', message: `Area ${area.number} has no actions` });
  return { areas, problems };
}

/** The export's columns, in the order the import reads them back. */
export const exportHeaders = importFields.map((f) => f.label);
