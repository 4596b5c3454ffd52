import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { overLimit, tableLimits, type TableLimits } from '../domain/input/limits.js';
import { ValidationError } from './errors.js';

const inflate = promisify(inflateRaw);

/** A row of the first sheet: its number in the sheet and its cells as text. */
export interface SheetRow {
  line: number;
  cells: string[];
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const notAWorkbook = 'The selected file could not be read as an Excel workbook (.xlsx)';

/** The zip's central directory: names and declared sizes, read without inflating anything. */
function zipEntries(bytes: Buffer): ZipEntry[] | null {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--)
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** One entry inflated, off the main thread, stopping at `budget` bytes whatever the entry declares. */
async function inflateEntry(bytes: Buffer, entry: ZipEntry, budget: number, limits: TableLimits): Promise<Buffer> {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50)
    throw new ValidationError({ file: notAWorkbook });
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ValidationError({ file: notAWorkbook });
  try {
    return await inflate(data, { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new ValidationError({ file: overLimit.inflatedBytes(limits) });
    throw new ValidationError({ file: notAWorkbook });
  }
}

const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/**
 * The sheet's extent from its XML, before any cell is made: the highest column and row any cell names, and
 * how many cells there are. The scan yields to other requests between slices.
 */
async function checkSheetExtent(xml: string, limits: TableLimits): Promise<void> {
  const reference = /<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"|<c[\s>/]/g;
  let cells = 0;
  const slice = 1 << 20;
  for (let from = 0; from < xml.length; from += slice) {
    reference.lastIndex = from;
    const to = from + slice;
    for (let match = reference.exec(xml); match && match.index < to; match = reference.exec(xml)) {
      cells += 1;
      if (cells > limits.cells) throw new ValidationError({ file: overLimit.cells(limits) });
      if (!match[1]) continue;
      const column = columnNumber(match[1]);
      if (column > limits.columns) throw new ValidationError({ file: overLimit.columns(limits, column) });
      if (Number(match[2]) > limits.rows) throw new ValidationError({ file: overLimit.rows(limits) });
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Checks a workbook against the limits before any spreadsheet library sees it: the declared and the actual
 * inflated size of every entry, then every sheet's extent. A hostile file stops here, at the first limit.
 */
async function checkWorkbook(bytes: Buffer, limits: TableLimits): Promise<void> {
  const entries = zipEntries(bytes);
  if (!entries) throw new ValidationError({ file: notAWorkbook });
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > limits.inflatedBytes) throw new ValidationError({ file: overLimit.inflatedBytes(limits) });
  let inflated = 0;
  for (const entry of entries) {
    const content = await inflateEntry(bytes, entry, limits.inflatedBytes - inflated, limits);
    inflated += content.length;
    if (inflated > limits.inflatedBytes) throw new ValidationError({ file: overLimit.inflatedBytes(limits) });
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) await checkSheetExtent(content.toString('utf8'), limits);
  }
}

/** A spreadsheet cell as text: dates as ISO dates, rich text as its words. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value);
}

/**
 * The one XLSX reader: the first sheet's non-empty rows as text. Refuses, with a 400 naming the limit, a
 * workbook over the table limits (domain/input/limits.ts), checked before the workbook is opened.
 */
export async function readFirstSheet(bytes: Buffer, given: Partial<TableLimits> = {}): Promise<SheetRow[]> {
  const limits = { ...tableLimits, ...given };
  await checkWorkbook(bytes, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError({ file: notAWorkbook });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ValidationError({ file: 'The workbook has no sheets' });
  const rows: SheetRow[] = [];
  const columns = Math.min(sheet.columnCount, limits.columns);
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push({ line, cells });
  });
  return rows;
}
