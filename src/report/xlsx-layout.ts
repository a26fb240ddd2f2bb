/**
 * What every report sheet has in common, whichever writer writes it: column
 * and cell-value types, colours, the Op id and Decision headers, row limits,
 * and the table API the sheet fillers (xlsx-sheets.ts, xlsx-changes.ts) write
 * through. The streamed report.xlsx writer (xlsx-stream-table.ts) and the
 * exceljs one (xlsx-table.ts, for audit.xlsx and in-memory workbooks) both
 * implement it.
 */

export type Scalar = string | number | boolean | null | undefined;

export interface Column {
  header: string;
  /** Text cell (numFmt '@') whatever the value looks like: ids, phones, zips. */
  text?: boolean;
  /** Wrap long and multi-line values. */
  wrap?: boolean;
  /** Widest the column grows to (characters). Default 48. */
  max?: number;
  /** Narrowest (characters). Default the header's width. */
  min?: number;
}

export const COLORS = {
  header: 'FF1E293B',
  headerText: 'FFFFFFFF',
  decision: 'FFFEF3C7',
  before: 'FFFEE2E2',
  after: 'FFDCFCE7',
  muted: 'FF6B7280',
  warn: 'FFB45309',
  danger: 'FFB91C1C',
} as const;

/** Header name of the column every decision row carries its op id in, and of the decision itself. */
export const OP_ID_HEADER = 'Op id';
export const DECISION_HEADER = 'Decision';

/** Excel caps an inline list formula at 255 characters; longer lists go to a hidden sheet. */
export const INLINE_LIST_MAX = 255;

/** Rows a streamed sheet fits its column widths to before writing them out. */
export const WIDTH_SAMPLE_ROWS = 1000;

/**
 * Excel's last row is 1,048,576. A sheet that gets near it goes on in "Name (2)",
 * "Name (3)", … between two operations (an operation's rows stay together).
 */
export const SHEET_ROW_LIMIT = 1_048_576 - 10_000;

/** Default widest width of a column (characters). */
export const DEFAULT_MAX_WIDTH = 48;

/** What `ReportTable.style` changes in a cell: a fill replaces the fill, any font part replaces the font. */
export interface StyleChange {
  fill?: string;
  color?: string;
  italic?: boolean;
  bold?: boolean;
  strike?: boolean;
}

/** A row just added, to style or decide until the next one is added. */
export interface ReportRow {
  /** Its row number on the sheet (the header is row 1). */
  readonly number: number;
}

/** One report sheet as a table, as the fillers see it. */
export interface ReportTable<R extends ReportRow = ReportRow> {
  /** Appends one row (values in column order); returns it for styling until the next `add`. */
  add(values: readonly Scalar[]): R;
  /** Puts a decision dropdown (choices `options`, value `value`) in `row`'s Decision cell. */
  decide(row: R, options: readonly string[], value: string): void;
  /** The Decision cell of an operation's later rows: points to the row holding its decision. */
  pointTo(row: R, firstRow: number): void;
  /** Styles `row`'s cell under `header`. */
  style(row: R, header: string, change: StyleChange): void;
  /**
   * Call after each operation's rows: may go on in a continuation sheet, or wait for the file to catch up.
   * Undefined when there is nothing to wait for (a report calls this per operation: no promise each time).
   */
  breathe(): Promise<void> | undefined;
  /** Call once after the last row. */
  finish(): void | Promise<void>;
}

/** Where report sheets are made: one table per sheet, in workbook order. */
export interface ReportBook<R extends ReportRow = ReportRow> {
  table(name: string, columns: readonly Column[], tabColor: string, rowLimit?: number): ReportTable<R>;
}

/** The longest line of `v` as text, the width a column needs for it. */
export function textWidth(v: string | number | boolean): number {
  const s = String(v);
  if (!s.includes('\n')) return s.length;
  return s.split('\n').reduce((n, line) => Math.max(n, line.length), 0);
}

/** A column's starting width: its header's and its minimum. */
export function startWidth(c: Column): number {
  return Math.max(c.min ?? 0, c.header.length + 3);
}
