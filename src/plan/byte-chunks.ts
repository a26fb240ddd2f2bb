/**
 * Text gathered as UTF-8 bytes in a buffer of its own until the buffer is
 * full, for a writer that writes a great many small texts (plan.json's
 * operations, the import's spill files).
 *
 * Why not a string concatenated until it is a megabyte long: every piece of
 * such a string stays alive until the write, so the garbage collector copies
 * up to a megabyte of pending text from one young generation to the next at
 * each minor collection (hundreds of them in a million-row dry run), then
 * moves it to the old space, and the whole string is flattened once more to
 * be encoded. Encoded as it comes, each text dies young and its bytes are
 * made once.
 *
 * @example const c = new ByteChunks(); const full = c.add(text); if (full) out.write(full); … out.write(c.take());
 */
export class ByteChunks {
  private buffer: Buffer;
  private used = 0;

  constructor(private readonly size = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Bytes gathered and not yet taken. */
  get length(): number {
    return this.used;
  }

  /**
   * Adds `text`'s bytes. Returns the bytes gathered before it when they had
   * to make room (write them out: they are the caller's now), else nothing.
   */
  add(text: string): Buffer | undefined {
    // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
    if (text.length * 3 <= this.size - this.used) {
      this.used += this.buffer.write(text, this.used, 'utf8');
      return undefined;
    }
    const before = this.take();
    if (text.length * 3 > this.size) {
      const bytes = Buffer.from(text, 'utf8');
      return before ? Buffer.concat([before, bytes]) : bytes;
    }
    this.used = this.buffer.write(text, 0, 'utf8');
    return before;
  }

  /** The bytes gathered (a fresh buffer takes their place: the writer may hold these until written), or nothing. */
  take(): Buffer | undefined {
    if (this.used === 0) return undefined;
    const out = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
    return out;
  }
}
