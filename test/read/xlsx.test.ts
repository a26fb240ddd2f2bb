/** XLSX reader: cells read as the text Excel shows, sheets, header detection, merged cells, links. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isEtlError } from '../../src/errors.js';
import { readAll, tempDir } from './helpers.js';

const dir = tempDir();
const file = join(dir, 'clients.xlsx');
const PHONE_FMT = '[<=9999999]###-####;(###) ###-####';

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['This sheet is not data']);
  const ws = wb.addWorksheet('Clients');
  ws.addRow(['Client list — exported 2024-03-05']); // title row
  ws.mergeCells('A1:H1');
  ws.addRow([]); // blank row between title and header
  ws.addRow(['Company', 'Zip Text', 'Zip Number', 'Phone', 'Formatted Phone', 'Since', 'Email', 'Total', 'Active', 'Notes']);
  ws.addRow([
    'Acme Dental',
    '02134',
    2134,
    15551234567,
    5551234567,
    new Date(Date.UTC(2024, 2, 5)),
    { text: 'jane@acme.example', hyperlink: 'mailto:jane@acme.example' },
    { formula: 'C4*2', result: 4268 },
    true,
    { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'and plain' }] },
  ]);
  ws.getCell('C4').numFmt = '00000';
  ws.getCell('E4').numFmt = PHONE_FMT;
  ws.getCell('F4').numFmt = 'yyyy-mm-dd';
  ws.addRow([
    null,
    '00501',
    501,
    18005550199,
    5550199,
    new Date(Date.UTC(2024, 2, 5, 14, 30)),
    { text: 'Email Bob', hyperlink: 'mailto:bob@acme.example?subject=Hi' },
    { formula: 'C5*2' },
    false,
    'plain',
  ]);
  ws.getCell('C5').numFmt = '00000';
  ws.getCell('E5').numFmt = PHONE_FMT;
  ws.getCell('F5').numFmt = 'yyyy-mm-dd hh:mm';
  ws.addRow([
    null,
    '10001',
    10001.5,
    1234567890123,
    0,
    null,
    'cy@acme.example',
    { formula: '1/0', result: { error: '#DIV/0!' } },
    null,
    'two words',
  ]);
  ws.mergeCells('A4:A6'); // company merged down over its three rows
  ws.addRow(['Globex', 'X1', 2.5, 42, null, null, 'di@globex.example', null, null, 'merged across']);
  ws.mergeCells('I7:J7'); // a value merged across two columns stays in the first
  ws.getCell('I7').value = 'wide';
  await wb.xlsx.writeFile(file);
});

describe('XLSX reader', () => {
  it('finds the header below a title and a blank row, on the sheet asked for', async () => {
    const { table } = await readAll(file, { sheet: 'clients' });
    expect(table.sheet).toBe('Clients');
    expect(table.headerRow).toBe(3);
    expect(table.headers[0]).toBe('Company');
    expect(table.notices[0]).toMatchObject({ code: 'ROW_ABOVE_HEADER', source: { row: 1, sheet: 'Clients' } });
  });

  it('reads the first sheet by default and a sheet by 1-based index', async () => {
    const first = await readAll(file);
    expect(first.table.sheet).toBe('Notes');
    const second = await readAll(file, { sheet: 2 });
    expect(second.table.sheet).toBe('Clients');
  });

  it('names the sheets there are when the one asked for is missing', async () => {
    const err = await readAll(file, { sheet: 'Contacts' }).catch((e: unknown) => e);
    expect(isEtlError(err, 'SHEET_NOT_FOUND')).toBe(true);
    expect((err as Error).message).toContain('"Notes", "Clients"');
  });

  it('renders cells as shown: zips keep zeros, phones have no exponent, dates are ISO', async () => {
    const { rows } = await readAll(file, { sheet: 'Clients' });
    const [a, b, c] = rows;
    expect(a?.values).toMatchObject({
      'Zip Text': '02134',
      'Zip Number': '02134',
      Phone: '15551234567',
      'Formatted Phone': '(555) 123-4567',
      Since: '2024-03-05',
    });
    expect(b?.values).toMatchObject({
      'Zip Text': '00501',
      'Zip Number': '00501',
      Phone: '18005550199',
      'Formatted Phone': '555-0199',
      Since: '2024-03-05T14:30:00',
    });
    expect(c?.values).toMatchObject({ 'Zip Number': '10001.5', Phone: '1234567890123' });
    expect(rows.map((r) => r.source.row)).toEqual([4, 5, 6, 7]);
  });

  it('formulas give their results; one never calculated is empty with a warning', async () => {
    const { rows } = await readAll(file, { sheet: 'Clients' });
    expect(rows[0]?.values.Total).toBe('4268');
    expect(rows[1]?.values.Total).toBe('');
    expect(rows[1]?.issues).toContainEqual(
      expect.objectContaining({
        field: 'Total',
        code: 'XLSX_CELL',
        severity: 'warning',
        message: expect.stringContaining('no saved result'),
      }),
    );
    // An error result (#DIV/0!) is not data: empty, with a warning naming the cell.
    expect(rows[2]?.values.Total).toBe('');
    expect(rows[2]?.issues).toContainEqual(expect.objectContaining({ field: 'Total', code: 'XLSX_CELL' }));
  });

  it('rich text, booleans and mailto links read as plain text', async () => {
    const { rows } = await readAll(file, { sheet: 'Clients' });
    expect(rows[0]?.values.Notes).toBe('Bold and plain');
    expect(rows[0]?.values.Active).toBe('TRUE');
    expect(rows[1]?.values.Active).toBe('FALSE');
    expect(rows[0]?.values.Email).toBe('jane@acme.example');
    // The cell shows "Email Bob": the address comes from the link, with a warning.
    expect(rows[1]?.values.Email).toBe('bob@acme.example');
    expect(rows[1]?.issues).toContainEqual(expect.objectContaining({ field: 'Email', value: 'Email Bob', code: 'XLSX_MAILTO_USED' }));
  });

  it('a range merged down gives its value to every row; one merged across stays in its first column', async () => {
    const { table, rows } = await readAll(file, { sheet: 'Clients' });
    expect(rows.map((r) => r.values.Company)).toEqual(['Acme Dental', 'Acme Dental', 'Acme Dental', 'Globex']);
    expect(rows[3]?.values.Active).toBe('wide');
    expect(rows[3]?.values.Notes).toBe('');
    // The merged-away cell J7 had a value before the merge ("merged across"): Excel keeps only the top-left.
    expect(table.notices).toContainEqual(expect.objectContaining({ code: 'XLSX_MERGED_FILLED' }));
  });

  it('an old .xls and a non-workbook .xlsx are refused clearly', async () => {
    const xls = await readAll(join(dir, 'old.xls')).catch((e: unknown) => e);
    expect(isEtlError(xls, 'FILE_UNREADABLE')).toBe(true);
    expect((xls as Error).message).toMatch(/save it as \.xlsx/);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'fake.xlsx'), 'Company,Email\nAcme,a@b.example\n');
    const fake = await readAll(join(dir, 'fake.xlsx')).catch((e: unknown) => e);
    expect(isEtlError(fake, 'FILE_UNREADABLE')).toBe(true);
    expect((fake as Error).message).toMatch(/cannot be read as an Excel workbook/);
  });
});
