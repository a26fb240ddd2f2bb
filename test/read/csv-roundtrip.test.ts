/** Property: any table written as CSV, in any supported encoding and delimiter, reads back equal. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readAll, tempDir } from './helpers.js';

const DELIMS = [',', ';', '\t', '|'] as const;
const ENCODINGS = ['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'windows-1252'] as const;
type Enc = (typeof ENCODINGS)[number];

/** Quote a value when it holds the delimiter (or any candidate, so detection sees only real delimiters), a quote or a line break. */
function cell(v: string, quoteCandidates: boolean, d: string): string {
  const risky = quoteCandidates ? /[",;\t|\r\n]/ : new RegExp(`["\\r\\n${d === '\t' ? '\\t' : d === '|' ? '\\|' : d}]`);
  return risky.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function encode(text: string, enc: Enc): Buffer {
  if (enc === 'utf8') return Buffer.from(text, 'utf8');
  if (enc === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  if (enc === 'windows-1252') return iconv.encode(text, 'windows-1252');
  return iconv.encode(text, enc, { addBOM: true });
}

// Characters of Windows-1252 whose bytes (0x80–0xBF) can never form valid UTF-8 on their own,
// so detection is unambiguous; the other encodings get any printable text.
const CP1252_EXTRA = ['€', '“', '”', '—', '’', '£', '©', '°', '±', 'µ', '¼'];
const printable = fc
  .string({ unit: 'grapheme', maxLength: 12 })
  .map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd\ufeff]/g, ''));
const cp1252Text = fc
  .array(fc.oneof(fc.constantFrom(...CP1252_EXTRA), fc.constantFrom(...'abcXYZ019 ,;|"\'\t\n-@='.split(''))), { maxLength: 12 })
  .map((a) => a.join(''));

const table = (value: fc.Arbitrary<string>) =>
  fc.integer({ min: 1, max: 5 }).chain((cols) =>
    fc.record({
      headers: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/), {
        minLength: cols,
        maxLength: cols,
        selector: (h) => h.toLowerCase(),
      }),
      rows: fc.array(
        fc.array(value, { minLength: cols, maxLength: cols }).filter((r) => r.some((v) => v.trim() !== '')),
        { minLength: 1, maxLength: 12 },
      ),
    }),
  );

let n = 0;
const dir = tempDir();

async function roundTrip(
  t: { headers: string[]; rows: string[][] },
  d: string,
  enc: Enc,
  newline: string,
  detectDelimiter: boolean,
): Promise<void> {
  const text = [t.headers, ...t.rows].map((r) => r.map((v) => cell(v, detectDelimiter, d)).join(d)).join(newline) + newline;
  const file = join(dir, `t${n++}.csv`);
  writeFileSync(file, encode(text, enc));
  const { table: read, rows } = await readAll(file, detectDelimiter ? {} : { delimiter: d });
  expect(read.headers).toEqual(t.headers);
  if (detectDelimiter && t.headers.length > 1) expect(read.delimiter).toBe(d);
  expect(rows.map((r) => t.headers.map((h) => r.values[h]))).toEqual(t.rows);
  expect(rows.map((r) => r.source.row)).toEqual(t.rows.map((_, i) => i + 2));
}

describe('CSV round trip (property)', () => {
  it('any values, any delimiter (given), any encoding (detected), LF or CRLF', async () => {
    await fc.assert(
      fc.asyncProperty(
        table(printable),
        fc.constantFrom(...DELIMS),
        fc.constantFrom<Enc>('utf8', 'utf8-bom', 'utf16le', 'utf16be'),
        fc.constantFrom('\n', '\r\n'),
        (t, d, enc, nl) => roundTrip(t, d, enc, nl, false),
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('Windows-1252 text is detected and decoded exactly', async () => {
    await fc.assert(
      fc.asyncProperty(table(cp1252Text), fc.constantFrom(...DELIMS), fc.constantFrom('\n', '\r\n'), (t, d, nl) =>
        roundTrip(t, d, 'windows-1252', nl, false),
      ),
      { numRuns: 100 },
    );
  }, 120_000);

  it('the delimiter is detected when values quote every candidate', async () => {
    await fc.assert(
      fc.asyncProperty(
        table(printable),
        fc.constantFrom(...DELIMS),
        fc.constantFrom(...ENCODINGS.filter((e) => e !== 'windows-1252')),
        (t, d, enc) => roundTrip(t, d, enc, '\r\n', true),
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('a file larger than one read chunk keeps characters split across chunks whole', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [`Zoë ${i} “quoted” €`, `line ${i}\nsecond`, '日本語テキスト']);
    for (const enc of ['utf8', 'utf16le', 'utf16be'] as const) {
      await roundTrip({ headers: ['a', 'b', 'c'], rows }, ',', enc, '\r\n', false);
    }
  }, 120_000);
});
