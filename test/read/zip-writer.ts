/** A minimal ZIP writer for tests that need parts no spreadsheet program would write (cut short, or inflating to gigabytes). */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import * as zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The part's bytes, or its bytes in pieces (deflated as they come: a part of a gigabyte never sits in memory). */
  data: Buffer | (() => Iterable<Buffer>);
  /** The uncompressed size the directory states, when it should lie. */
  statedSize?: number;
}

const crc32 = (zlib as unknown as { crc32: (data: Buffer, value?: number) => number }).crc32;

export async function writeZip(path: string, parts: readonly ZipPart[]): Promise<void> {
  const out = createWriteStream(path);
  const central: Buffer[] = [];
  let offset = 0;
  const write = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const pieces = Buffer.isBuffer(part.data) ? [part.data] : part.data();
    const deflate = zlib.createDeflateRaw({ level: 1 });
    const compressed: Buffer[] = [];
    deflate.on('data', (c: Buffer) => compressed.push(c));
    let crc = 0;
    let size = 0;
    for (const piece of pieces) {
      crc = crc32(piece, crc);
      size += piece.length;
      if (!deflate.write(piece)) await once(deflate, 'drain');
    }
    deflate.end();
    await once(deflate, 'end');
    const body = Buffer.concat(compressed);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(part.statedSize ?? size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(Math.min(part.statedSize ?? size, 0xfffffffe), 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    await write(local);
    await write(name);
    await write(body);
  }
  const cdStart = offset;
  const cdBytes = Buffer.concat(central);
  await write(cdBytes);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(cdStart, 16);
  await write(end);
  out.end();
  await once(out, 'finish');
}
