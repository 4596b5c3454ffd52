import ExcelJS from 'exceljs';
import { ragLabels, statusLabels } from '../../../domain/plans/model.js';
import type { ProgressReport } from '../../../domain/plans/progress.js';
import { t } from '../../../platform/i18n/index.js';
import { planWord } from '../helpers.js';

const ragFill = { red: 'FFD4351C', amber: 'FFF47738', green: 'FF00703C' } as const;
const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/**
 * The progress report as a workbook, laid out like Ealing's Appendix B (domain headings, then each area with
 * its actions), but with dates as dates and status as status, and the RAG as of the report's date. Written for
 * the board, in the language of the page (or of `withLanguage`) it is downloaded from.
 */
export async function progressReportWorkbook(title: string, report: ProgressReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('Progress'));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([t('Progress as at {{date}}', { date: report.asOf }), asDate(report.asOf)]);
  sheet.addRow([]);
  const header = sheet.addRow([
    t('Area for improvement'),
    t('Action'),
    t('Action owner(s)'),
    t('Commencement date'),
    t('Target date'),
    t('Status'),
    t('Completion date'),
    'RAG',
    t('Latest update'),
    t('Status as first written'),
  ]);
  header.font = { bold: true };
  for (const group of report.domains) {
    sheet.addRow([planWord(group.domain)]).font = { bold: true };
    for (const area of group.areas)
      area.actions.forEach((action, index) => {
        const row = sheet.addRow([
          index === 0 ? `${area.number}. ${area.text}` : '',
          action.text,
          action.owners.join(', '),
          asDate(action.commencementDate),
          asDate(action.targetDate),
          t(statusLabels[action.status]),
          asDate(action.completionDate),
          t(ragLabels[action.rag]),
          action.latestNote ? `${action.latestNote.date}: ${action.latestNote.note}` : '',
          action.statusText,
        ]);
        row.getCell(8).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ragFill[action.rag] } };
        row.getCell(8).font = { color: { argb: 'FFFFFFFF' }, bold: true };
        row.alignment = { vertical: 'top', wrapText: true };
      });
  }
  [40, 60, 16, 14, 14, 14, 14, 8, 40, 24].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  [4, 5, 7].forEach((c) => (sheet.getColumn(c).numFmt = 'dd/mm/yyyy'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
