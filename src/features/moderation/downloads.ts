import ExcelJS from 'exceljs';
import { toCsv } from '../../platform/csv.js';
import type { AgreementRows, AgreementTableRow } from './view-model.js';

const header = [
  'Level',
  'Id',
  'Question or standard',
  'Pairs compared',
  'Same answer',
  'Percentage agreement',
  "Applicability disagreements (one said 'Not applicable')",
  'Yes/No disagreements',
  "Cohen's kappa",
  'Kappa 95% low',
  'Kappa 95% high',
  "Gwet's AC1",
  'AC1 95% low',
  'AC1 95% high',
  'Reading',
];

const cells = (row: AgreementTableRow) => [
  row.level,
  row.id,
  row.label,
  row.agreement.compared,
  row.agreement.agreed,
  row.agreement.percentAgreement === null ? '' : Number(row.agreement.percentAgreement.toFixed(1)),
  row.agreement.applicabilityDisagreements,
  row.agreement.yesNoDisagreements,
  row.agreement.kappa?.value ?? '',
  row.agreement.kappa?.low ?? '',
  row.agreement.kappa?.high ?? '',
  row.agreement.ac1?.value ?? '',
  row.agreement.ac1?.low ?? '',
  row.agreement.ac1?.high ?? '',
  row.reading,
];

const allRows = (rows: AgreementRows) => [
  ...rows.summary,
  ...rows.standards,
  ...rows.keyQuestions,
  ...rows.prompts,
  ...rows.pairs,
];

export function agreementCsv(rows: AgreementRows): string {
  return toCsv(header, allRows(rows).map(cells));
}

export async function agreementXlsx(rows: AgreementRows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Agreement');
  sheet.addRow(header).font = { bold: true };
  for (const row of allRows(rows)) sheet.addRow(cells(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
