/**
 * One report sheet as an exceljs table (audit.xlsx, in-memory workbooks, and
 * the previous streamed report writer the bench compares with): styled header row (frozen, with an
 * autofilter), every text cell formula-neutralised, id/phone/zip columns as
 * text cells (numFmt '@'), column widths fitted to the content, and Decision
 * cells with a dropdown. The sheets in xlsx-sheets.ts only say what goes in.
 *
 * On a streaming workbook (ExcelJS.stream.xlsx.WorkbookWriter) each row is
 * written out once the next one starts, so a sheet of any length takes little
 * memory; the column widths, which the file states before the rows, are then
 * fitted to the first WIDTH_SAMPLE_ROWS rows.
 */
import ExcelJS from 'exceljs';
import { seeRowText } from './decision-rules.js';
import { neutralizeFormula } from '../safe-cell.js';
import { SharedStyles } from './xlsx-styles.js';
import type { StyleChange } from './xlsx-layout.js';
import { DecisionRuns, rangeText } from './decision-runs.js';
import { keepPace } from './xlsx-stream.js';
import type { Column, ReportTable, Scalar } from './xlsx-layout.js';
import { COLORS, DECISION_HEADER, INLINE_LIST_MAX, SHEET_ROW_LIMIT, WIDTH_SAMPLE_ROWS } from './xlsx-layout.js';

const { ValueType } = ExcelJS;

export type { Column, Scalar } from './xlsx-layout.js';
export { COLORS, DECISION_HEADER, OP_ID_HEADER, SHEET_ROW_LIMIT, WIDTH_SAMPLE_ROWS } from './xlsx-layout.js';

/** A solid fill for `cell.fill`. */
export function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Rows written between two pauses that let the zip stream catch up (a streamed sheet). */
const ROWS_PER_PAUSE = 500;

/** The continuation sheets of `name` a workbook has ("Creates (2)", …), in order. */
export function continuationSheets(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet[] {
  const out: ExcelJS.Worksheet[] = [];
  for (let n = 2; ; n++) {
    const sheet = workbook.getWorksheet(`${name} (${n})`);
    if (!sheet) return out;
    out.push(sheet);
  }
}

/** exceljs's (4.4) per-sheet validations, keyed by cell address or range; its typings leave them out. */
interface ValidationsView {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

export class SheetTable implements ReportTable<ExcelJS.Row> {
  private current: ExcelJS.Worksheet;
  private readonly widths: number[];
  /** Sheets written so far (more than one past SHEET_ROW_LIMIT rows). */
  private parts = 1;
  private readonly streaming: boolean;
  /** Data rows added so far. */
  private count = 0;
  /** Set once the widths are written (streaming): later rows no longer change them. */
  private widthsFixed = false;
  private last: ExcelJS.Row | undefined;
  private pausedAt = 0;
  private readonly styles = new SharedStyles();
  /** Streaming: the Decision cells in a row run that share one dropdown, stated as one range when the run ends. */
  private readonly runs = new DecisionRuns<ExcelJS.DataValidation>((first, last, validation) => {
    const letter = this.sheet.getColumn(this.col(DECISION_HEADER)).letter;
    (this.sheet as ExcelJS.Worksheet & ValidationsView).dataValidations.add(rangeText(letter, first, last), validation);
  });

  constructor(
    private readonly workbook: ExcelJS.Workbook,
    private readonly name: string,
    readonly columns: readonly Column[],
    private readonly lists: ListSheet,
    private readonly tabColor?: string,
    private readonly rowLimit = SHEET_ROW_LIMIT,
  ) {
    this.widths = columns.map((c) => Math.max(c.min ?? 0, c.header.length + 3));
    this.streaming = workbook instanceof ExcelJS.stream.xlsx.WorkbookWriter;
    this.current = this.open(name);
  }

  /** The sheet rows are being added to. */
  get sheet(): ExcelJS.Worksheet {
    return this.current;
  }

  private open(name: string): ExcelJS.Worksheet {
    const sheet = this.workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
      ...(this.tabColor ? { properties: { tabColor: { argb: this.tabColor } } } : {}),
    });
    const header = sheet.getRow(1);
    this.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = neutralizeFormula(c.header);
      cell.font = { bold: true, color: { argb: COLORS.headerText } };
      cell.fill = solid(COLORS.header);
      cell.alignment = { vertical: 'middle' };
      if (c.text) sheet.getColumn(i + 1).numFmt = '@';
    });
    header.height = 20;
    return sheet;
  }

  /** Data rows added to the current sheet so far. */
  get rows(): number {
    return this.count;
  }

  /** Column number (1-based) of `header`. */
  col(header: string): number {
    const i = this.columns.findIndex((c) => c.header === header);
    if (i < 0) throw new Error(`no column ${header}`);
    return i + 1;
  }

  /** Appends one row; returns it for styling (until the next `add`). */
  add(values: readonly Scalar[]): ExcelJS.Row {
    if (this.streaming) this.writeOutBefore();
    this.count++;
    const row = this.sheet.addRow([]);
    this.last = row;
    this.columns.forEach((c, i) => {
      const v = values[i];
      if (v === null || v === undefined || v === '') return;
      const cell = row.getCell(i + 1);
      cell.value = typeof v === 'string' || c.text ? neutralizeFormula(String(v)) : v;
      cell.style = this.styles.base(Boolean(c.text), Boolean(c.wrap));
      if (this.widthsFixed) return;
      const longest = String(v)
        .split('\n')
        .reduce((n, line) => Math.max(n, line.length), 0);
      this.widths[i] = Math.max(this.widths[i] ?? 0, longest + 2);
    });
    return row;
  }

  /** Streaming: writes out the rows before the one about to be added (once the widths are known). */
  private writeOutBefore(): void {
    if (!this.widthsFixed && this.count >= WIDTH_SAMPLE_ROWS) this.fixWidths();
    if (this.widthsFixed) this.last?.commit();
  }

  private fixWidths(): void {
    this.columns.forEach((c, i) => {
      this.sheet.getColumn(i + 1).width = Math.min(this.widths[i] ?? 10, c.max ?? 48);
    });
    this.widthsFixed = true;
  }

  /**
   * Call after each operation's rows. Near Excel's row limit, the table goes
   * on in a continuation sheet; every few hundred rows of a streamed sheet, a
   * pause lets the zip compress and write what was produced.
   */
  async breathe(): Promise<void> {
    if (this.count >= this.rowLimit) {
      this.finish();
      this.current = this.open(`${this.name} (${++this.parts})`);
      this.count = 0;
      this.pausedAt = 0;
      this.last = undefined;
      if (this.widthsFixed) this.fixWidths();
    }
    if (!this.streaming || this.count - this.pausedAt < ROWS_PER_PAUSE) return;
    this.pausedAt = this.count;
    await keepPace(this.current);
  }

  /** Puts a decision dropdown (choices `options`, value `value`) in `row`'s Decision cell. */
  decide(row: ExcelJS.Row, options: readonly string[], value: string): void {
    const cell = row.getCell(this.col(DECISION_HEADER));
    cell.value = neutralizeFormula(value);
    cell.style = this.styles.with(this.styles.base(false, false), { bold: true, fill: COLORS.decision });
    const validation = this.lists.validation(options);
    if (!this.streaming) {
      cell.dataValidation = validation;
      return;
    }
    // exceljs keeps a streamed sheet's validations, one per cell address, until the sheet is written:
    // a run of rows that offer the same list is one range instead (the same cells, the same file).
    this.runs.add(row.number, validation);
  }

  /** The Decision cell of an operation's later rows: points to the row holding its decision. */
  pointTo(row: ExcelJS.Row, firstRow: number): void {
    row.getCell(this.col(DECISION_HEADER)).value = neutralizeFormula(seeRowText(firstRow));
    this.style(row, DECISION_HEADER, { color: COLORS.muted, italic: true });
  }

  /** Styles `row`'s cell under `header`. */
  style(row: ExcelJS.Row, header: string, style: StyleChange): void {
    const cell = row.getCell(this.col(header));
    const i = this.col(header) - 1;
    // A cell add() left empty has its column's own style object: start from the shared one instead.
    const base = cell.type === ValueType.Null ? this.styles.base(Boolean(this.columns[i]?.text), false) : cell.style;
    cell.style = this.styles.with(base, style);
  }

  /** Widths, autofilter (and, streaming, the sheet written out): call once after the last row. */
  finish(): void {
    this.runs.end();
    if (!this.widthsFixed) this.fixWidths();
    this.sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: this.streaming ? this.count + 1 : Math.max(1, this.sheet.rowCount), column: this.columns.length },
    };
    if (this.streaming) this.sheet.commit();
  }
}

