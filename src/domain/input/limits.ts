/**
 * The most an uploaded table may hold, whatever its format: a reader stops at the first one passed, so a
 * hostile file costs no more than a file this size. A year of a large service's cases fits well inside.
 */
export const tableLimits = {
  rows: 100_000,
  columns: 200,
  cells: 2_000_000,
  /** An XLSX workbook's entries, inflated, together. */
  inflatedBytes: 20 * 1024 * 1024,
} as const;
export type TableLimits = { -readonly [K in keyof typeof tableLimits]: number };

const count = (n: number) => n.toLocaleString('en-GB');

/** The message for a table over a limit, naming the limit. */
export const overLimit = {
  rows: (limits: TableLimits) =>
    `The file has more than ${count(limits.rows)} rows: the most it may have is ${count(limits.rows)}`,
  columns: (limits: TableLimits, found?: number) =>
    `The file has ${found ? count(found) : 'more than ' + count(limits.columns)} columns: the most it may have is ${count(limits.columns)}`,
  cells: (limits: TableLimits) =>
    `The file has more than ${count(limits.cells)} cells: the most it may have is ${count(limits.cells)}`,
  inflatedBytes: (limits: TableLimits) =>
    `The workbook unpacks to more than ${Math.round(limits.inflatedBytes / 1024 / 1024)} MB: the most it may unpack to is ${Math.round(limits.inflatedBytes / 1024 / 1024)} MB`,
};
