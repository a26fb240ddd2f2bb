/**
 * One sheet of the streamed report.xlsx as a table (the ReportTable the
 * fillers write through): a styled, frozen header with an autofilter, text
 * cells formula-neutralised (src/safe-cell.ts), id/phone/zip columns as text
 * cells (numFmt '@'), column widths fitted to the first WIDTH_SAMPLE_ROWS
 * rows, Decision cells with a dropdown, and continuation sheets ("Name (2)")
 * past the row limit. A row is turned into XML when the next one is added;
 * nothing is kept per row after that.
 */
import { DecisionRuns, rangeText } from './decision-runs.js';
import { neutralizeFormula } from '../safe-cell.js';
import { seeRowText } from './decision-rules.js';
import type { Column, ReportRow, ReportTable, Scalar, StyleChange } from './xlsx-layout.js';
import { COLORS, DECISION_HEADER, DEFAULT_MAX_WIDTH, SHEET_ROW_LIMIT, startWidth, textWidth, WIDTH_SAMPLE_ROWS } from './xlsx-layout.js';
import type { CellValue, SheetPart } from './xlsx-sheet-part.js';
import type { StyleBook } from './xlsx-style-book.js';
import type { DropdownLists, Validation } from './xlsx-dropdowns.js';
import type { ValidationSpool } from './xlsx-validation-spool.js';
import { columnLetter } from './xlsx-xml.js';

/** A row of a streamed sheet, open for styling until the next one is added. */
export class StreamRow implements ReportRow {
  /** Cell values, undefined where there is none. */
  readonly values: CellValue[];
  /** Cell style indexes; -1 where there is no cell. */
  readonly xfs: number[];
  number = 0;

  constructor(columns: number) {
    this.values = new Array<CellValue>(columns);
    this.xfs = new Array<number>(columns).fill(-1);
  }
}

/** What a streamed table needs of its workbook. */
export interface StreamSheets {
  readonly styles: StyleBook;
  readonly lists: DropdownLists;
  /** Starts the next worksheet part, named `name`. */
  openSheet(name: string, tabColor: string | undefined, columns: number): { part: SheetPart; validations: ValidationSpool };
  /** Ends the open worksheet part. */
  closeSheet(part: SheetPart): Promise<void>;
}

const HEADER_HEIGHT = 20;

export class StreamTable implements ReportTable<StreamRow> {
  private part: SheetPart;
  private validations: ValidationSpool;
  private readonly widths: number[];
  private widthsFixed = false;
  private parts = 1;
  /** Data rows on the current sheet. */
  private count = 0;
  /** The row last added, not yet written; one object, reused for every row (a row is open only until the next add). */
  private readonly row: StreamRow;
  private pending = false;
  private readonly textCol: boolean[];
  private readonly dataXf: number[];
  private readonly emptyXf: number[];
  private readonly colStyles: (number | undefined)[];
  private readonly decisionLetter: string;
  private readonly decidedXf: number;
  private readonly index = new Map<string, number>();
  /** Decision cells of a row run that share one dropdown, stated as one range when the run ends. */
  private readonly runs = new DecisionRuns<Validation>((first, last, validation) =>
    this.validations.add(rangeText(this.decisionLetter, first, last), validation),
  );

  constructor(
    private readonly book: StreamSheets,
    private readonly name: string,
    readonly columns: readonly Column[],
    private readonly tabColor?: string,
    private readonly rowLimit = SHEET_ROW_LIMIT,
  ) {
    const styles = book.styles;
    this.row = new StreamRow(columns.length);
    this.textCol = columns.map((c) => Boolean(c.text));
    this.widths = columns.map(startWidth);
    this.dataXf = columns.map((c) => styles.base(Boolean(c.text), Boolean(c.wrap)));
    this.emptyXf = columns.map((c) => styles.base(Boolean(c.text), false));
    this.colStyles = columns.map((c) => (c.text ? styles.base(true, false) : undefined));
    columns.forEach((c, i) => {
      if (!this.index.has(c.header)) this.index.set(c.header, i);
    });
    this.decisionLetter = columnLetter((this.index.get(DECISION_HEADER) ?? 0) + 1);
    this.decidedXf = styles.derive(styles.base(false, false), { bold: true, fill: COLORS.decision });
    ({ part: this.part, validations: this.validations } = this.open(name));
  }