/** Makes `cell` a Decision cell: value `value`, highlighted, with a dropdown of `options`. */
export function decisionCell(cell: ExcelJS.Cell, lists: ListSheet, options: readonly string[], value: string): void {
  cell.value = neutralizeFormula(value);
  cell.font = { bold: true };
  cell.fill = solid(COLORS.decision);
  cell.dataValidation = lists.validation(options);
}

/** Long dropdown lists, kept on a hidden "Lists" sheet and referenced by range. */
export class ListSheet {
  private sheet: ExcelJS.Worksheet | undefined;
  private readonly ranges = new Map<string, string>();
  private readonly validations = new Map<string, ExcelJS.DataValidation>();
  private next = 1;

  constructor(private readonly workbook: ExcelJS.Workbook) {}

  /**
   * The dropdown for `options`, one object per distinct list shared by every
   * cell that offers it (a report of a million rows holds a few, not a million).
   */
  validation(options: readonly string[]): ExcelJS.DataValidation {
    const key = JSON.stringify(options);
    let v = this.validations.get(key);
    if (!v) {
      v = {
        type: 'list',
        allowBlank: false,
        formulae: [this.formula(options)],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Decision',
        error: `Choose one of: ${options.join(', ')}`.slice(0, 225),
        showInputMessage: true,
        promptTitle: 'Decision',
        prompt: `${options.join(' / ')}`.slice(0, 250),
      };
      this.validations.set(key, v);
    }
    return v;
  }

  /** The data-validation formula for `options`: inline when short enough. */
  formula(options: readonly string[]): string {
    const inline = `"${options.join(',')}"`;
    if (inline.length <= INLINE_LIST_MAX && !options.some((o) => o.includes(',') || o.includes('"'))) return inline;
    const key = JSON.stringify(options);
    const known = this.ranges.get(key);
    if (known) return known;
    this.sheet ??= this.workbook.addWorksheet('Lists', { state: 'veryHidden' });
    const col = this.sheet.getColumn(this.next++);
    options.forEach((o, i) => {
      this.sheet!.getCell(i + 1, col.number).value = neutralizeFormula(o);
    });
    const range = `Lists!$${col.letter}$1:$${col.letter}$${options.length}`;
    this.ranges.set(key, range);
    return range;
  }
}
