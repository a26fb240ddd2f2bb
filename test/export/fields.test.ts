import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEtlError } from '../../src/errors.js';
import {
  customFieldName,
  exportAll,
  exportContacts,
  exportCustomers,
  outputFiles,
  parseFieldList,
  resolveFormat,
} from '../../src/export/index.js';
import { planLayouts } from '../../src/export/layout.js';
import { seeded, SMALL_SEED } from './helpers.js';
import type { Seeded } from './helpers.js';

const header = (file: string): string =>
  readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')[0]!;

let s: Seeded;
beforeAll(async () => {
  s = await seeded(SMALL_SEED);
});
afterAll(async () => s.close());

async function rejected(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('--fields', () => {
  it('splits comma lists and repeated flags', () => {
    expect(parseFieldList('email, phone,,custom: A')).toEqual(['email', 'phone', 'custom: A']);
    expect(parseFieldList(['email', 'phone,zip'])).toEqual(['email', 'phone', 'zip']);
    expect(parseFieldList([' '])).toBeUndefined();
  });

  it('keeps the key columns first, then the fields in the order given', async () => {
    const out = join(s.dir, 'some.csv');
    await exportCustomers(s.client, { out, fields: ['email', 'business_name', 'custom: Tier'] });
    expect(header(out)).toBe('id,email,business_name,custom: Tier');
    const k = join(s.dir, 'some-k.csv');
    await exportContacts(s.client, { out: k, fields: ['email'] });
    expect(header(k)).toBe('customer_id,contact_id,email');
  });

  it('"custom" stands for every custom field (sorted), without repeating one named explicitly', async () => {
    const out = join(s.dir, 'custom.csv');
    await exportCustomers(s.client, { out, fields: ['custom: Tier', 'email', 'custom'] });
    expect(header(out)).toBe('id,custom: Tier,email,custom: Contract,custom: Customer Type');
  });

  it('applies a field to each entity that has it when exporting all', async () => {
    const out = join(s.dir, 'both.csv');
    await exportAll(s.client, { out, fields: ['business_name', 'name', 'email'] });
    expect(header(join(s.dir, 'both-customers.csv'))).toBe('id,business_name,email');
    expect(header(join(s.dir, 'both-contacts.csv'))).toBe('customer_id,contact_id,name,email');
  });

  it('refuses an unknown field before any API call, listing the valid ones', async () => {
    const before = s.sb.stats().total;
    const err = await rejected(exportCustomers(s.client, { out: join(s.dir, 'x.csv'), fields: ['email', 'emial'] }));
    expect(isEtlError(err, 'INVALID_ARGUMENT')).toBe(true);
    expect(err.message).toContain('unknown field "emial"');
    expect(err.message).toContain('customers: id, firstname, lastname, email');
    expect(err.message).toContain('"custom" (every custom field)');
    const other = await rejected(exportCustomers(s.client, { out: join(s.dir, 'x.csv'), fields: ['extension'] }));
    expect(other.message).toContain('"extension" is a contacts column');
    expect(s.sb.stats().total).toBe(before);
  });

  it('lays out custom columns that import can tell apart from standard ones', () => {
    expect(customFieldName('custom: Contract')).toBe('Contract');
    expect(customFieldName('Custom:Contract')).toBe('Contract');
    expect(customFieldName('custom:  Customer Type ')).toBe('Customer Type');
    expect(customFieldName('customer_id')).toBeUndefined();
    expect(customFieldName('custom:')).toBeUndefined();
    const layout = planLayouts(['contacts']).contacts!;
    expect(layout.properties).toBe('all');
    expect(layout.picks.at(-1)).toEqual({ type: 'custom-all' });
  });
});

describe('output files and formats', () => {
  it('takes the format from the extension and checks it against --format', () => {
    expect(resolveFormat('a.XLSX')).toBe('xlsx');
    expect(resolveFormat('a.csv')).toBe('csv');
    expect(resolveFormat('a', 'csv')).toBe('csv');
    expect(() => resolveFormat('a.txt')).toThrow(/name the file \.xlsx/);
    expect(() => resolveFormat('a.csv', 'xlsx')).toThrow(/is a \.csv file but the format asked is xlsx/);
  });

  it('names one CSV per entity for all', () => {
    expect(outputFiles('all', 'out/export.csv', 'csv')).toEqual({
      customers: 'out/export-customers.csv',
      contacts: 'out/export-contacts.csv',
    });
    expect(outputFiles('contacts', 'k.csv', 'csv')).toEqual({ contacts: 'k.csv' });
    expect(outputFiles('all', 'x.xlsx', 'xlsx')).toEqual({ customers: 'x.xlsx', contacts: 'x.xlsx' });
  });

  it('refuses to replace an existing file unless asked, and leaves no partial file behind', async () => {
    const out = join(s.dir, 'exists.xlsx');
    writeFileSync(out, 'keep me');
    const err = await rejected(exportAll(s.client, { out }));
    expect(err.message).toMatch(/already exists.*--force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    await exportAll(s.client, { out, overwrite: true });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const missing = await rejected(exportAll(s.client, { out: join(s.dir, 'nope', 'x.xlsx') }));
    expect(missing.message).toMatch(/does not exist/);
  });

  it('fails whole when Syncro fails midway: no output, no partial file, no spool left', async () => {
    const work = join(s.dir, 'fail');
    mkdirSync(work);
    mkdirSync(join(work, 'tmp'));
    s.sb.setFaults({ rate5xx: 1 });
    try {
      const err = await rejected(exportAll(s.client, { out: join(work, 'x.xlsx'), tmpDir: join(work, 'tmp') }));
      expect(isEtlError(err, 'API_SERVER')).toBe(true);
    } finally {
      s.sb.setFaults({});
    }
    expect(readdirSync(work)).toEqual(['tmp']);
    expect(readdirSync(join(work, 'tmp'))).toEqual([]);
  });
});
