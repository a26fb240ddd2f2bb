/** Each sample export maps to the customers and contacts a person would expect. */
import { describe, expect, it } from 'vitest';
import { loadRecords } from '../../src/ingest/load.js';
import type { LoadResult } from '../../src/ingest/load.js';
import type { CustomerRecord } from '../../src/model/records.js';

const byName = (r: LoadResult, name: string): CustomerRecord => {
  const found = r.customers.find((c) => c.customer.business_name === name || `${c.customer.firstname} ${c.customer.lastname}` === name);
  if (!found)
    throw new Error(`no customer ${name} in ${r.customers.map((c) => c.customer.business_name ?? c.customer.lastname).join(', ')}`);
  return found;
};
const contactsOf = (c: CustomerRecord) => c.contacts.map((x) => x.contact.name ?? x.contact.email);
const errors = (r: LoadResult) => r.issues.filter((i) => i.severity === 'error').map((i) => [i.source.row, i.field, i.code]);

describe('sample exports', () => {
  it('syncro: 12 clean customers (the end-to-end import fixture)', async () => {
    const r = await loadRecords(['fixtures/syncro/customers.csv']);
    expect(r.template).toEqual({ name: 'syncro', confidence: 1, detected: true });
    expect(r.counts).toEqual({ rowsRead: 12, valid: 12, rejected: 0, warnings: 0 });
    expect(r.customers).toHaveLength(12);
    expect(new Set(r.customers.map((c) => c.customer.email)).size).toBe(12);
    expect(byName(r, 'Harbor View Dental').customer).toMatchObject({
      firstname: 'Margaret',
      get_sms: true,
      disabled: false,
      properties: { 'Customer Type': 'Business', Contract: 'Managed Gold' },
    });
    expect(byName(r, 'Greg Walsh').customer.business_name).toBeUndefined();
    expect(byName(r, 'Sunrise Veterinary Clinic').customer.zip).toBe('01608');
    expect(byName(r, 'Town of Brookfield IT').customer.notes).toBe('Tax free: True');
    expect(r.customers.every((c) => c.customer.id === undefined && c.contacts.length === 0)).toBe(true);
    expect(r.files[0]?.ignored).toEqual(['created_at', 'updated_at']);
  });

  it('syncro-contacts: contacts under the Syncro customers they name by id', async () => {
    const r = await loadRecords(['fixtures/syncro/contacts.csv']);
    expect(r.counts).toMatchObject({ rowsRead: 6, valid: 6, rejected: 0 });
    expect(r.customers.map((c) => [c.customer, c.contacts.length])).toEqual([
      [{ id: 21544 }, 2],
      [{ id: 21545 }, 2],
      [{ id: 21546 }, 2],
    ]);
    expect(r.customers[0]?.contacts[1]?.contact).toMatchObject({
      id: 88002,
      extension: '14',
      notes: expect.stringContaining('Ticket matching emails: frontdesk@harborviewdental.com'),
    });
    expect(r.customers[1]?.contacts[1]?.contact.properties).toEqual({ 'Portal Access': 'Yes' });
    expect(r.customers[2]?.contacts[1]?.contact.id).toBeUndefined();
  });

  it('connectwise-manage: companies grouped by Company ID, inactive, residential and types kept', async () => {
    const r = await loadRecords(['fixtures/connectwise-manage/companies-contacts.csv']);
    expect(r.counts).toEqual({ rowsRead: 21, valid: 20, rejected: 1, warnings: 1 });
    expect(errors(r)).toEqual([[16, 'Email', 'EMAIL_INVALID']]);
    expect(r.customers).toHaveLength(9);
    const bright = byName(r, 'BrightStar Dental Group');
    expect(contactsOf(bright)).toEqual(['Karen Liu', 'Dr. Samuel Ortiz', 'Tina Brooks']);
    expect(bright.sources.map((s) => s.row)).toEqual([2, 3, 4]);
    expect(bright.customer.properties).toEqual({ 'Customer Type': 'Business', 'ConnectWise Company ID': 'BRIGHTSTAR' });
    expect(bright.customer.notes).toContain('Website: brightstardental.com');
    expect(byName(r, 'Pine Ridge Veterinary').customer.disabled).toBe(true);
    const walsh = byName(r, 'Greg Walsh');
    expect(walsh.customer).toMatchObject({
      firstname: 'Greg',
      lastname: 'Walsh',
      email: 'greg.walsh@gmail.com',
      properties: { 'Customer Type': 'Residential' },
    });
    expect(walsh.customer.business_name).toBeUndefined();
    expect(byName(r, 'Elm Street Montessori').customer.properties?.['Customer Type']).toBe('Non-Profit');
    expect(byName(r, 'City of Lakewood - IT Dept').customer.properties?.['Customer Type']).toBe('Government');
    expect(byName(r, 'Redwood Analytics').contacts).toEqual([]);
    const cascade = byName(r, 'Cascade Legal LLP');
    expect(cascade.contacts[1]?.contact).toMatchObject({
      email: 'areyes@cascadelegal.com',
      notes: expect.stringContaining('angela.reyes@gmail.com'),
    });
    expect(byName(r, 'Northwind Logistics, Inc.').contacts.map((c) => c.contact.email)).toContain('ap@northwindlogistics.com'); // trimmed
    expect(byName(r, 'Summit CPA Partners').contacts[0]?.contact.phone).toBe('+1 801 555 0156'); // apostrophe stripped
  });

  it('autotask: tax regions through the tax-rate table, residential account, inactive account', async () => {
    const r = await loadRecords(['fixtures/autotask/contacts.csv'], { taxRatesFile: 'fixtures/autotask/tax-rates.csv' });
    expect(r.counts).toMatchObject({ rowsRead: 16, valid: 15, rejected: 1 });
    expect(errors(r)).toEqual([[16, 'Email Address', 'EMAIL_INVALID']]);
    expect(byName(r, 'Harborview Medical Associates').customer.tax_rate_id).toBe(1);
    expect(contactsOf(byName(r, 'Harborview Medical Associates'))).toHaveLength(4);
    expect(byName(r, 'Oakmont Family Law').customer.disabled).toBe(true);
    const chen = byName(r, 'Wei Chen');
    expect(chen.customer).toMatchObject({
      tax_rate_id: 4,
      properties: { 'Customer Type': 'Residential', 'Autotask Account ID': '29683731' },
      notes: expect.stringContaining('Name in source: Chen Residence'),
    });
    expect(contactsOf(byName(r, 'Blue Ridge Outfitters LLC'))).toEqual(['Tyler Ramsey', 'Casey Morgan', 'orders@blueridgeoutfitters.com']);
  });

  it('autotask without a tax-rate table keeps the rates in the notes and says so', async () => {
    const r = await loadRecords(['fixtures/autotask/contacts.csv']);
    expect(r.counts.rejected).toBe(1);
    expect(r.issues.filter((i) => i.code === 'TAX_RATE_NO_TABLE')).toHaveLength(16); // every row, rejected one included
    expect(byName(r, 'Harborview Medical Associates').customer).toMatchObject({
      notes: expect.stringContaining('Tax rate: Washington 10.25%'),
    });
    expect(byName(r, 'Harborview Medical Associates').customer.tax_rate_id).toBeUndefined();
  });

  it('halopsa: Halo address lines, a home user as a residential customer, an inactive client', async () => {
    const r = await loadRecords(['fixtures/halopsa/users.csv'], { defaultCountry: 'GB' });
    expect(r.counts).toMatchObject({ rowsRead: 15, valid: 15, rejected: 0 });
    const tv = byName(r, 'Thames Valley Accountants');
    expect(tv.customer).toMatchObject({ address: '14 Market Place', city: 'Reading', state: 'Berkshire', zip: 'RG1 2EQ' });
    expect(contactsOf(tv)).toEqual(['James Whitmore', 'Priya Desai', 'Tom Hughes']);
    expect(byName(r, 'Olivia Harper').customer).toMatchObject({
      email: 'olivia.harper@btinternet.com',
      properties: { 'Customer Type': 'Residential' },
    });
    expect(byName(r, 'Coastline Estate Agents').customer.disabled).toBe(true);
    expect(byName(r, "St Mary's Primary School").customer.properties?.['Customer Type']).toBe('Non-Profit');
    expect(contactsOf(byName(r, 'Northgate Dental Practice'))).toHaveLength(5);
  });

  it('atera: grouped by CustomerID, a dropped leading zero reported as a conflict, not lost', async () => {
    const r = await loadRecords(['fixtures/atera/contacts.csv']);
    expect(r.counts).toMatchObject({ rowsRead: 15, valid: 14, rejected: 1 });
    expect(errors(r)).toEqual([[12, 'Email', 'EMAIL_INVALID']]);
    const stone = byName(r, 'Stone & Sons Plumbing');
    expect(contactsOf(stone)).toEqual(['Bill Stone', 'Jimmy Stone', 'Maureen Stone']);
    expect(stone.customer.zip).toBe('02169');
    expect(stone.customer.notes).toContain('Other zip (fixtures/atera/contacts.csv row 15): 2169');
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'CUSTOMER_CONFLICT', field: 'zip', value: '2169' }));
    expect(r.files[0]?.ignored).toEqual(['CreatedOn', 'LastModified']);
  });

  it('generic: title row skipped, people without a company become customers, unmapped column kept', async () => {
    const r = await loadRecords(['fixtures/generic/client-list.csv']);
    expect(r.template.name).toBe('generic');
    expect(r.files[0]?.headerRow).toBe(3);
    expect(r.counts).toMatchObject({ rowsRead: 15, valid: 13, rejected: 2 });
    expect(errors(r)).toEqual([
      [15, 'E-mail', 'EMAIL_INVALID'],
      [16, 'Organization', 'REQUIRED'],
    ]);
    expect(r.unmapped).toEqual([{ column: 'Favorite Snack', destination: 'notes' }]);
    expect(byName(r, 'Ellen Ripley').customer).toMatchObject({
      email: 'ellen.ripley@gmail.com',
      phone: '(555) 777-0101',
      properties: { 'Customer Type': 'Residential' },
    });
    expect(byName(r, 'Marty McFly').contacts).toEqual([]);
    expect(byName(r, 'Old Mill Bakery').customer.disabled).toBe(true);
    expect(byName(r, 'Burns Industrial').customer.phone).toBe('(555) 999-0001'); // a company row: the phone is the company's
    expect(byName(r, 'Acme Dental Studio').contacts[0]?.contact.notes).toBe('Favorite Snack: Pretzels');
    expect(byName(r, 'Kwik-E-Mart #12').contacts[0]?.contact).toMatchObject({ phone: '+1 555 867 5309', notes: '=not a formula' });
  });
});
