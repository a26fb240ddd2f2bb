/**
 * A minimal streaming ZIP writer, enough for an .xlsx: entries one after the
 * other, each deflated (raw DEFLATE through node:zlib, streamed) behind a
 * local header with a data descriptor (sizes and CRC follow the data, so
 * nothing is held back), then the central directory. No zip64: an entry, or
 * the archive, that passes 4 GiB fails with a clear error instead of writing
 * a file no reader could open.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { createDeflateRaw } from 'node:zlib';
import type { DeflateRaw } from 'node:zlib';
import { crc32 } from './zip-crc32.js';

const LIMIT = 0xffffffff;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const VERSION = 20;
/** Bytes of encoded text gathered before they go to the compressor. */
const CHUNK_BYTES = 1 << 18;

interface Central {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** MS-DOS time and date of `d` (local time, 2-second steps), as ZIP headers state them. */
function dosTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function tooLarge(what: string): Error {
  return new Error(`${what} passes 4 GiB, more than a ZIP without zip64 can hold; split the plan or write fewer rows`);
}

/** One entry being written: text or bytes in, deflated into the archive. */
export class ZipEntry {
  private crc = 0;
  private size = 0;
  private compressed = 0;
  private readonly done: Promise<void>;
  private failed: Error | undefined;
  /** Text not yet handed to the compressor, encoded. */
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(
    private readonly deflate: DeflateRaw,
    readonly name: string,
    private readonly file: WriteStream,
  ) {
    deflate.on('data', (chunk: Buffer) => {
      this.compressed += chunk.length;
    });
    this.done = new Promise((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', reject);
    });
  }

  /** Appends `data` (UTF-8 when text). Mind `needsDrain` between batches of writes. */
  write(data: string | Buffer): void {
    if (typeof data !== 'string') {
      this.flushChunk();
      this.bytes(data);
      return;
    }
    // Text is encoded straight into a chunk buffer (no intermediate Buffer per string).
    const room = this.chunk.length - this.used;
    if (data.length * 3 > room) {
      this.flushChunk();
      if (data.length * 3 > this.chunk.length) {
        this.bytes(Buffer.from(data, 'utf8'));
        return;
      }
    }
    this.used += this.chunk.write(data, this.used, 'utf8');
  }

  private flushChunk(): void {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.bytes(full);
  }

  private bytes(bytes: Buffer): void {
    if (this.failed) throw this.failed;
    if (bytes.length === 0) return;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.size > LIMIT) throw (this.failed = tooLarge(`part ${this.name}`));
    this.deflate.write(bytes);
  }

  /** True while the compressor holds more than its buffer: wait with `drain()` before writing much more. */
  get needsDrain(): boolean {
    return this.deflate.writableNeedDrain || this.file.writableNeedDrain;
  }

  /** Resolves once the compressor, and the file behind it, have taken in what they hold. */
  async drain(): Promise<void> {
    while (this.needsDrain) {
      if (this.deflate.writableNeedDrain) await new Promise<void>((resolve) => this.deflate.once('drain', () => resolve()));
      if (this.file.writableNeedDrain) await new Promise<void>((resolve) => this.file.once('drain', () => resolve()));
    }
  }

  /** Stops compressing (the archive is being given up). */
  destroy(): void {
    this.deflate.destroy();
  }

  /** Ends the entry: resolves with its CRC and sizes once all its compressed bytes are out. */
  async end(): Promise<{ crc: number; compressed: number; size: number }> {
    this.flushChunk();
    this.deflate.end();
    await this.done;
    if (this.compressed > LIMIT) throw tooLarge(`part ${this.name} (compressed)`);
    return { crc: this.crc >>> 0, compressed: this.compressed, size: this.size };
  }
}

export interface ZipOptions {
  /** zlib deflate level, 1 (fastest) to 9 (smallest). */
  level: number;
}

export class ZipWriter {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly entries: Central[] = [];
  private open: ZipEntry | undefined;
  private readonly stamp = dosTime(new Date());
  private error: Error | undefined;
  private readonly closed: Promise<void>;

  constructor(
    path: string,
    private readonly options: ZipOptions,
  ) {
    this.out = createWriteStream(path);
    this.closed = new Promise((resolve, reject) => {
      this.out.once('close', resolve);
      this.out.once('error', (err) => {
        this.error = err;
        reject(err);
      });
    });
    // A failed write is reported by close(); until then, nothing awaits `closed`.
    this.closed.catch(() => undefined);
  }

  private raw(buf: Buffer): void {
    if (this.error) throw this.error;
    this.out.write(buf);
    this.offset += buf.length;
  }

  /** Starts entry `name`; the previous one must have been ended with `endEntry`. */
  entry(name: string): ZipEntry {
    if (this.open) throw new Error(`zip entry ${this.open.name} is still open`);
    if (this.offset > LIMIT) throw tooLarge('the archive');
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(VERSION, 4);
    head.writeUInt16LE(FLAG_DESCRIPTOR | FLAG_UTF8, 6);
    head.writeUInt16LE(METHOD_DEFLATE, 8);
    head.writeUInt16LE(this.stamp.time, 10);
    head.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes (14..25) stay 0: the data descriptor states them.
    head.writeUInt16LE(nameBytes.length, 26);
    head.writeUInt16LE(0, 28);
    const offset = this.offset;
    this.raw(head);
    this.raw(nameBytes);
    const deflate = createDeflateRaw({ level: this.options.level });
    deflate.on('data', (chunk: Buffer) => this.raw(chunk));
    const entry = new ZipEntry(deflate, name, this.out);
    this.entries.push({ name: nameBytes, crc: 0, compressed: 0, size: 0, offset });
    this.open = entry;
    return entry;
  }

  /** Ends the open entry and writes its data descriptor; waits while the file is behind. */
  async endEntry(entry: ZipEntry): Promise<void> {
    if (this.open !== entry) throw new Error(`zip entry ${entry.name} is not the open one`);
    const { crc, compressed, size } = await entry.end();
    const central = this.entries[this.entries.length - 1]!;
    Object.assign(central, { crc, compressed, size });
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc, 4);
    desc.writeUInt32LE(compressed, 8);
    desc.writeUInt32LE(size, 12);
    this.raw(desc);
    this.open = undefined;
    await this.fileDrain();
  }

  /** Resolves once the file has taken in what is queued for it. */
  fileDrain(): Promise<void> {
    if (!this.out.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => this.out.once('drain', resolve));
  }

  /** A whole entry at once. */
  async add(name: string, data: string | Buffer): Promise<void> {
    const e = this.entry(name);
    e.write(data);
    await this.endEntry(e);
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    if (this.open) throw new Error(`zip entry ${this.open.name} is still open`);
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(VERSION, 4);
      h.writeUInt16LE(VERSION, 6);
      h.writeUInt16LE(FLAG_DESCRIPTOR | FLAG_UTF8, 8);
      h.writeUInt16LE(METHOD_DEFLATE, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      h.writeUInt32LE(e.offset, 42);
      this.raw(h);
      this.raw(e.name);
    }
    const size = this.offset - start;
    if (this.offset > LIMIT) throw tooLarge('the archive');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.raw(end);
    this.out.end();
    await this.closed;
  }

  /** Gives up: closes the file as it is (the caller deletes it). */
  async abort(): Promise<void> {
    this.open?.destroy();
    this.open = undefined;
    if (!this.out.closed) {
      this.out.end();
      await this.closed.catch(() => undefined);
    }
  }
}
