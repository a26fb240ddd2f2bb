/**
 * CRC-32 (the ZIP one, polynomial 0xEDB88320) of a byte stream, chunk by
 * chunk: zlib.crc32 when this Node has it (20.15+, native), else a table in JS.
 */
import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, previous: number) => number;

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** The table-driven CRC-32, for a Node without zlib.crc32 (exported to test it against zlib's). */
export function crc32Js(data: Uint8Array, previous = 0): number {
  const t = crcTable();
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** zlib.crc32 where this Node has it (the typings always declare it; older Node 20 releases lack it). */
const native: Crc32 | undefined = typeof zlib.crc32 === 'function' ? (data, previous) => zlib.crc32(data, previous) : undefined;

/** CRC-32 of `data` continuing from `previous` (0 to start). */
export const crc32: Crc32 = native ?? crc32Js;
