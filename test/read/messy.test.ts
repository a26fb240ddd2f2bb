/** The messy fixture set: every encoding and delimiter, and files that must fail clearly. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS fixture generator
import { makeMessy, MESSY_HEADER, MESSY_ROWS } from '../../fixtures/messy/make.mjs';
import { isEtlError } from '../../src/errors.js';
import { readAll, tempDir } from './helpers.js';

const DIR = 'fixtures/messy';
const header = MESSY_HEADER as string[];
const rows = MESSY_ROWS as string[][];

async function expectError(file: string, code: string, text: RegExp): Promise<void> {
  const err = await readAll(join(DIR, file)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isEtlError(err, code as never), `${file}: ${String(err)}`).toBe(true);
  expect((err as Error).message).toMatch(text);
  expect((err as { context: { file?: string } }).context.file).toBe(join(DIR, file));
}

describe('messy fixtures', () => {
  it('are exactly what make.mjs writes (no drift between script and committed files)', () => {
    const out = tempDir();
    const names = makeMessy(out) as string[];
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(readFileSync(join(out, name)).equals(readFileSync(join(DIR, name))), name).toBe(true);
  });

  it.each([
    ['utf8-bom-comma.csv', 'utf8', ','],
    ['utf8-semicolon.csv', 'utf8', ';'],
    ['utf16le-bom-tab.txt', 'utf16le', '\t'],
    ['utf16be-bom-pipe.csv', 'utf16be', '|'],
    ['windows-1252-comma.csv', 'windows-1252', ','],
  ])('%s: detects %s and %j and reads every value exactly', async (file, encoding, delimiter) => {
    const { table, rows: got } = await readAll(join(DIR, file));
    expect(table.encoding).toBe(encoding);
    expect(table.delimiter).toBe(delimiter);
    expect(table.headers).toEqual(header); // no BOM left on the first header
    const expected = rows.map((r) => r.map((v) => (encoding === 'windows-1252' ? v.replace('Ørsted', 'Orsted') : v)));
    expect(got.map((r) => header.map((h) => r.values[h]))).toEqual(expected);
    expect(got.map((r) => r.source.row)).toEqual([2, 3, 4]);
    expect(got.every((r) => r.issues === undefined)).toBe(true);
  });

  it('ragged rows and blank lines are reported, nothing is dropped', async () => {
    const { table, rows: got } = await readAll(join(DIR, 'ragged.csv'));
    expect(got.map((r) => r.source.row)).toEqual([2, 3, 6, 7]);
    const short = got[1];
    expect(short?.values.Email).toBe('');
    expect(short?.issues?.[0]?.code).toBe('ROW_SHORT');
    const long = got[2];
    expect(long?.extra).toEqual({ 'Column E (no header)': 'extra value' });
    expect(long?.issues?.[0]).toMatchObject({ code: 'ROW_RAGGED', severity: 'warning', value: 'extra value' });
    expect(got[3]?.issues).toBeUndefined(); // only empty cells past the header: nothing to report
    expect(table.notices).toEqual([
      expect.objectContaining({
        code: 'ROW_BLANK',
        source: { file: join(DIR, 'ragged.csv'), row: 4 },
        message: 'rows 4–5 are blank and were skipped',
      }),
    ]);
  });

  it('quoted newlines, quotes and delimiters stay inside their value; row numbers are records', async () => {
    const { rows: got } = await readAll(join(DIR, 'quoted-newlines.csv'));
    expect(got).toHaveLength(3);
    expect(got[0]?.values.Notes).toBe('Line one\nLine two\n"quoted" line three');
    expect(got[1]?.values.Company).toBe('Multi\nLine Co');
    expect(got[1]?.values.Notes).toBe('a, b, c');
    expect(got.map((r) => r.source.row)).toEqual([2, 3, 4]);
  });

  it('an unclosed quote rejects the row it starts on, naming it', async () => {
    const { rows: got } = await readAll(join(DIR, 'unclosed-quote.csv'));
    expect(got[0]?.issues).toBeUndefined();
    expect(got[1]?.source.row).toBe(3);
    expect(got[1]?.issues?.[0]).toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', severity: 'error' });
  });

  it('formula-escaped cells are read as written (the template strips the apostrophe)', async () => {
    const { rows: got } = await readAll(join(DIR, 'formula-escaped.csv'));
    expect(got[0]?.values.Company).toBe("'=Acme");
  });

  it('duplicate header names (ignoring case and punctuation) are an error naming them', async () => {
    await expectError('duplicate-headers.csv', 'HEADER_DUPLICATE', /"Email" \(B\) and "E-mail" \(D\)/);
  });

  it('an unnamed column is an error naming its position', async () => {
    await expectError('empty-header.csv', 'HEADER_EMPTY', /column B \(column 2\) has no name/);
  });

  it.each([
    ['empty.csv', 'FILE_EMPTY', /is empty/],
    ['bom-only.csv', 'FILE_EMPTY', /holds no text/],
    ['blank-lines-only.csv', 'FILE_EMPTY', /holds no text|every row is blank/],
    ['binary-renamed.csv', 'FILE_BINARY', /not a text \(CSV\) file/],
    ['xlsx-renamed.csv', 'FILE_BINARY', /ZIP archive.*\.xlsx/],
  ])('%s → %s', async (file, code, text) => {
    await expectError(file, code, text);
  });

  it('bytes that are not UTF-8 past the sampled start reject their row, suggesting --encoding', async () => {
    const dir = tempDir();
    const file = join(dir, 'late-1252.csv');
    const ascii = Buffer.from(`Company,Email\n${'Acme,a@acme.example\n'.repeat(5000)}`);
    writeFileSync(
      file,
      Buffer.concat([
        ascii,
        Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x62, 0x40, 0x78, 0x2e, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x0a]),
      ]),
    );
    const { table, rows: got } = await readAll(file);
    expect(table.encoding).toBe('utf8');
    const last = got.at(-1);
    expect(last?.source.row).toBe(5002);
    expect(last?.issues?.[0]).toMatchObject({
      code: 'ENCODING_INVALID',
      severity: 'error',
      message: expect.stringContaining('--encoding windows-1252'),
    });
    const again = await readAll(file, { encoding: 'windows-1252' });
    expect(again.rows.at(-1)?.values.Company).toBe('Café');
  });

  it('a missing file is FILE_NOT_FOUND', async () => {
    await expectError('does-not-exist.csv', 'FILE_NOT_FOUND', /does not exist/);
  });
});
