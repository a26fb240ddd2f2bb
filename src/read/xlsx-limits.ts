/**
 * Size limits on the parts of an .xlsx, checked while they are inflated (a
 * ZIP's directory can lie about sizes, and a 1 MB file can inflate to
 * gigabytes). Documented in templates/README.md ("Reading").
 */
import { SyncroEtlError } from '../errors.js';

const MiB = 1024 * 1024;

export const XLSX_LIMITS = {
  /** A worksheet's XML, inflated (it is streamed: this bounds time, not memory). */
  sheetBytes: 1024 * MiB,
  /** The shared-string table, inflated (held in memory while the sheet is read). */
  sharedStringsBytes: 256 * MiB,
  /** Text between two XML tags: Excel keeps at most 32,767 characters in a cell, so 1 MiB is never a real cell. */
  textRunBytes: MiB,
} as const;

const size = (bytes: number): string => (bytes >= MiB ? `${Math.round(bytes / MiB)} MB` : `${Math.round(bytes / 1024)} KB`);

/** Counts one part's inflated bytes and its longest text run, and throws FILE_UNREADABLE past a limit. */
export class PartGuard {
  private total = 0;
  /** Bytes since the last '<' (a text run, or a tag, still open). */
  private run = 0;

  constructor(
    private readonly file: string,
    private readonly part: string,
    private readonly maxBytes: number,
  ) {}

  /** The size the ZIP directory states, checked before inflating anything. */
  declared(bytes: number): void {
    if (bytes > this.maxBytes) throw this.tooBig(bytes);
  }

  add(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.total > this.maxBytes) throw this.tooBig(this.total);
    const first = chunk.indexOf(60); // '<'
    if (first === -1) this.run += chunk.length;
    else {
      // Runs wholly inside the chunk are shorter than the chunk (64 KB), far under the limit.
      this.run += first;
      if (this.run <= XLSX_LIMITS.textRunBytes) this.run = chunk.length - chunk.lastIndexOf(60) - 1;
    }
    if (this.run > XLSX_LIMITS.textRunBytes) {
      throw new SyncroEtlError(
        'FILE_UNREADABLE',
        `${this.file}: its part ${this.part} holds a single value longer than ${size(XLSX_LIMITS.textRunBytes)} (Excel keeps at most 32,767 characters in a cell): the file is damaged or not a real export. Export it again, or export CSV.`,
        { file: this.file },
      );
    }
  }

  private tooBig(bytes: number): SyncroEtlError {
    return new SyncroEtlError(
      'FILE_UNREADABLE',
      `${this.file}: its part ${this.part} inflates to more than ${size(this.maxBytes)} (at least ${size(bytes)}), over the limit syncro-etl reads. Split the workbook, or export CSV (no size limit).`,
      { file: this.file },
    );
  }
}
