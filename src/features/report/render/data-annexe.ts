import ExcelJS from 'exceljs';
import { toCsv } from '../../../platform/csv.js';
import type { ReportModel } from '../../../domain/report/model.js';

/** The data annexe's tables, from the report model: the same figures as the report, readable without the application. */
export interface AnnexeSheet {
  name: string;
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

export const keyQuestionColumns = [
  'Standard',
  'Key question',
  'Text',
  'Relevant cases',
  "Number 'Yes'",
  "% 'Yes'",
  'Band',
  'Band rating',
  'Limiting',
];

export function keyQuestionRows(model: ReportModel): AnnexeSheet['rows'] {
  return model.domains.flatMap((d) =>
    d.standards.flatMap((s) =>
      s.keyQuestions.map((kq) => [
        s.id,
        kq.id,
        kq.text,
        kq.relevant,
        kq.yes,
        kq.percent,
        kq.band,
        kq.rating,
        kq.limiting,
      ]),
    ),
  );
}

export function annexeSheets(model: ReportModel): AnnexeSheet[] {
  const standards = model.domains.flatMap((d) => d.standards);
  const sheets: AnnexeSheet[] = [
    {
      name: 'Ratings',
      columns: ['Standard', 'Title', 'Assessment', 'In overall score', 'Rating'],
      rows: [
        ['Overall', model.service, null, null, model.ratingsBox.overall],
        ['Score', `out of ${model.ratingsBox.maxScore}`, null, null, model.ratingsBox.score],
        ...standards.map((s) => [
          s.id,
          s.title,
          s.assessment === 'caseBased' ? 'case-based' : 'judged',
          s.inOverallScore,
          s.rating,
        ]),
      ],
    },
    { name: 'Key questions', columns: keyQuestionColumns, rows: keyQuestionRows(model) },
    {
      name: 'Discretion',
      columns: ['Standard', 'Eligible', 'Reasons', 'Applied', 'From', 'To', 'Rationale', 'Note'],
      rows: standards
        .filter((s) => s.discretion)
        .map((s) => {
          const d = s.discretion!;
          return [
            s.id,
            d.eligible === null ? 'unknown' : d.eligible ? 'yes' : 'no',
            d.reasons.join('; '),
            d.applied !== null,
            d.applied?.from ?? null,
            d.applied?.to ?? null,
            d.applied?.rationale ?? null,
            d.applied?.note ?? null,
          ];
        }),
    },
  ];
  const prompts = standards.flatMap((s) =>
    s.promptTables.flatMap((t) =>
      t.prompts.map((p) => [s.id, t.keyQuestionId, t.heading, p.id, p.text, p.relevant, p.yes, p.percent]),
    ),
  );
  if (standards.some((s) => s.promptTables.length > 0))
    sheets.push({
      name: 'Prompts',
      columns: [
        'Standard',
        'Key question',
        'Sub-sample',
        'Prompt',
        'Text',
        'Relevant cases',
        "Number 'Yes'",
        "% 'Yes'",
      ],
      rows: prompts,
    });
  sheets.push(sampleSheet(model), diversitySheet(model));
  return sheets;
}

/** The background's facts: fieldwork, case windows, interviews, meetings, and the cases inspected by disposal. */
function sampleSheet(model: ReportModel): AnnexeSheet {
  const facts = model.facts;
  return {
    name: 'Sample',
    columns: ['Fact', 'Kind of case', 'Value'],
    rows: [
      ['Fieldwork started', null, facts.fieldworkStart],
      ['Second fieldwork week started', null, facts.secondWeekStart],
      ['Fieldwork ended', null, facts.fieldworkEnd],
      ['Case window from', null, facts.caseWindowFrom],
      ['Case window to', null, facts.caseWindowTo],
      ['Interviews with case managers', null, facts.caseManagerInterviews],
      ['Meetings', null, facts.meetings],
      ...facts.domains.flatMap((d) => [
        ['Cases inspected', d.label, d.cases],
        ...d.disposals.map((t) => [`Cases inspected: ${t.label}`, d.label, t.count]),
      ]),
    ],
  };
}

/** The diversity of the inspected cases, per kind of case, as the report's tables count it. */
function diversitySheet(model: ReportModel): AnnexeSheet {
  const characteristics = [
    ['sex', 'Sex'],
    ['ethnicity', 'Ethnicity group'],
    ['disability', 'Disability'],
  ] as const;
  return {
    name: 'Diversity',
    columns: ['Kind of case', 'Characteristic', 'Value', 'Cases'],
    rows: model.facts.domains.flatMap((d) =>
      characteristics.flatMap(([key, label]) => d.diversity[key].map((t) => [d.label, label, t.label, t.count])),
    ),
  };
}

/** The data annexe as an XLSX workbook: one sheet per table, a bold header row, frozen. */
export async function annexeXlsx(model: ReportModel, draft: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yj-inspect';
  workbook.title = `${model.service}: inspection data annexe${draft ? ' (draft)' : ''}`;
  for (const sheet of annexeSheets(model)) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row.map((v) => v ?? ''));
    worksheet.columns.forEach((column, i) => {
      column.width = Math.min(60, Math.max(10, sheet.columns[i]!.length + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The key questions as CSV (RFC 4180, CRLF line ends), one row per key question. */
export function keyQuestionsCsv(model: ReportModel): string {
  return toCsv(keyQuestionColumns, keyQuestionRows(model));
}
