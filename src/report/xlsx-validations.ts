/**
 * Decision dropdowns of the streamed report: one validation per distinct
 * choice list (long lists kept on the hidden "Lists" sheet and referenced by
 * range), and, per sheet, the ranges of cells each applies to. A sheet's
 * dataValidations come after its rows in the file, so the ranges are grouped
 * (a few open groups of up to GROUP_RANGES ranges each) and the finished
 * elements spooled, past SPOOL_BYTES to a temporary file: memory stays
 * bounded however many decision rows a sheet has.
 */
import { appendFileSync, closeSync, openSync, readSync, rmSync } from 'node:fs';
import { neutralizeFormula } from '../safe-cell.js';
import { INLINE_LIST_MAX } from './xlsx-layout.js';
import { columnLetter, inlineString, xmlAttr, xmlText } from './xlsx-xml.js';
import type { ZipEntry } from './zip-writer.js';

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

export const WORKSHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** Ranges one dataValidation element lists before another is started. */
const GROUP_RANGES = 256;
/** Validations with ranges still being gathered. */
const OPEN_GROUPS = 8;
/** Finished elements held in memory before they go to the spool file. */
const SPOOL_BYTES = 1 << 20;

/** A sheet's validated ranges, until its rows are written. */
export class ValidationSpool {
  private readonly groups = new Map<number, { v: Validation; ranges: string[] }>();
  private held: string[] = [];
  private heldLength = 0;
  private count = 0;
  private spilled = false;

  /** @param file where elements go past SPOOL_BYTES (deleted by `writeTo`) */
  constructor(private readonly file: string) {}

  add(range: string, v: Validation): void {
    let g = this.groups.get(v.id);
    if (!g) {
      if (this.groups.size >= OPEN_GROUPS) this.flush(this.groups.keys().next().value!);
      g = { v, ranges: [] };
      this.groups.set(v.id, g);
    }
    g.ranges.push(range);
    if (g.ranges.length >= GROUP_RANGES) this.flush(v.id);
  }

  private flush(id: number): void {
    const g = this.groups.get(id);
    if (!g) return;
    this.groups.delete(id);
    const el = `${g.v.open}${g.ranges.join(' ')}${g.v.close}`;
    this.count++;
    this.held.push(el);
    this.heldLength += el.length;
    if (this.heldLength > SPOOL_BYTES) {
      appendFileSync(this.file, this.held.join(''));
      this.spilled = true;
      this.held = [];
      this.heldLength = 0;
    }
  }

  /** Writes the sheet's dataValidations element (if any) to `entry`, then forgets them. */
  async writeTo(entry: ZipEntry): Promise<void> {
    for (const id of [...this.groups.keys()]) this.flush(id);
    if (this.count === 0) return;
    entry.write(`<dataValidations count="${this.count}">`);
    if (this.spilled) {
      const fd = openSync(this.file, 'r');
      try {
        const buf = Buffer.alloc(1 << 16);
        for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
          entry.write(buf.subarray(0, n)); // copied into the entry's chunk
          await entry.drain();
        }
      } finally {
        closeSync(fd);
        rmSync(this.file, { force: true });
      }
    }
    entry.write(`${this.held.join('')}</dataValidations>`);
    this.held = [];
    this.count = 0;
    this.spilled = false;
  }

  /** Deletes the spool file, if there is one (a report given up). */
  discard(): void {
    if (this.spilled) rmSync(this.file, { force: true });
  }
}
