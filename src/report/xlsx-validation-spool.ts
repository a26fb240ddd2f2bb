/**
 * A streamed sheet's dropdown ranges until its rows are written: the
 * dataValidations element comes after the rows in the file, so the ranges
 * are grouped (a few open groups of up to GROUP_RANGES ranges each) and the
 * finished elements spooled, past SPOOL_BYTES to a temporary file: memory
 * stays bounded however many decision rows a sheet has.
 */
import { appendFileSync, closeSync, openSync, readSync, rmSync } from 'node:fs';
import type { Validation } from './xlsx-dropdowns.js';
import type { ZipEntry } from './zip-writer.js';

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
