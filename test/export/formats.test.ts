/** Differential: the XLSX and the CSV export of the same data read back (with our own readers) to the same values. */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONTACT_COLUMNS, CUSTOMER_COLUMNS, exportAll } from '../../src/export/index.js';
import { openTable } from '../../src/read/index.js';
import { parseBoolean } from '../../src/templates/values.js';
import { seeded, SMALL_SEED } from './helpers.js';
import type { Seeded } from './helpers.js';

let s: Seeded;
beforeAll(async () => {
  s = await seeded(SMALL_SEED);
  await exportAll(s.client, { out: join(s.dir, 'e.xlsx'), includeDisabled: true });
  await exportAll(s.client, { out: join(s.dir, 'e.csv'), includeDisabled: true });
});
afterAll(async () => s.close());

async function read(file: string, sheet?: string): Promise<{ headers: string[]; rows: Array<Record<string, string>> }> {
  const table = await openTable(file, sheet ? { sheet } : {});
  const rows: Array<Record<string, string>> = [];
  for await (const r of table.rows()) rows.push(r.values);
  return { headers: table.headers, rows };
}

const kindOf = new Map([...CUSTOMER_COLUMNS, ...CONTACT_COLUMNS].map((c) => [c.name, c.kind]));

/** A cell's meaning: booleans as booleans, timestamps as instants to the second, the rest as written. */
function meaning(header: string, text: string): unknown {
  if (text === '') return '';
  const kind = kindOf.get(header);
  if (kind === 'boolean') return parseBoolean(text);
  // XLSX dates read back as the sheet's UTC wall clock without a zone.
  if (kind === 'date') return Math.round(Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`) / 1000);
  return text;
}

it.each([
  ['Customers', 'e-customers.csv'],
  ['Contacts', 'e-contacts.csv'],
])('the %s sheet and %s hold the same headers and values', async (sheet, csv) => {
  const x = await read(join(s.dir, 'e.xlsx'), sheet);
  const c = await read(join(s.dir, csv));
  expect(x.headers).toEqual(c.headers);
  expect(x.rows.length).toBeGreaterThan(0);
  expect(x.rows.map((r) => Object.fromEntries(Object.entries(r).map(([h, v]) => [h, meaning(h, v)])))).toEqual(
    c.rows.map((r) => Object.fromEntries(Object.entries(r).map(([h, v]) => [h, meaning(h, v)]))),
  );
});
