/**
 * The reader's streaming path: tables large enough to cross the reader's
 * read and parse pieces (64 KiB reads, 16 Ki-character parse pieces) read
 * back equal, row numbers included, with `cells` lining up with `values`;
 * blank rows are found as before; and rows handed out one at a time keep
 * the order, the errors and the early exit of an async generator.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenBatches } from '../../src/read/flatten.js';
import { valuesMaker } from '../../src/read/header.js';
import { readAll, tempDir } from './helpers.js';

const dir = tempDir();
let n = 0;
const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('CSV across read and parse pieces (property)', () => {
  it('long tables with quoted line breaks, quotes and astral characters read back equal', async () => {
    const piece = fc.constantFrom('a', 'Z', ' ', ',', '"', '""', '\r\n', '\n', '😀', 'é', "'", 'x'.repeat(97));
    const value = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(value, value, value), { minLength: 200, maxLength: 600 }),
        fc.constantFrom('\r\n', '\n'),
        async (rows, newline) => {
          const data = rows.filter((r) => r.some((v) => v.trim() !== ''));
          const file = join(dir, `s${n++}.csv`);
          writeFileSync(file, [['A', 'B', 'C'], ...rows].map((r) => r.map(quote).join(',')).join(newline) + newline);
          const { rows: read } = await readAll(file, { delimiter: ',' });
          expect(read.map((r) => [r.values.A, r.values.B, r.values.C])).toEqual(data);
          expect(read.every((r) => r.cells !== undefined && r.cells.every((c, i) => c === r.values[['A', 'B', 'C'][i] as string]))).toBe(
            true,
          );
          // Row numbers count records (a quoted line break does not start a new one).
          let expected = 1;
          expect(read.map((r) => r.source.row)).toEqual(
            rows.flatMap((r) => (expected++, r.some((v) => v.trim() !== '') ? [expected] : [])),
          );
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('a row of only spaces (any kind trim removes) is blank; any other text (a zero-width space too) is not', async () => {
    const file = join(dir, `blank${n++}.csv`);
    writeFileSync(file, 'A,B\r\nx,1\r\n\u00a0, \t\r\n\ufeff,\u2003\r\n-,\r\n,\u200b\r\n');
    const { rows, table } = await readAll(file, { delimiter: ',' });
    expect(rows.map((r) => r.source.row)).toEqual([2, 5, 6]);
    expect(table.notices.map((i) => i.code)).toEqual(['ROW_BLANK']);
  });
});

describe('valuesMaker', () => {
  it('builds the same object as assigning the headers one by one, whatever their names', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.oneof(
            fc.string({ maxLength: 6 }),
            fc.constantFrom('__proto__', 'constructor', '1', '01', 'a"b', 'x\\y', '\u2028', 'toString'),
          ),
          { maxLength: 8 },
        ),
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 10 }),
        (headers, cells) => {
          const expected: Record<string, string> = {};
          for (let i = 0; i < headers.length; i++) expected[headers[i] as string] = cells[i] ?? '';
          const got = valuesMaker(headers)(cells);
          expect(Object.keys(got)).toEqual(Object.keys(expected));
          expect(got).toEqual(expected);
          expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
        },
      ),
    );
  });
});

describe('flattenBatches (one item at a time out of batches)', () => {
  async function* batches(log: string[], items: number[][], failAt?: number): AsyncGenerator<number[]> {
    try {
      for (let i = 0; i < items.length; i++) {
        if (i === failAt) throw new Error('source failed');
        yield items[i] as number[];
      }
    } finally {
      log.push('closed');
    }
  }

  it('hands out every item in order, skipping empty batches', async () => {
    const out: number[] = [];
    for await (const x of flattenBatches(batches([], [[1, 2], [], [3], [4, 5, 6]]))) out.push(x);
    expect(out).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers requests made before the previous ones settled, in order', async () => {
    const it = flattenBatches(batches([], [[1], [2, 3]]));
    const results = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()]);
    expect(results).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
      { value: 3, done: false },
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
  });

  it('closes the source on break, and stops after an error of the source', async () => {
    const log: string[] = [];
    for await (const x of flattenBatches(batches(log, [[1, 2], [3]]))) if (x === 1) break;
    expect(log).toEqual(['closed']);
    const failing = flattenBatches(batches([], [[1], [2]], 1));
    expect(await failing.next()).toEqual({ value: 1, done: false });
    await expect(failing.next()).rejects.toThrow('source failed');
    expect(await failing.next()).toEqual({ value: undefined, done: true });
  });
});
