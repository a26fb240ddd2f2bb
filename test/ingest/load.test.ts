/** loadRecords: counts that always add up, nothing dropped, rejects file, normalization, grouping. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { collectingSink } from '../../src/events.js';
import { loadRecords } from '../../src/ingest/load.js';
import { rejectsCsv, writeRejectsCsv } from '../../src/ingest/rejects.js';
import { streamMappedRows } from '../../src/ingest/stream.js';
import { tempDir } from '../read/helpers.js';

const dir = tempDir('syncro-etl-ingest-');
let n = 0;
function csvFile(rows: string[][]): string {
  const file = join(dir, `f${n++}.csv`);
  writeFileSync(file, Papa.unparse(rows, { newline: '\r\n' }));
  return file;
}

const HEADER = ['Company', 'First Name', 'Last Name', 'Email', 'Phone', 'Status', 'Customer Type', 'Shoe Size'];
const cell = fc.oneof(
  fc.constantFrom(
    '',
    '',
    'Acme',
    'Globex Inc.',
    'ann@acme.example',
    'not-an-email',
    'a@b.example; c@d.example',
    "'=1+1",
    'Yes',
    'Inactive',
    'Residential',
    'Smith, John',
    '(555) 201-0001',
    ' spaced ',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 8 }),
);

describe('counts and issues', () => {
  it('rows read = valid + rejected, for any rows (property); rejected rows are exactly those with an error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: HEADER.length, maxLength: HEADER.length }), { minLength: 1, maxLength: 25 }),
        async (rows) => {
          const file = csvFile([HEADER, ...rows]);
          const r = await loadRecords([file], { template: 'generic' });
          expect(r.counts.rowsRead).toBe(r.counts.valid + r.counts.rejected);
          const nonBlank = rows.filter((row) => row.some((v) => v.trim() !== '')).length;
          expect(r.counts.rowsRead).toBe(nonBlank);
          const rejectedRows = new Set(r.issues.filter((i) => i.severity === 'error').map((i) => i.source.row));
          expect(rejectedRows.size).toBe(r.counts.rejected);
          const grouped = r.customers.flatMap((c) => c.sources.map((s) => s.row));
          expect(new Set(grouped).size).toBe(r.counts.valid); // every valid row is in exactly one customer
          for (const row of grouped) expect(rejectedRows.has(row)).toBe(false);
          expect(r.counts.warnings).toBe(r.issues.filter((i) => i.severity === 'warning').length);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('countOnly (validate) gives the counts, issues and totals of the full grouping, and holds no records (property)', async () => {
    const company = fc.constantFrom('Acme', 'acme', 'Globex Inc.', 'Initech', '');
    const value = fc.constantFrom(
      '',
      'Ann',
      'Bob',
      'ann@acme.example',
      'bob@globex.example',
      'x@y.example',
      '(555) 201-0001',
      '555 201 0002',
      'Residential',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(company, value, value, value, value), { minLength: 1, maxLength: 30 }), async (rows) => {
        const file = csvFile([['Company', 'First Name', 'Email', 'Phone', 'Customer Type'], ...rows]);
        const full = await loadRecords([file], { template: 'generic' });
        const counted = await loadRecords([file], { template: 'generic', countOnly: true });
        expect(counted.customers).toEqual([]);
        expect(counted.counts).toEqual(full.counts);
        expect(counted.issues).toEqual(full.issues);
        const contacts = full.customers.reduce((n, c) => n + c.contacts.length, 0);
        expect(full.totals).toEqual({ customers: full.customers.length, contacts });
        expect(counted.totals).toEqual(full.totals);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('never drops a cell: every non-empty value of a valid row is somewhere in its customer or contact (property)', async () => {
    const value = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .]{0,10}$/);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(value, value, value, value), { minLength: 1, maxLength: 10 }), async (rows) => {
        const file = csvFile([['Company', 'Contact Name', 'Shoe Size', 'Hobby'], ...rows]);
        const r = await loadRecords([file], { template: 'generic' });
        for (const c of r.customers) {
          // Rows whose company differs only in case ("d" / "D") are one customer, spelt as its first row spells it.
          const text = JSON.stringify(c).toLowerCase();
          for (const s of c.sources) for (const v of rows[s.row - 2] ?? []) expect(text).toContain(v.trim().toLowerCase());
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('the streaming path yields the same verdicts as loadRecords, and reports progress', async () => {
    const file = 'fixtures/connectwise-manage/companies-contacts.csv';
    const sink = collectingSink();
    const verdicts: boolean[] = [];
    for await (const row of streamMappedRows(file, { onEvent: sink })) verdicts.push(row.valid);
    const r = await loadRecords([file]);
    expect(verdicts.length).toBe(r.counts.rowsRead);
    expect(verdicts.filter(Boolean).length).toBe(r.counts.valid);
    expect(sink.events).toContainEqual({ type: 'progress', stage: 'read', done: 21 });
  });
});

describe('messy values through a template', () => {
  it('formula-escaped cells round-trip without their protective apostrophe', async () => {
    const r = await loadRecords(['fixtures/messy/formula-escaped.csv'], { template: 'generic' });
    expect(r.counts).toMatchObject({ rowsRead: 3, valid: 3 });
    expect(r.customers.map((c) => c.customer.business_name)).toEqual(['=Acme', '@Home Office', 'Plain Co']);
    const ann = r.customers[0]?.contacts[0]?.contact;
    expect(ann).toMatchObject({ phone: '+1 555 201 0001', notes: '=SUM(A1:A2)' });
    expect(r.customers[0]?.customer.zip).toBe('02134');
    expect(r.customers[1]?.contacts[0]?.contact.notes).toBe("'Tis the season");
    expect(r.customers[2]?.contacts[0]?.contact.notes).toBe('-leading dash note');
  });

  it('several addresses in a cell: the first is the email, the rest go to notes with a warning', async () => {
    const r = await loadRecords(['fixtures/messy/several-emails.csv']);
    const contacts = r.customers[0]?.contacts.map((c) => c.contact);
    expect(contacts?.map((c) => c.email)).toEqual(['ann@acme.example', 'Bob.Ray@Acme.example', 'cy@acme.example']);
    expect(contacts?.[0]?.notes).toBe('Other email addresses (Email): ann.lee@gmail.example');
    expect(contacts?.[1]?.notes).toBe('Other email addresses (Email): billing@acme.example');
    expect(r.issues.filter((i) => i.code === 'EMAIL_EXTRA_MOVED').map((i) => i.source.row)).toEqual([2, 3]);
  });

  it('a ragged row keeps its extra value in the notes', async () => {
    const r = await loadRecords(['fixtures/messy/ragged.csv'], { template: 'generic' });
    const cy = r.customers[0]?.contacts.find((c) => c.contact.name === 'Cy Day');
    expect(cy?.contact.notes).toBe('Column E (no header): extra value');
    expect(r.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['ROW_SHORT', 'ROW_RAGGED', 'ROW_BLANK']));
  });

  it('a company merged down over its contacts in a workbook groups them under it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Contacts');
    ws.addRow(['Company', 'Contact Name', 'Email', 'Zip']);
    ws.addRow(['Acme', 'Ann Lee', 'ann@acme.example', 2134]);
    ws.addRow([null, 'Bob Ray', 'bob@acme.example', 2134]);
    ws.addRow(['Globex', 'Cy Day', { text: 'cy@globex.example', hyperlink: 'mailto:cy@globex.example' }, 10001]);
    ws.mergeCells('A2:A3');
    ws.getColumn(4).numFmt = '00000';
    const file = join(dir, 'merged.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await loadRecords([file]);
    expect(r.customers.map((c) => [c.customer.business_name, c.customer.zip, c.contacts.length])).toEqual([
      ['Acme', '02134', 2],
      ['Globex', '10001', 1],
    ]);
    expect(r.customers[0]?.sources).toEqual([
      { file, sheet: 'Contacts', row: 2 },
      { file, sheet: 'Contacts', row: 3 },
    ]);
  });

  it('a companies file and a contacts file join on the company id', async () => {
    const companies = csvFile([
      ['Company ID', 'Company', 'City'],
      ['A1', 'Acme', 'Springfield'],
      ['G7', 'Globex', 'Cypress Creek'],
    ]);
    const contacts = csvFile([
      ['Company ID', 'Company', 'Contact Name', 'Email'],
      ['A1', 'ACME', 'Ann Lee', 'ann@acme.example'],
      ['G7', 'Globex', 'Hank Scorpio', 'hank@globex.example'],
    ]);
    const r = await loadRecords([companies, contacts], { template: 'generic' });
    expect(
      r.customers.map((c) => [c.customer.business_name, c.customer.city, c.contacts.map((x) => x.contact.name), c.sources.length]),
    ).toEqual([
      ['Acme', 'Springfield', ['Ann Lee'], 2],
      ['Globex', 'Cypress Creek', ['Hank Scorpio'], 2],
    ]);
  });
});

describe('normalization', () => {
  const file = () =>
    csvFile([
      ['Company', 'Contact Name', 'Email', 'Phone', 'State', 'Zip'],
      ['Acme', "JOHN O'NEIL", 'John.ONeil@Acme.example', '617.201.0001 ext 12', 'Massachusetts', '2134'],
      ['Acme', 'ann lee', 'ann@acme.example', '12345', 'ma', '02134'],
    ]);

  it('changes nothing unless asked (emails trimmed only)', async () => {
    const r = await loadRecords([file()], { template: 'generic' });
    const john = r.customers[0]?.contacts[0]?.contact;
    expect(john).toMatchObject({ name: "JOHN O'NEIL", email: 'John.ONeil@Acme.example', phone: '617.201.0001 ext 12' });
    expect(r.customers[0]?.customer).toMatchObject({ state: 'Massachusetts', zip: '2134' });
    expect(r.issues.map((i) => i.code)).toEqual(['CUSTOMER_CONFLICT', 'CUSTOMER_CONFLICT']); // state and zip differ between the rows: kept in the notes
  });

  it('applies each --normalize option; an unparseable phone is kept as written with a warning', async () => {
    const r = await loadRecords([file()], { template: 'generic', normalize: ['all'], defaultCountry: 'US' });
    const [john, ann] = r.customers[0]?.contacts.map((c) => c.contact) ?? [];
    expect(john).toMatchObject({ name: "John O'Neil", email: 'john.oneil@acme.example', phone: '(617) 201-0001', extension: '12' });
    expect(ann).toMatchObject({ name: 'Ann Lee', phone: '12345' });
    expect(r.customers[0]?.customer).toMatchObject({ state: 'MA', zip: '02134' });
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        source: expect.objectContaining({ row: 3 }),
        code: 'PHONE_UNPARSEABLE',
        severity: 'warning',
        value: '12345',
      }),
    );
    expect(r.counts.rejected).toBe(0);
  });

  it('refuses an unknown option', async () => {
    await expect(loadRecords([file()], { normalize: ['phone-fromat'] })).rejects.toThrow(/phone-fromat is not an option/);
  });
});

describe('tax rates and customer types', () => {
  it('an unknown rate rejects the row, naming the table; a known one becomes tax_rate_id', async () => {
    const rates = join(dir, 'rates.json');
    writeFileSync(rates, JSON.stringify([{ id: 4, name: 'Texas', rate: 8.25 }]));
    const f = csvFile([
      ['Company', 'Tax Rate'],
      ['Acme', '8.25%'],
      ['Globex', '9%'],
    ]);
    const r = await loadRecords([f], { template: 'generic', taxRatesFile: rates });
    expect(r.customers.map((c) => c.customer.tax_rate_id)).toEqual([4]);
    expect(r.issues).toEqual([
      expect.objectContaining({ source: { file: f, row: 3 }, field: 'Tax Rate', value: '9%', code: 'TAX_RATE_UNKNOWN', severity: 'error' }),
    ]);
  });

  it('the customer type goes to the custom field the user names', async () => {
    const f = csvFile([
      ['Company', 'Type'],
      ['Acme', 'Gov'],
    ]);
    const r = await loadRecords([f], { template: 'generic', customerTypeProperty: 'Segment' });
    expect(r.customers[0]?.customer.properties).toEqual({ Segment: 'Government' });
  });
});

describe('rejects file', () => {
  it('lists errors only, with file, sheet, row, field, value, code and reason, safe to open in Excel', async () => {
    const r = await loadRecords(['fixtures/autotask/contacts.csv'], { taxRatesFile: 'fixtures/autotask/tax-rates.csv' });
    const path = join(dir, 'out', 'rejects.csv');
    await writeRejectsCsv(path, r.issues);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1).trim()).data;
    expect(parsed[0]).toEqual(['file', 'sheet', 'row', 'field', 'value', 'code', 'reason']);
    expect(parsed.slice(1)).toEqual([
      [
        'fixtures/autotask/contacts.csv',
        '',
        '16',
        'Email Address',
        `'=HYPERLINK("http://evil")`,
        'EMAIL_INVALID',
        'contact email is not an email address',
      ],
    ]);
    expect(rejectsCsv([])).toBe('\ufefffile,sheet,row,field,value,code,reason\r\n');
  });
});
