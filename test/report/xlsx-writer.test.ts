/**
 * The streamed report writer (src/report/xlsx-book-writer.ts and its parts),
 * read back with exceljs and with our own reader: cell texts come back
 * exactly as neutralizeFormula gives them (less the characters XML 1.0 cannot
 * carry), dropdowns sit on exactly the decision cells, continuation sheets
 * repeat the header, and the ZIP's CRC-32 agrees with zlib's.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/read/xlsx.js';
import { neutralizeFormula } from '../../src/safe-cell.js';
import { planSource } from '../../src/report/plan-source.js';
import type { PlanReportSource } from '../../src/report/plan-source.js';
import { writeSourceXlsx } from '../../src/report/xlsx.js';
import { XlsxBookWriter } from '../../src/report/xlsx-book-writer.js';
import type { Column, Scalar } from '../../src/report/xlsx-layout.js';
import { COLORS } from '../../src/report/xlsx-layout.js';
import { columnLetter, inlineString, xmlAttr, xmlCarried } from '../../src/report/xlsx-xml.js';
import { crc32, crc32Js } from '../../src/report/zip-crc32.js';
import { ZipWriter } from '../../src/report/zip-writer.js';
import { cell, openWorkbook, sheet, tempDir } from './helpers.js';
import { buildLargePlan } from './plan-fixture.js';

const TEXT_COLUMNS: readonly Column[] = [{ header: 'Plain' }, { header: 'Text', text: true }, { header: 'Wrapped', wrap: true }];

/** Writes one sheet "T" of `columns` with `rows`, returns the file. */
async function writeSheet(columns: readonly Column[], rows: readonly (readonly Scalar[])[], rowLimit?: number): Promise<string> {
  const path = join(tempDir(), 'w.xlsx');
  const book = new XlsxBookWriter(path);
  const t = book.table('T', columns, COLORS.header, rowLimit);
  for (const r of rows) {
    t.add(r);
    await t.breathe();
  }
  await t.finish();
  await book.close({ creator: 'test', title: 'test' });
  return path;
}

const hostile = fc.constantFrom(
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example","x")',
  '+1 555',
  '-2',
  '@SUM(A1)',
  '\tlead tab',
  '\r\nlead CRLF',
  '\0nul',
  '<script>&amp;</script>',
  '&lt;not an entity',
  '"quoted" \'single\'',
  ']]>',
  '_x000D_',
  '  spaces both ends  ',
  'line\nbreak\rcarriage\r\nboth',
  '\u0001\u0008\u000b\u000c\u001f\u007f',
  '\ud800 lone high',
  'lone low \udc00',
  '\ufffe\uffff',
  '😀👩‍👩‍👧‍👦🇫🇷',
  'x'.repeat(20_000),
);
const piece = fc.oneof(
  hostile,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 40 }),
);
const cellText = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));

