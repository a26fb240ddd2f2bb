/**
 * Writes one CSV file: UTF-8 with a byte-order mark (so Excel reads the
 * accents right), RFC 4180 quoting and CRLF line ends through `csvLine`, which
 * also neutralises formula-like cells.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { EventSink } from '../events.js';
import { csvLine } from '../safe-cell.js';
import { csvText } from './cells.js';
import type { OutColumn, SpooledRow } from './layout.js';

export const UTF8_BOM = '\uFEFF';

const CHUNK = 64 * 1024;
const PROGRESS_EVERY = 5_000;

/**
 * Write `rows` under `columns` to `file` (overwriting it).
 * @example await writeCsv('customers.csv', columns, spool.read(), { onEvent, stage: 'write customers', count })
 */
export async function writeCsv(
  file: string,
  columns: readonly OutColumn[],
  rows: AsyncIterable<SpooledRow>,
  opts: { onEvent: EventSink; stage: string; count: number },
): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    let buffer = UTF8_BOM + csvLine(columns.map((c) => c.header));
    let done = 0;
    for await (const row of rows) {
      buffer += csvLine(columns.map((c) => csvText(c.kind, c.value(row))));
      if (buffer.length >= CHUNK) {
        await write(buffer);
        buffer = '';
      }
      if (++done % PROGRESS_EVERY === 0) opts.onEvent({ type: 'progress', stage: opts.stage, done, total: opts.count });
    }
    await write(buffer);
    opts.onEvent({ type: 'progress', stage: opts.stage, done, total: opts.count });
  } finally {
    await Promise.race([new Promise<void>((resolve) => out.end(() => resolve())), failed]);
  }
}
