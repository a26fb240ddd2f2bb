/**
 * A minimal streaming ZIP writer, enough for an .xlsx: entries one after the
 * other, each deflated behind a local header with a data descriptor (sizes
 * and CRC follow the data, so nothing is held back), then the central
 * directory. No zip64: an entry, or the archive, that passes 4 GiB fails
 * with a clear error instead of writing a file no reader could open.
 *
 * An entry's bytes are compressed in chunks of CHUNK_BYTES, each by a
 * one-shot zlib.deflateRaw on libuv's thread pool (up to IN_FLIGHT at once),
 * all but the last ended with a sync flush and none but the last final, so
 * that the outputs, written in order, are one DEFLATE stream. That skips the
 * stream machinery of a zlib Transform (a good part of the CPU time at level
 * 1) and lets the compression run beside the rows being made.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { constants, deflateRaw } from 'node:zlib';
import { crc32 } from './zip-crc32.js';

const LIMIT = 0xffffffff;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const VERSION = 20;
/** Bytes compressed as one piece (its own window: a larger piece compresses a little better). */
const CHUNK_BYTES = 1 << 18;
/** Pieces being compressed at once before a writer is asked to wait. */
const IN_FLIGHT = 3;

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

/** The most bytes a size or offset may state (4 GiB - 1); `ZipOptions.limit` lowers it for tests. */
export const ZIP32_LIMIT = LIMIT;

function compress(data: Buffer, level: number, last: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    deflateRaw(data, { level, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
  });
}

/** Where an entry's compressed bytes go, in order. */
interface Sink {
  write(bytes: Buffer): Promise<void>;
}

/** One entry being written: text or bytes in, deflated into the archive. */
export class ZipEntry {
  private crc = 0;
  private size = 0;
  private compressed = 0;
  private failed: Error | undefined;
  /** Text and bytes not yet handed to the compressor. */
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Pieces being compressed, oldest first; each resolves once its output is written. */
  private readonly pending: Array<Promise<void>> = [];
  /** The previous piece's output written (outputs go out in order). */
  private written: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly level: number,
    private readonly sink: Sink,
    private readonly limit: number,
  ) {}

  /** Appends `data` (UTF-8 when text). Mind `needsDrain` between batches of writes. */
  write(data: string | Buffer): void {
    if (this.failed) throw this.failed;
    if (typeof data !== 'string') {
      for (let at = 0; at < data.length;) {
        const n = Math.min(data.length - at, this.chunk.length - this.used);
        data.copy(this.chunk, this.used, at, at + n);
        this.used += n;
        at += n;
        if (this.used === this.chunk.length) this.flushChunk(false);
      }
      return;
    }
    // Text is encoded straight into the chunk (no Buffer per string).
    if (data.length * 3 > this.chunk.length - this.used) {
      if (data.length * 3 > CHUNK_BYTES) {
        this.write(Buffer.from(data, 'utf8'));
        return;
      }
      this.flushChunk(false);
    }
    this.used += this.chunk.write(data, this.used, 'utf8');
  }

  /** Hands the chunk to the compressor (`last`: the entry's final piece, even if empty). */
  private flushChunk(last: boolean): void {
    if (this.used === 0 && !last) return;
    const data = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    if (this.size > this.limit) throw (this.failed = tooLarge(`part ${this.name}`));
    const out = compress(data, this.level, last);
    const before = this.written;
    const done = (async () => {
      const bytes = await out;
      await before;
      this.compressed += bytes.length;
      if (this.compressed > this.limit) throw tooLarge(`part ${this.name} (compressed)`);
      await this.sink.write(bytes);
    })();
    // A failure is reported by the next drain() or end(); until then nothing else awaits it.
    done.catch((err: Error) => {
      this.failed ??= err;
    });
    this.written = done;
    this.pending.push(done);
  }

  /** True while more pieces are being compressed than it should: wait with `drain()` before writing much more. */
  get needsDrain(): boolean {
    return this.pending.length >= IN_FLIGHT;
  }

  /** Resolves once few enough pieces are being compressed (rejects if one failed). */
  async drain(): Promise<void> {
    while (this.pending.length >= IN_FLIGHT) await this.pending.shift();
    if (this.failed) throw this.failed;
  }

  /** Ends the entry: resolves with its CRC and sizes once all its compressed bytes are out. */
  async end(): Promise<{ crc: number; compressed: number; size: number }> {
    this.flushChunk(true);
    while (this.pending.length) await this.pending.shift();
    if (this.failed) throw this.failed;
    return { crc: this.crc >>> 0, compressed: this.compressed, size: this.size };
  }
}

export interface ZipOptions {
  /** zlib deflate level, 1 (fastest) to 9 (smallest). */
  level: number;
  /** The largest size or offset allowed; default ZIP32_LIMIT (a test sets a small one). */
  limit?: number;
}

export class ZipWriter {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly entries: Central[] = [];
  private open: ZipEntry | undefined;
  private readonly stamp = dosTime(new Date());
  private error: Error | undefined;
  private aborted = false;
  private readonly closed: Promise<void>;
  private readonly limit: number;

  constructor(
    path: string,
    private readonly options: ZipOptions,
  ) {
    this.limit = options.limit ?? LIMIT;
    this.out = createWriteStream(path);
    this.closed = new Promise((resolve, reject) => {
      this.out.once('close', resolve);
      this.out.once('error', (err) => {
        this.error = err;
        reject(err);
      });
    });
    // A failed write is reported by the next write or by close(); until then, nothing awaits `closed`.
    this.closed.catch(() => undefined);
  }

  private raw(buf: Buffer): void {
    if (this.aborted) return; // a piece still being compressed when the archive was given up
    if (this.error) throw this.error;
    this.out.write(buf);
    this.offset += buf.length;
  }

  /** Writes `buf`, then waits while the file is behind. */
  private async rawPaced(buf: Buffer): Promise<void> {
    this.raw(buf);
    if (this.aborted || !this.out.writableNeedDrain) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.out.once('error', onError);
      this.out.once('drain', () => {
        this.out.off('error', onError);
        resolve();
      });
    });
  }

  /** Starts entry `name`; the previous one must have been ended with `endEntry`. */
  entry(name: string): ZipEntry {
    if (this.open) throw new Error(`zip entry ${this.open.name} is still open`);
    if (this.offset > this.limit) throw tooLarge('the archive');
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
    const entry = new ZipEntry(name, this.options.level, { write: (bytes) => this.rawPaced(bytes) }, this.limit);
    this.entries.push({ name: nameBytes, crc: 0, compressed: 0, size: 0, offset });
    this.open = entry;
    return entry;
  }

  /** Ends the open entry and writes its data descriptor. */
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
    this.open = undefined;
    await this.rawPaced(desc);
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
    if (this.offset > this.limit) throw tooLarge('the archive');
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
    this.aborted = true;
    this.open = undefined;
    if (!this.out.closed) {
      this.out.end();
      await this.closed.catch(() => undefined);
    }
  }
}
