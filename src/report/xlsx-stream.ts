/**
 * Pacing a streamed sheet (exceljs's WorkbookWriter): exceljs does not hold a
 * sheet's writer back while the zip behind it is busy, so without a pause the
 * rows would pile up in memory. `keepPace` waits until what the sheet has
 * queued is small again.
 */
import type ExcelJS from 'exceljs';

/** Sheet data a streamed sheet may queue ahead of the zip before its writer waits. */
const MAX_QUEUED_BYTES = 4 << 20;

/** The parts of exceljs's streaming sheet (4.4) that say how much it has queued; absent on other versions. */
interface QueueView {
  _stream?: { buffers?: Array<{ length?: number }>; pipes?: Array<{ writableLength?: number }> };
}

/** Bytes the sheet holds: its own buffers while the zip has not reached it, then the zip entry's input. */
function queuedBytes(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as QueueView)._stream;
  if (!stream || !Array.isArray(stream.buffers)) return 0;
  const own = stream.buffers.reduce((n, b) => n + (typeof b.length === 'number' ? b.length : 0), 0);
  return own + (stream.pipes?.[0]?.writableLength ?? 0);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Lets the zip compress and write what `sheet` produced, until little is queued. */
export async function keepPace(sheet: ExcelJS.Worksheet): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (queuedBytes(sheet) > MAX_QUEUED_BYTES) await sleep(2);
}
