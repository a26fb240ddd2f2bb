/**
 * Issue 14.5: a worksheet cut short inside a valid ZIP, and a small file
 * whose shared strings inflate to a gigabyte, are clear FILE_UNREADABLE
 * errors (exit 4) naming the file — never 5 of 12 rows read in silence, or a
 * crash after the memory ran out. The workbooks are written part by part.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../../src/cli/exit-codes.js';
import { isEtlError } from '../../src/errors.js';
import { readAll, tempDir } from './helpers.js';
import { writeZip } from './zip-writer.js';
import type { ZipPart } from './zip-writer.js';

const dir = tempDir();
const ROWS = 12;

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Strings: the header, then a name and an email per row. */
const strings = ['business_name', 'email', ...Array.from({ length: ROWS }, (_, i) => [`Company ${i + 1}`, `c${i + 1}@x.example`]).flat()];

function sheetXml(): string {
  const cell = (ref: string, s: number) => `<c r="${ref}" t="s"><v>${s}</v></c>`;
  const rows = [`<row r="1">${cell('A1', 0)}${cell('B1', 1)}</row>`];
  for (let i = 0; i < ROWS; i++) rows.push(`<row r="${i + 2}">${cell(`A${i + 2}`, 2 + 2 * i)}${cell(`B${i + 2}`, 3 + 2 * i)}</row>`);
  return `<worksheet xmlns="${MAIN}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

const sharedStringsXml = () =>
  `<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;

function workbook(overrides: Partial<Record<string, ZipPart['data']>> = {}): ZipPart[] {
  const parts: Record<string, ZipPart['data']> = {
    '[Content_Types].xml': xml(
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    '_rels/.rels': xml(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': xml(
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Clients" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': xml(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    'xl/sharedStrings.xml': xml(sharedStringsXml()),
    'xl/worksheets/sheet1.xml': xml(sheetXml()),
    ...overrides,
  } as Record<string, ZipPart['data']>;
  return Object.entries(parts).map(([name, data]) => ({ name, data }));
}

async function readError(file: string): Promise<unknown> {
  try {
    await readAll(file);
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('xlsx parts cut short or too large', () => {
  it('the workbook as written reads all 12 rows (the control)', async () => {
    const file = join(dir, 'whole.xlsx');
    await writeZip(file, workbook());
    const { rows } = await readAll(file);
    expect(rows).toHaveLength(ROWS);
    expect(rows[ROWS - 1]?.values).toEqual({ business_name: 'Company 12', email: 'c12@x.example' });
  });

  it('a worksheet cut short inside a valid ZIP is FILE_UNREADABLE (exit 4) naming the file, not 5 of 12 rows', async () => {
    const file = join(dir, 'cut.xlsx');
    const whole = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${sheetXml()}`;
    await writeZip(file, workbook({ 'xl/worksheets/sheet1.xml': Buffer.from(whole.slice(0, whole.indexOf('<row r="7">'))) }));
    const err = await readError(file);
    expect(isEtlError(err, 'FILE_UNREADABLE')).toBe(true);
    expect(exitCodeFor((err as { code: 'FILE_UNREADABLE' }).code)).toBe(EXIT.INPUT);
    expect((err as Error).message).toMatch(/cut\.xlsx: sheet "Clients" \(xl\/worksheets\/sheet1\.xml\) is cut short/);
  });

  it('shared strings cut short are refused the same way', async () => {
    const file = join(dir, 'cut-strings.xlsx');
    const whole = sharedStringsXml();
    await writeZip(file, workbook({ 'xl/sharedStrings.xml': xml(whole.slice(0, whole.indexOf('Company 6'))) }));
    const err = await readError(file);
    expect(isEtlError(err, 'FILE_UNREADABLE')).toBe(true);
    expect((err as Error).message).toMatch(/shared strings .* is cut short/);
  });

  it('a 5 MB file holding a 1 GB shared string is refused within the limit, memory bounded', async () => {
    const file = join(dir, 'bomb.xlsx');
    const piece = Buffer.alloc(4 * 1024 * 1024, 'A');
    const bomb = function* () {
      yield xml(
        `<sst xmlns="${MAIN}" count="${strings.length + 1}" uniqueCount="${strings.length + 1}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}<si><t>`,
      );
      for (let i = 0; i < 256; i++) yield piece; // 1 GiB of one value
      yield Buffer.from('</t></si></sst>');
    };
    await writeZip(file, workbook({ 'xl/sharedStrings.xml': bomb }));
    const before = process.memoryUsage().rss;
    const err = await readError(file);
    expect(isEtlError(err, 'FILE_UNREADABLE')).toBe(true);
    expect((err as Error).message).toMatch(/bomb\.xlsx: its part xl\/sharedStrings\.xml inflates to more than 256 MB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('the same when the ZIP directory understates the size: caught while inflating, at the first over-long value', async () => {
    const file = join(dir, 'liar.xlsx');
    const piece = Buffer.alloc(4 * 1024 * 1024, 'A');
    const bomb = function* () {
      yield xml(`<sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}<si><t>`);
      for (let i = 0; i < 64; i++) yield piece; // 256 MiB of one value
      yield Buffer.from('</t></si></sst>');
    };
    await writeZip(
      file,
      workbook({ 'xl/sharedStrings.xml': bomb }).map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, statedSize: 4096 } : p)),
    );
    const before = process.memoryUsage().rss;
    const err = await readError(file);
    expect(isEtlError(err, 'FILE_UNREADABLE')).toBe(true);
    expect((err as Error).message).toMatch(/liar\.xlsx: its part xl\/sharedStrings\.xml holds a single value longer than 1 MB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('300 MB of ordinary shared strings (no long value) are over the 256 MB limit, caught while inflating', async () => {
    const file = join(dir, 'big-strings.xlsx');
    // Many ordinary strings, 300 MB of them: over the 256 MB shared-strings limit without any long value.
    const row = Buffer.from('<si><t>Some company name, Inc.</t></si>'.repeat(20_000));
    const many = function* () {
      yield xml(`<sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}`);
      for (let total = 0; total < 300 * 1024 * 1024; total += row.length) yield row;
      yield Buffer.from('</sst>');
    };
    await writeZip(
      file,
      workbook({ 'xl/sharedStrings.xml': many }).map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, statedSize: 4096 } : p)),
    );
    const err = await readError(file);
    expect(isEtlError(err, 'FILE_UNREADABLE')).toBe(true);
    expect((err as Error).message).toMatch(/xl\/sharedStrings\.xml inflates to more than 256 MB/);
  }, 60_000);
});
