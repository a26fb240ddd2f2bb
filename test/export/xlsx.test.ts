import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll, exportContacts, exportCustomers } from '../../src/export/index.js';
import type { ExportResult } from '../../src/export/index.js';
import { seeded, SMALL_SEED } from './helpers.js';
import type { Seeded } from './helpers.js';

let s: Seeded;
let wb: ExcelJS.Workbook;
let result: ExportResult;

const headers = (ws: ExcelJS.Worksheet): string[] => (ws.getRow(1).values as unknown[]).slice(1).map(String);
function cell(ws: ExcelJS.Worksheet, row: number, header: string): ExcelJS.Cell {
  const col = headers(ws).indexOf(header) + 1;
  if (col === 0) throw new Error(`no column ${header}`);
  return ws.getRow(row).getCell(col);
}

beforeAll(async () => {
  s = await seeded(SMALL_SEED);
  result = await exportAll(s.client, { out: join(s.dir, 'export.xlsx') });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(s.dir, 'export.xlsx'));
});
afterAll(async () => s.close());

describe('XLSX export', () => {
  it('writes a Customers and a Contacts sheet and reports what it wrote', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Customers', 'Contacts']);
    expect(result.files).toEqual([join(s.dir, 'export.xlsx')]);
    // The disabled customer and its contact are left out without --include-disabled.
    expect(result.rows).toEqual({ customers: 2, contacts: 3 });
    expect(result.skippedContacts).toBe(1);
    expect(result.warnings[0]).toMatch(
      /1 contact\(s\) left out: their customer is not in the export \(disabled customers are left out unless --include-disabled\)/,
    );
  });

  it("uses Syncro's import column names, then custom fields sorted", () => {
    const ws = wb.getWorksheet('Customers')!;
    expect(headers(ws)).toEqual([
      'id',
      'firstname',
      'lastname',
      'email',
      'address',
      'address_2',
      'city',
      'state',
      'zip',
      'phone',
      'mobile',
      'business_name',
      'referred_by',
      'notes',
      'tax_rate_id',
      'get_sms',
      'no_email',
      'opt_out',
      'disabled',
      'created_at',
      'updated_at',
      'notification_email',
      'invoice_cc_emails',
      'custom: Contract',
      'custom: Customer Type',
      'custom: Tier',
    ]);
    expect(headers(wb.getWorksheet('Contacts')!)).toEqual([
      'customer_id',
      'customer_business_name',
      'contact_id',
      'name',
      'title',
      'email',
      'phone',
      'extension',
      'mobile',
      'address1',
      'address2',
      'city',
      'state',
      'zip',
      'notes',
      'opt_out',
      'created_at',
      'updated_at',
      'custom: Shift',
    ]);
  });

  it('has a bold frozen header, an autofilter over the rows and column widths', () => {
    for (const ws of wb.worksheets) {
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const last = ws.getRow(1).cellCount;
      expect(ws.autoFilter).toBe(`A1:${ws.getColumn(last).letter}${ws.rowCount}`);
      expect(ws.getColumn(headers(ws).indexOf('email') + 1).width).toBeGreaterThan(20);
    }
  });

  it('types the cells: ids numbers, dates Dates, booleans booleans, zips and phones text', () => {
    const ws = wb.getWorksheet('Customers')!;
    expect(cell(ws, 2, 'id').value).toBe(1);
    expect(cell(ws, 2, 'id').numFmt).toBe('0');
    const created = cell(ws, 2, 'created_at');
    expect(created.value).toBeInstanceOf(Date);
    expect((created.value as Date).toISOString()).toBe(new Date('2024-03-05T15:14:24.066+02:00').toISOString());
    expect(created.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(cell(ws, 2, 'get_sms').value).toBe(true);
    expect(cell(ws, 2, 'no_email').value).toBe(false);
    const zip = cell(ws, 2, 'zip');
    expect(zip.value).toBe('02134');
    expect(zip.type).toBe(ExcelJS.ValueType.String);
    expect(zip.numFmt).toBe('@');
    expect(cell(ws, 2, 'mobile').value).toBe('(503) 555-0187');
    expect(cell(ws, 2, 'mobile').numFmt).toBe('@');
    // Text columns keep '@' for cells typed later in Excel, too.
    expect(ws.getColumn(headers(ws).indexOf('zip') + 1).numFmt).toBe('@');
    expect(cell(ws, 2, 'notes').value).toBe('Line one, with comma\nLine "two"');
    expect(cell(ws, 2, 'tax_rate_id').value).toBeNull();
    expect(cell(ws, 2, 'custom: Contract').value).toBe('Managed Gold');
    expect(cell(ws, 3, 'custom: Tier').value).toBe('2');
    expect(cell(ws, 2, 'custom: Tier').value).toBeNull();
  });

  it('neutralises formula-like text and writes no formula anywhere', () => {
    const ws = wb.getWorksheet('Customers')!;
    expect(cell(ws, 2, 'phone').value).toBe("'+1 555 0100");
    expect(cell(ws, 3, 'notes').value).toBe("'@SUM(A1)");
    expect(cell(ws, 3, 'referred_by').value).toBe("'-2");
    expect(cell(ws, 3, 'city').value).toBe("'\tx");
    expect(cell(wb.getWorksheet('Contacts')!, 2, 'phone').value).toBe("'=1+1");
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    }
  });

  it("puts each contact's business name beside customer_id and the title from properties", () => {
    const ws = wb.getWorksheet('Contacts')!;
    const rows = [2, 3, 4].map((r) => [
      cell(ws, r, 'customer_id').value,
      cell(ws, r, 'customer_business_name').value,
      cell(ws, r, 'contact_id').value,
      cell(ws, r, 'name').value,
    ]);
    expect(rows).toEqual([
      [1, 'Harbor View Dental', 1, 'Ann Lee'],
      [1, 'Harbor View Dental', 2, 'Bob Ray'],
      [2, 'Okafor & Partners, Law', 3, 'Cara Diaz'],
    ]);
    expect(cell(ws, 2, 'title').value).toBe('Office Manager');
    expect(cell(ws, 2, 'zip').value).toBe('02134');
    expect(cell(ws, 3, 'custom: Shift').value).toBe('Night');
  });

  it('exports one entity to a one-sheet workbook; --include-disabled brings disabled customers and their contacts', async () => {
    const customers = await exportCustomers(s.client, { out: join(s.dir, 'c.xlsx'), includeDisabled: true });
    const contacts = await exportContacts(s.client, { out: join(s.dir, 'k.xlsx'), includeDisabled: true });
    expect(customers.rows).toEqual({ customers: 3, contacts: 0 });
    expect(contacts.rows).toEqual({ customers: 0, contacts: 4 });
    const c = new ExcelJS.Workbook();
    await c.xlsx.readFile(join(s.dir, 'c.xlsx'));
    expect(c.worksheets.map((w) => w.name)).toEqual(['Customers']);
    expect(cell(c.worksheets[0]!, 4, 'disabled').value).toBe(true);
    const k = new ExcelJS.Workbook();
    await k.xlsx.readFile(join(s.dir, 'k.xlsx'));
    expect(k.worksheets.map((w) => w.name)).toEqual(['Contacts']);
    expect(cell(k.worksheets[0]!, 5, 'customer_business_name').value).toBe('Closed Shop Ltd');
  });
});
