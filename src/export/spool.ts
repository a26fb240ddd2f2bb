/**
 * A temporary NDJSON file of projected rows. The header of a sheet needs every
 * custom field and the column widths, which are known only after the last API
 * page; spooling the rows to disk (rather than holding them) keeps memory flat
 * however many records there are, and the API is still read once.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SeenWidths, SpooledRow } from './layout.js';

/** Longest line of a value as text, capped (it only sizes a column). */
function textWidth(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const s = typeof value === 'string' ? value : String(value);
  if (!s.includes('\n')) return Math.min(s.length, 200);
  return Math.min(200, Math.max(...s.split('\n').map((l) => l.length)));
}

export class RowSpool {
  /** Rows written so far. */
  rows = 0;
  private readonly base: number[] = [];
  private readonly custom = new Map<string, number>();
  private readonly out: WriteStream;
  private closed?: Promise<void>;

  constructor(readonly file: string) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
  }

  /** Appends rows (one API page at a time), waiting when the disk is behind. */
  async add(rows: readonly SpooledRow[]): Promise<void> {
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) {
      row.v.forEach((value, i) => {
        const w = textWidth(value);
        if (w > (this.base[i] ?? 0)) this.base[i] = w;
      });
      for (const [key, value] of Object.entries(row.p ?? {})) {
        const w = textWidth(value);
        if (w >= (this.custom.get(key) ?? 0)) this.custom.set(key, w);
      }
      chunk += `${JSON.stringify(row)}\n`;
    }
    this.rows += rows.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Widths seen and the custom fields present in any row. */
  seen(): SeenWidths {
    return { base: [...this.base], custom: new Map(this.custom) };
  }

  /** Flushes and closes the file; safe to call twice. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
    return this.closed;
  }

  /** Reads the rows back in order (after {@link close}). */
  async *read(): AsyncGenerator<SpooledRow> {
    await this.close();
    const lines = createInterface({ input: createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) if (line !== '') yield JSON.parse(line) as SpooledRow;
  }
}
