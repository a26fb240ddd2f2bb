import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll, exportCustomers } from '../../src/export/index.js';
import { seeded } from './helpers.js';
import type { Seeded } from './helpers.js';

const T1 = '2024-03-05T15:14:24.066+00:00';
const T2 = '2024-03-06T08:00:00.000+00:00';

let s: Seeded;
beforeAll(async () => {
  s = await seeded({
    customers: [
      {
        business_name: 'Okafor & Partners, Law',
        firstname: 'Daniel',
        lastname: 'Okafor',
        email: 'd@okafor.example',
        zip: '02134',
        phone: '+1 555 0100',
        notes: 'Said "hi"\r\nthen left',
        get_sms: true,
        properties: { Contract: 'Gold, monthly' },
        created_at: T1,
        updated_at: T2,
        contacts: [{ name: 'Ann', title: 'CEO', email: 'ann@okafor.example', phone: '=1+1', created_at: T1, updated_at: T2 }],
      },
      { firstname: 'Zoë', lastname: 'Ünal', created_at: T1, updated_at: T1 },
    ],
  });
});
afterAll(async () => s.close());

describe('CSV export', () => {
  it('writes UTF-8 with a BOM, CRLF line ends and RFC 4180 quoting, byte for byte', async () => {
    const out = join(s.dir, 'customers.csv');
    await exportCustomers(s.client, { out });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(
      '\uFEFF' +
        'id,firstname,lastname,email,address,address_2,city,state,zip,phone,mobile,business_name,referred_by,notes,tax_rate_id,get_sms,no_email,opt_out,disabled,created_at,updated_at,notification_email,invoice_cc_emails,custom: Contract\r\n' +
        `1,Daniel,Okafor,d@okafor.example,,,,,02134,'+1 555 0100,,"Okafor & Partners, Law",,"Said ""hi""\r\nthen left",,True,False,False,False,${T1},${T2},,,"Gold, monthly"\r\n` +
        `2,Zoë,Ünal,,,,,,,,,,,,,False,False,False,False,${T1},${T1},,,\r\n`,
    );
  });

  it('writes one file per entity for "all": FILE-customers.csv and FILE-contacts.csv', async () => {
    const r = await exportAll(s.client, { out: join(s.dir, 'export.csv') });
    expect(r.files).toEqual([join(s.dir, 'export-customers.csv'), join(s.dir, 'export-contacts.csv')]);
    expect(existsSync(join(s.dir, 'export.csv'))).toBe(false);
    expect(readFileSync(join(s.dir, 'export-contacts.csv'), 'utf8')).toBe(
      '\uFEFF' +
        'customer_id,customer_business_name,contact_id,name,title,email,phone,extension,mobile,address1,address2,city,state,zip,notes,opt_out,created_at,updated_at\r\n' +
        `1,"Okafor & Partners, Law",1,Ann,CEO,ann@okafor.example,'=1+1,,,,,,,,,False,${T1},${T2}\r\n`,
    );
  });

  it('parses back (papaparse) to the same values once the protective quote is stripped', async () => {
    const text = readFileSync(join(s.dir, 'export-customers.csv'), 'utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toMatchObject({
      notes: 'Said "hi"\r\nthen left',
      business_name: 'Okafor & Partners, Law',
      'custom: Contract': 'Gold, monthly',
      zip: '02134',
      phone: "'+1 555 0100",
    });
  });
});
