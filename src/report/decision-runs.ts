/**
 * Decision cells of consecutive rows that offer the same dropdown, stated as
 * one validated range when the run ends ("F2:F9" instead of eight cells):
 * the same cells, a smaller file, and no per-cell entry held until the sheet
 * is written. Both report table writers (ours and exceljs's) use it.
 */
export class DecisionRuns<V> {
  private run: { first: number; last: number; value: V } | undefined;

  /** `state`: called with each finished run's first and last row and its dropdown (see `rangeText`). */
  constructor(private readonly state: (first: number, last: number, value: V) => void) {}

  /** Row `row`'s Decision cell offers `value`: the run goes on, or a new one starts. */
  add(row: number, value: V): void {
    if (this.run && this.run.value === value && this.run.last === row - 1) {
      this.run.last = row;
      return;
    }
    this.end();
    this.run = { first: row, last: row, value };
  }

  /** States the current run, if any (at a sheet's end, or before a row that starts another). */
  end(): void {
    if (!this.run) return;
    const { first, last, value } = this.run;
    this.run = undefined;
    this.state(first, last, value);
  }
}

/** The cells of `column` from row `first` to `last`: "F4", or "F2:F9". */
export const rangeText = (column: string, first: number, last: number): string =>
  first === last ? `${column}${first}` : `${column}${first}:${column}${last}`;
