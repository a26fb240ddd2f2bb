import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteChunks } from '../../src/plan/byte-chunks.js';

describe('ByteChunks', () => {
  it('hands on exactly the UTF-8 of the texts, in order, in chunks no larger than its size unless one text is', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 300 }), fc.constant('é😀'.repeat(30))), {
          maxLength: 60,
        }),
        fc.integer({ min: 8, max: 256 }),
        (texts, size) => {
          const chunks = new ByteChunks(size);
          const out: Buffer[] = [];
          for (const t of texts) {
            const full = chunks.add(t);
            if (full) out.push(full);
            if (full && full.length > size) expect(texts.some((x) => x.length * 3 > size)).toBe(true);
          }
          const rest = chunks.take();
          if (rest) out.push(rest);
          // Chunks handed on are never written over by later texts (each is a buffer of its own).
          expect(Buffer.concat(out).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
          expect(chunks.length).toBe(0);
          expect(chunks.take()).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps small texts until the chunk is full', () => {
    const chunks = new ByteChunks(12);
    expect(chunks.add('ab')).toBeUndefined();
    expect(chunks.add('c')).toBeUndefined();
    expect(chunks.length).toBe(3);
    expect(chunks.add('defg')?.toString()).toBe('abc'); // 4 units could be 12 bytes: no room left after 3
    expect(chunks.take()?.toString()).toBe('defg');
  });
});
