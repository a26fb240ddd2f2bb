/**
 * Decision dropdowns of the streamed report: one validation per distinct
 * choice list, as the dataValidation element around its cell ranges; a list
 * too long to state inline (Excel's 255 characters) goes down its own column
 * of the hidden "Lists" sheet and is referenced by range.
 */
import { neutralizeFormula } from '../safe-cell.js';
import { INLINE_LIST_MAX } from './xlsx-layout.js';
import { columnLetter, inlineString, WORKSHEET_OPEN, xmlAttr, xmlText } from './xlsx-xml.js';

/** One dropdown: the element around its cell ranges. */
export interface Validation {
  readonly id: number;
  readonly open: string;
  readonly close: string;
}

/** Distinct lists remembered before the cache starts over (conflicts each have their own list). */
const MAX_CACHED = 10_000;

export class DropdownLists {
  private readonly validations = new Map<string, Validation>();
  private readonly ranges = new Map<string, string>();
  /** The hidden sheet's columns: one per long list. */
  private readonly columns: string[][] = [];
  private next = 0;

  /** The list last asked for and its dropdown: consecutive decisions mostly offer the same choices. */
  private last: { options: readonly string[]; v: Validation } | undefined;

  /** The dropdown for `options`, one object per distinct list. */
  validation(options: readonly string[]): Validation {
    const last = this.last;
    if (last && last.options.length === options.length && last.options.every((o, i) => o === options[i])) return last.v;
    const v = this.lookup(options);
    this.last = { options: [...options], v };
    return v;
  }

  private lookup(options: readonly string[]): Validation {
    const key = JSON.stringify(options);
    let v = this.validations.get(key);
    if (!v) {
      if (this.validations.size >= MAX_CACHED) this.validations.clear();
      const error = `Choose one of: ${options.join(', ')}`.slice(0, 225);
      const prompt = options.join(' / ').slice(0, 250);
      v = {
        id: this.next++,
        open:
          `<dataValidation type="list" showInputMessage="1" promptTitle="Decision" prompt="${xmlAttr(prompt)}" showErrorMessage="1"` +
          ` errorStyle="stop" errorTitle="Decision" error="${xmlAttr(error)}" sqref="`,
        close: `"><formula1>${xmlText(this.formula(options, key))}</formula1></dataValidation>`,
      };
      this.validations.set(key, v);
    }
    return v;
  }

  /** The data-validation formula for `options`: inline when short enough, else a range on Lists. */
  private formula(options: readonly string[], key: string): string {
    const inline = `"${options.join(',')}"`;
    if (inline.length <= INLINE_LIST_MAX && !options.some((o) => o.includes(',') || o.includes('"'))) return inline;
    const known = this.ranges.get(key);
    if (known) return known;
    this.columns.push(options.map((o) => neutralizeFormula(o)));
    const letter = columnLetter(this.columns.length);
    const range = `Lists!$${letter}$1:$${letter}$${options.length}`;
    this.ranges.set(key, range);
    return range;
  }

  /** True once a long list needs the Lists sheet. */
  get hasSheet(): boolean {
    return this.columns.length > 0;
  }

  /** The Lists sheet's XML: each list down its own column. */
  sheetXml(): string {
    const height = this.columns.reduce((n, c) => Math.max(n, c.length), 0);
    let rows = '';
    for (let r = 0; r < height; r++) {
      let cells = '';
      this.columns.forEach((col, i) => {
        const v = col[r];
        if (v !== undefined && v !== '') cells += `<c r="${columnLetter(i + 1)}${r + 1}" t="inlineStr">${inlineString(v)}</c>`;
      });
      rows += `<row r="${r + 1}">${cells}</row>`;
    }
    return `${WORKSHEET_OPEN}<sheetData>${rows}</sheetData></worksheet>`;
  }
}
