/**
 * Issue 14.4: a CSV whose rows mix CRLF, LF (and CR) line endings is read
 * row by row — never two rows joined into one value — on both parse paths
 * (csv-fast.ts and papaparse), while line breaks inside quoted values stay
 * data, exactly as written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWellFormed } from '../../src/read/csv-fast.js';
import { normalizeNewlines } from '../../src/read/newlines.js';
import { readAll, tempDir } from './helpers.js';

const dir = tempDir();
let n = 0;
async function rowsOf(text: string): Promise<string[][]> {
  const file = join(dir, `f${n++}.csv`);
  writeFileSync(file, text);
  const { table, rows } = await readAll(file);
  return [table.headers, ...rows.map((r) => table.headers.map((h) => r.values[h] ?? ''))];
}

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

describe('mixed line endings', () => {
  it('reads the issue file as three rows, no value holding the next row', async () => {
    const rows = await rowsOf('business_name,email,city\r\nAcme,a@acme.com,X\nBeta,b@b.com,Y\r\nGamma,g@g.com,Z\n');
    expect(rows).toEqual([
      ['business_name', 'email', 'city'],
      ['Acme', 'a@acme.com', 'X'],
      ['Beta', 'b@b.com', 'Y'],
      ['Gamma', 'g@g.com', 'Z'],
    ]);
  });

  it('the same on the papaparse path (a malformed quote sends the piece there)', async () => {
    const rows = await rowsOf('business_name,email,city\r\nAcme,a@acme.com,X\nBeta,b@b.com,"Y" \r\nGamma,g@g.com,Z\n');
    expect(rows.map((r) => r[0])).toEqual(['business_name', 'Acme', 'Beta', 'Gamma']);
    expect(rows[1]).toEqual(['Acme', 'a@acme.com', 'X']);
  });

  it('an LF file with CRLF rows, and a quoted field with either line break inside (kept as written)', async () => {
    const rows = await rowsOf('a,b\n1,"x\r\ny"\r\n2,"p\nq"\n3,"has ""quotes"", and\r\nbreak"\r\n');
    expect(rows).toEqual([
      ['a', 'b'],
      ['1', 'x\r\ny'],
      ['2', 'p\nq'],
      ['3', 'has "quotes", and\r\nbreak'],
    ]);
  });

  it('rows come out as written whatever line break ends each row, quoted values with breaks too (property, both parse paths)', async () => {
    const field = fc.oneof(
      fc.constantFrom('', 'a', 'b c', '12', 'x"y'),
      fc.array(fc.constantFrom('a', ' ', ',', '"', '\r\n', '\n', '\r', 'é'), { maxLength: 6 }).map((p) => quote(p.join(''))),
    );
    const newline = fc.constantFrom('\r\n', '\n');
    const table = fc.array(fc.tuple(fc.array(field, { minLength: 3, maxLength: 3 }), newline), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(table, newline, async (body, headerNewline) => {
        const text = `h1,h2,h3${headerNewline}` + body.map(([cells, nl]) => cells.join(',') + nl).join('');
        const expected = body.map(([cells]) => cells.map((c) => (c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c)));
        const rows = await rowsOf(text);
        // Rows whose cells are all blank are blank rows, which the reader skips.
        expect(rows.slice(1)).toEqual(expected.filter((r) => r.some((c) => c.trim() !== '')));
      }),
      { numRuns: 150 },
    );
  });

  it('a large file crosses many parse pieces (CRLF split across pieces included) and keeps every row', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(`Co ${i},c${i}@x.example,"city\n${i}"${i % 3 === 0 ? '\n' : '\r\n'}`);
    const rows = await rowsOf(`business_name,email,city\r\n${lines.join('')}`);
    expect(rows).toHaveLength(20_001);
    expect(rows[20_000]).toEqual(['Co 19999', 'c19999@x.example', 'city\n19999']);
    expect(rows.every((r, i) => i === 0 || r[0] === `Co ${i - 1}`)).toBe(true);
  });
});

describe('parseWellFormed in a CRLF text', () => {
  it('declines a lone LF outside quotes (the caller rewrites it first), reads one inside quotes', () => {
    expect(parseWellFormed('a,b\r\n1,2\n3,4\r\n', ',', '\r\n', false)).toBeUndefined();
    expect(parseWellFormed('a,b\r\n1,2\n', ',', '\r\n', true)).toBeUndefined();
    expect(parseWellFormed('a,"x\ny"\r\n1,2\r\n', ',', '\r\n', true)).toEqual({
      data: [
        ['a', 'x\ny'],
        ['1', '2'],
      ],
      cursor: 14,
    });
  });
});

describe('normalizeNewlines', () => {
  it('rewrites only line breaks outside quoted values, and leaves a final CR for the next piece', () => {
    expect(normalizeNewlines('a,b\r\n1,2\n3,"x\ny"\r\n', ',', '\r\n', true)).toBe('a,b\r\n1,2\r\n3,"x\ny"\r\n');
    expect(normalizeNewlines('a\r\nb\rc', ',', '\n', true)).toBe('a\nb\nc');
    expect(normalizeNewlines('a\nb\r', ',', '\r\n', false)).toBe('a\r\nb\r');
    expect(normalizeNewlines('x"y\nz', ',', '\r\n', true)).toBe('x"y\r\nz'); // a quote inside an unquoted field opens nothing
  });
});