describe('the streamed report writer', () => {
  it('round-trips any cell text through exceljs exactly as neutralizeFormula gives it (less what XML cannot carry)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cellText, cellText, cellText), { minLength: 1, maxLength: 12 }), async (rows) => {
        const ws = sheet(await openWorkbook(await writeSheet(TEXT_COLUMNS, rows)), 'T');
        rows.forEach((values, r) => {
          values.forEach((v, c) => {
            const got = ws.getRow(r + 2).getCell(c + 1).value;
            const expected = v === '' ? null : xmlCarried(neutralizeFormula(v));
            expect(got ?? (expected === '' ? '' : null)).toEqual(expected);
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('writes numbers and booleans as such, text columns as text, and the header bold on dark', async () => {
    const path = await writeSheet(
      [{ header: 'N' }, { header: 'Id', text: true }, { header: 'B' }],
      [
        [12.5, 42, true],
        [-3, '007', false],
      ],
    );
    const ws = sheet(await openWorkbook(path), 'T');
    expect([1, 2, 3].map((c) => ws.getRow(2).getCell(c).value)).toEqual([12.5, '42', true]);
    expect([1, 2, 3].map((c) => ws.getRow(3).getCell(c).value)).toEqual([-3, '007', false]);
    expect(ws.getRow(2).getCell(2).numFmt).toBe('@');
    const h = ws.getRow(1).getCell(1);
    expect(h.font?.bold).toBe(true);
    expect(h.font?.color?.argb).toBe(COLORS.headerText);
    expect(h.fill?.type === 'pattern' ? h.fill.fgColor?.argb : undefined).toBe(COLORS.header);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.properties.tabColor?.argb).toBe(COLORS.header);
  });

  it('fits column widths to the content, within each column’s bounds', async () => {
    const path = await writeSheet(
      [{ header: 'Short' }, { header: 'Capped', max: 20 }, { header: 'Lines', wrap: true }],
      [['abc', 'y'.repeat(100), 'one\na much longer second line']],
    );
    const ws = sheet(await openWorkbook(path), 'T');
    expect(ws.getColumn(1).width).toBe(8); // the header's 5 + 3
    expect(ws.getColumn(2).width).toBe(20);
    expect(ws.getColumn(3).width).toBe('a much longer second line'.length + 2);
  });

  it('is read by our own XLSX reader (src/read/xlsx.ts) as written', async () => {
    const rows = [
      ['Alpha', '02134', 'one\ntwo'],
      ['=1+1', '+44 20', '  padded  '],
      // Not "&amp;" as text: exceljs's streaming reader decodes entities a second time (it did so for the old writer too).
      ['<b>&</b> "q"', '00501', '😀'],
    ];
    const table = await openXlsx(await writeSheet(TEXT_COLUMNS, rows), { sheet: 'T' });
    expect(table.headers).toEqual(['Plain', 'Text', 'Wrapped']);
    const got: string[][] = [];
    for await (const r of table.rows()) got.push([...(r.cells ?? [])]);
    expect(got).toEqual(rows.map((r) => r.map((v) => neutralizeFormula(v))));
  });

  it('goes on in "T (2)", … past the row limit, each sheet with its header, widths and autofilter', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`row ${i}`, String(i), 'x']);
    const wb = await openWorkbook(await writeSheet(TEXT_COLUMNS, rows, 3));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['T', 'T (2)', 'T (3)']);
    expect(['T', 'T (2)', 'T (3)'].map((n) => sheet(wb, n).rowCount - 1)).toEqual([3, 3, 1]);
    expect(cell(sheet(wb, 'T (3)'), 2, 'Plain').value).toBe('row 6');
    for (const n of ['T', 'T (2)', 'T (3)']) {
      const ws = sheet(wb, n);
      expect(ws.getRow(1).getCell(2).value).toBe('Text');
      expect(ws.getRow(1).getCell(2).font?.bold).toBe(true);
      expect(ws.getColumn(1).width).toBe(sheet(wb, 'T').getColumn(1).width);
      expect(ws.autoFilter).toBeTruthy();
    }
  });

  it('puts dropdowns on exactly the decision cells, however many lists and runs, and leaves no spool file', async () => {
    const dir = tempDir();
    const path = join(dir, 'd.xlsx');
    const book = new XlsxBookWriter(path);
    const t = book.table('D', [{ header: 'Decision' }, { header: 'Op id', text: true }], COLORS.header);
    const lists = Array.from({ length: 11 }, (_, i) => ['apply', 'skip', `#${1000 + i}`]);
    const expected = new Map<number, string | undefined>();
    // 15000 operations of one or two rows each, the lists taken in turn (more than the writer keeps open):
    // some 15000 dropdown elements, several MB, past the size at which they go to the spool file.
    for (let i = 0; i < 15_000; i++) {
      const options = lists[i % lists.length]!;
      const row = t.add([undefined, `op-${i}`]);
      t.decide(row, options, options[0]!);
      expected.set(row.number, `"${options.join(',')}"`);
      if (i % 4 === 0) {
        const first = row.number;
        const next = t.add([undefined, `op-${i}`]);
        t.pointTo(next, first);
        expected.set(next.number, undefined);
      }
      await t.breathe();
    }
    await t.finish();
    await book.close({ creator: 'test', title: 'test' });
    expect(readdirSync(dir)).toEqual(['d.xlsx']);
    const ws = sheet(await openWorkbook(path), 'D');
    for (const [r, formula] of expected) {
      const d = cell(ws, r, 'Decision');
      if (formula === undefined) {
        expect(d.value, `row ${r}`).toMatch(/^\(see row \d+\)$/);
        expect(d.dataValidation, `row ${r}`).toBeUndefined();
      } else expect(d.dataValidation?.formulae, `row ${r}`).toEqual([formula]);
    }
    expect(cell(ws, 2, 'Decision').dataValidation).toMatchObject({ type: 'list', showErrorMessage: true });
    expect(cell(ws, 2, 'Decision').font?.bold).toBe(true);
    expect(cell(ws, 3, 'Decision').font?.italic).toBe(true);
  });

  it('puts a long list on the hidden Lists sheet, neutralised', async () => {
    const path = join(tempDir(), 'l.xlsx');
    const book = new XlsxBookWriter(path);
    const t = book.table('D', [{ header: 'Decision' }, { header: 'Op id', text: true }], COLORS.header);
    const options = ['skip', 'create', '=evil', ...Array.from({ length: 40 }, (_, i) => `#${100_000_000 + i}`)];
    t.decide(t.add([undefined, 'op-1']), options, 'skip');
    await t.finish();
    await book.close({ creator: 'test', title: 'test' });
    expect(existsSync(`${path}.validations.tmp`)).toBe(false);
    const wb = await openWorkbook(path);
    expect(cell(sheet(wb, 'D'), 2, 'Decision').dataValidation?.formulae).toEqual(['Lists!$A$1:$A$43']);
    const lists = sheet(wb, 'Lists');
    expect(lists.state).toBe('veryHidden');
    expect(lists.getCell('A3').value).toBe("'=evil");
    expect(lists.getCell('A43').value).toBe('#100000039');
  });

  it('leaves no file behind when the report fails half-way (writeSourceXlsx)', async () => {
    const dir = tempDir();
    const plan = buildLargePlan(3000);
    const source = planSource(plan);
    const failing: PlanReportSource = {
      ...source,
      *operations(part) {
        let n = 0;
        for (const op of source.operations(part)) {
          if (part === 'updates' && ++n > 2500) throw new Error('spill file went missing');
          yield op;
        }
      },
    };
    await expect(writeSourceXlsx(join(dir, 'report.xlsx'), failing, [], 'fp')).rejects.toThrow('spill file went missing');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses, clearly, a part or an archive past what a ZIP without zip64 holds (limit lowered for the test)', async () => {
    const dir = tempDir();
    const big = new ZipWriter(join(dir, 'big.zip'), { level: 1, limit: 4096 });
    const e = big.entry('xl/worksheets/sheet1.xml');
    e.write('x'.repeat(5000));
    await expect(big.endEntry(e)).rejects.toThrow('part xl/worksheets/sheet1.xml passes 4 GiB');
    await big.abort();
    const many = new ZipWriter(join(dir, 'many.zip'), { level: 1, limit: 4096 });
    for (let i = 0; i < 3; i++) await many.add(`part${i}.xml`, randomBytes(1500));
    expect(() => many.entry('one-too-many.xml')).toThrow('the archive passes 4 GiB');
    await many.abort();
  });

  it('keeps whitespace at either end (xml:space, which Excel needs and exceljs does not), escapes attributes, names columns', () => {
    expect(inlineString(' a')).toBe('<is><t xml:space="preserve"> a</t></is>');
    expect(inlineString('a\n')).toBe('<is><t xml:space="preserve">a\n</t></is>');
    expect(inlineString('a b')).toBe('<is><t>a b</t></is>');
    expect(inlineString('<&>\rx')).toBe('<is><t>&lt;&amp;&gt;&#13;x</t></is>');
    expect(xmlAttr('"a"\tb\nc')).toBe('&quot;a&quot;&#9;b&#10;c');
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  it('computes the ZIP CRC-32 in JS as zlib does (the fallback for a Node without zlib.crc32)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }), (a, b) => {
        const whole = Buffer.concat([a, b]);
        expect(crc32Js(b, crc32Js(a))).toBe(crc32Js(whole));
        expect(crc32(whole, 0)).toBe(crc32Js(whole));
        if ('crc32' in zlib && typeof zlib.crc32 === 'function') expect(crc32Js(whole)).toBe(zlib.crc32(whole));
      }),
    );
  });
});
