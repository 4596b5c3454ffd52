import { createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';

/** A workbook whose first sheet has cells in A1 and XFD1 (the last column) on each of `rows` rows: 2.6 KB, sparse. */
export async function sparseWideWorkbook(rows = 200): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  for (let r = 1; r <= rows; r++) {
    sheet.getCell(r, 1).value = `row ${r}`;
    sheet.getCell(r, 16_384).value = 'far';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 1 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  const megabyte = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++)
    if (!deflater.write(megabyte)) await new Promise((r) => deflater.once('drain', r));
  deflater.end();
  await done;
  return Buffer.concat(chunks);
}

/**
 * A zip with one sheet entry of `megabytes` MB of spaces, deflated to about a thousandth of that. With `lie`,
 * the entry declares 1 KB, as a bomb would, so only inflating it shows its size.
 */
export async function zipBomb(megabytes: number, options: { lie?: boolean } = {}): Promise<Buffer> {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = await deflatedZeros(megabytes);
  const size = options.lie ? 1024 : megabytes * 1024 * 1024;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