  private open(name: string): { part: SheetPart; validations: ValidationSpool } {
    const opened = this.book.openSheet(name, this.tabColor, this.columns.length);
    const styles = this.book.styles;
    opened.part.row(
      1,
      this.columns.map((c) => neutralizeFormula(c.header)),
      this.columns.map((c) => styles.header(Boolean(c.text))),
      HEADER_HEIGHT,
    );
    if (this.widthsFixed) opened.part.start(this.finalWidths(), this.colStyles);
    return opened;
  }

  /** Data rows added to the current sheet so far. */
  get rows(): number {
    return this.count;
  }

  /** Column index (0-based) of `header`. */
  private col(header: string): number {
    const i = this.index.get(header);
    if (i === undefined) throw new Error(`no column ${header}`);
    return i;
  }

  add(values: readonly Scalar[]): StreamRow {
    this.writePending();
    if (!this.widthsFixed && this.count >= WIDTH_SAMPLE_ROWS) this.fixWidths();
    this.count++;
    const row = this.row;
    const { values: cells, xfs } = row;
    const sample = !this.widthsFixed;
    for (let i = 0; i < cells.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === '') {
        cells[i] = undefined;
        xfs[i] = -1;
        continue;
      }
      cells[i] = typeof v === 'string' ? neutralizeFormula(v) : this.textCol[i] ? neutralizeFormula(String(v)) : v;
      xfs[i] = this.dataXf[i]!;
      if (sample) this.widths[i] = Math.max(this.widths[i]!, textWidth(v) + 2);
    }
    row.number = this.count + 1;
    this.pending = true;
    return row;
  }

  private writePending(): void {
    if (!this.pending) return;
    this.part.row(this.row.number, this.row.values, this.row.xfs);
    this.pending = false;
  }

  private finalWidths(): number[] {
    return this.columns.map((c, i) => Math.min(this.widths[i] ?? 10, c.max ?? DEFAULT_MAX_WIDTH));
  }

  private fixWidths(): void {
    this.widthsFixed = true;
    this.part.start(this.finalWidths(), this.colStyles);
  }

  decide(row: StreamRow, options: readonly string[], value: string): void {
    const i = this.col(DECISION_HEADER);
    row.values[i] = neutralizeFormula(value);
    row.xfs[i] = this.decidedXf;
    const validation = this.book.lists.validation(options);
    this.runs.add(row.number, validation);
  }

  pointTo(row: StreamRow, firstRow: number): void {
    const i = this.col(DECISION_HEADER);
    row.values[i] = neutralizeFormula(seeRowText(firstRow));
    if (row.xfs[i]! < 0) row.xfs[i] = this.emptyXf[i]!;
    this.style(row, DECISION_HEADER, { color: COLORS.muted, italic: true });
  }

  style(row: StreamRow, header: string, change: StyleChange): void {
    const i = this.col(header);
    // A cell add() left empty starts from its column's own style (as an exceljs cell of no value does).
    const base = row.values[i] === undefined ? this.emptyXf[i]! : row.xfs[i]!;
    row.xfs[i] = this.book.styles.derive(base, change);
  }

  breathe(): Promise<void> | undefined {
    if (this.count >= this.rowLimit) return this.nextPart();
    return this.part.needsDrain ? this.part.drain() : undefined;
  }

  /** Ends the current sheet and goes on in "Name (n)". */
  private async nextPart(): Promise<void> {
    await this.finish();
    this.parts++;
    ({ part: this.part, validations: this.validations } = this.open(`${this.name} (${this.parts})`));
    this.count = 0;
  }

  async finish(): Promise<void> {
    this.writePending();
    this.runs.end();
    if (!this.widthsFixed) this.fixWidths();
    await this.part.end(this.count + 1, this.validations);
    await this.book.closeSheet(this.part);
  }
}
