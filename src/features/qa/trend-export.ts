import ExcelJS from 'exceljs';
import type { Trend } from '../../domain/qa/index.js';

/** One row per trend point: what the CSV, the XLSX and the API give. */
export function trendRows(trends: readonly Trend[]) {
  return trends.flatMap((trend) =>
    trend.points.map((p) => ({
      kind: trend.kind,
      id: trend.id,
      round: p.label,
      date: p.date,
      keyQuestion: p.keyQuestionId,
      yes: p.yes,
      relevant: p.relevant,
      percent: p.percent,
      lower95: Number((100 * p.lower).toFixed(1)),
      upper95: Number((100 * p.upper).toFixed(1)),
      band: p.rating,
      changePoints: p.change ? Number((100 * p.change.difference).toFixed(1)) : null,
      changeLower95: p.change ? Number((100 * p.change.lower).toFixed(1)) : null,
      changeUpper95: p.change ? Number((100 * p.change.upper).toFixed(1)) : null,
      changeBeyondChance: p.change ? p.change.beyondChance : null,
    })),
  );
}

export async function trendWorkbook(trends: readonly Trend[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Trends');
  const rows = trendRows(trends);
  const columns = Object.keys(rows[0] ?? { kind: '' });
  sheet.columns = columns.map((key) => ({ header: key, key, width: key === 'round' ? 28 : 12 }));
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
