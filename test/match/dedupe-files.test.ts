/**
 * `dedupe` on files as a user hands them over (issue 12): read through the
 * same path as the command (loadRecords → dedupeRecords), then the rows
 * clusters.csv would hold. Each case failed on the code before the issue.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRecords } from '../../src/ingest/load.js';
import { dedupeRecords } from '../../src/match/dedupe.js';
import type { DedupeRow } from '../../src/match/dedupe.js';

const dir = mkdtempSync(join(tmpdir(), 'dedupe-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function dedupeCsv(csv: string, entity: 'customers' | 'contacts' = 'customers') {
  const file = join(dir, `f${++n}.csv`);
  writeFileSync(file, csv, 'utf8');
  const loaded = await loadRecords([file], { keepRowValues: true });
  return { ...dedupeRecords(loaded.customers, { entity }), loaded };
}

/** Data rows put together as decided members (review rows are maybes), as sorted lists of row numbers. */
function decided(rows: readonly DedupeRow[]): number[][] {
  const by = new Map<string, number[]>();
  for (const r of rows) if (r.role !== 'review') by.set(r.cluster_id, [...(by.get(r.cluster_id) ?? []), r.source_row]);
  return [...by.values()].map((x) => x.sort((a, b) => a - b));
}

const together = (rows: readonly DedupeRow[], a: number, b: number): boolean => decided(rows).some((c) => c.includes(a) && c.includes(b));

// Unrelated filler so a model has non-matches to learn from.
const fillerNames = Array.from(
  { length: 60 },
  (_, i) =>
    `${['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Litware'][i % 6]} ${['Traders', 'Toys', 'Outfitters', 'Systems', 'Health', 'Foods', 'Bank', 'Labs', 'Media', 'Farms'][Math.floor(i / 6)]}`,
);

describe('dedupe lists every row that belongs with another', () => {
  it('lists rows the reader grouped (same company in upper and title case) as one cluster', async () => {
    const { rows, counts } = await dedupeCsv('Business Name,Email,Phone\r\nACME WIDGETS,,\r\nAcme Widgets,,\r\nGlobex Corp,,\r\n');
    expect(decided(rows)).toEqual([[2, 3]]);
    const grouped = rows.find((r) => r.source_row === 3);
    expect(grouped?.role).toBe('grouped');
    expect(grouped?.explanation).toMatch(/read as one customer/);
    expect(counts).toMatchObject({ rowsCompared: 3, rowsInClusters: 2, rowsAlone: 1, clusters: 1 });
  });

  it('clusters legal-form variants in a business-name-only file (AKZO NOBEL N.V. / NV, … B V / BV)', async () => {
    const names = ['AKZO NOBEL N.V.', 'HUNTER DOUGLAS INDUSTRIES B V', ...fillerNames, 'AKZO NOBEL NV', 'HUNTER DOUGLAS INDUSTRIES BV'];
    const { rows } = await dedupeCsv(`Business Name\r\n${names.map((x) => `"${x}"`).join('\r\n')}\r\n`);
    const row = (name: string): number => names.indexOf(name) + 2;
    expect(together(rows, row('AKZO NOBEL N.V.'), row('AKZO NOBEL NV'))).toBe(true);
    expect(together(rows, row('HUNTER DOUGLAS INDUSTRIES B V'), row('HUNTER DOUGLAS INDUSTRIES BV'))).toBe(true);
    expect(together(rows, row('AKZO NOBEL N.V.'), row('HUNTER DOUGLAS INDUSTRIES BV'))).toBe(false);
  });

  it('keeps names that state two different legal forms apart (Lynch LLC / Lynch Ltd)', async () => {
    const names = ['Lynch LLC', ...fillerNames, 'Lynch Ltd'];
    const { rows } = await dedupeCsv(`Business Name\r\n${names.join('\r\n')}\r\n`);
    const row = (name: string): number => names.indexOf(name) + 2;
    expect(together(rows, row('Lynch LLC'), row('Lynch Ltd'))).toBe(false);
  });

  it('never lists a member that scores below match with its cluster’s best record', async () => {
    const lines = ['Business Name,Email,Phone,Address,City'];
    for (const [i, name] of fillerNames.entries())
      lines.push(`${name},info@${name.replace(/\W/g, '').toLowerCase()}.com,303 555 ${1000 + i},${i + 1} Main St,Town${i % 5}`);
    lines.push(
      'Ironwood Printing,office@ironwoodprinting.com,621 380 4953,315 Pine Ave,Dayton',
      'Ironwood Printing Co,office@ironwoodprinting.com,621 380 4953,315 Pine Avenue,Dayton',
    );
    const { rows } = await dedupeCsv(`${lines.join('\r\n')}\r\n`);
    for (const r of rows) if (r.role === 'match') expect(r.score).toBeGreaterThanOrEqual(0);
    expect(together(rows, fillerNames.length + 2, fillerNames.length + 3)).toBe(true);
  });
});

describe("customers carry their contacts' mail as evidence", () => {
  const header = 'Company,Address,City,State,Zip,Company Phone,Email\r\n';
  const filler = fillerNames.map(
    (c, i) =>
      `${c},${i + 1} Main St,Town${i % 5},CO,80${String(i).padStart(3, '0')},303-555-${1000 + i},info@${c.replace(/\W/g, '').toLowerCase()}.com`,
  );

  it('two company domains, nothing else in common but the town and zip: two customers, however alike the names', async () => {
    const csv = `${header}${[...filler, 'Magnolia Plumbing Company LLC,12 Oak St,Austin,TX,78701,512-555-0101,admin@magnoliaplumbingcompany.biz', 'Magnolia Plumbing Corporation Ltd,14 Oak St,Austin,TX,78701,512-555-0199,contact@magnoliaplumbingcorporation.net'].join('\r\n')}\r\n`;
    const { rows } = await dedupeCsv(csv);
    const [a, b] = [fillerNames.length + 2, fillerNames.length + 3];
    expect(together(rows, a, b)).toBe(false);
    const review = rows.find((r) => r.role === 'review' && (r.source_row === a || r.source_row === b));
    expect(review?.explanation).toMatch(
      /^two customers: different email domains magnoliaplumbingcompany\.biz \/ magnoliaplumbingcorporation\.net; fields: /,
    );
  });

  it('two company domains but the same phone: a review for a person, never a match', async () => {
    const csv = `${header}${[...filler, 'Magnolia Plumbing Company LLC,12 Oak St,Austin,TX,78701,512-555-0101,admin@magnoliaplumbingcompany.biz', 'Magnolia Plumbing Co LLC,12 Oak Street,Austin,TX,78701,512-555-0101,contact@magnoliaplumbing.net'].join('\r\n')}\r\n`;
    const { rows } = await dedupeCsv(csv);
    const [a, b] = [fillerNames.length + 2, fillerNames.length + 3];
    expect(together(rows, a, b)).toBe(false);
    const review = rows.find((r) => r.role === 'review' && (r.source_row === a || r.source_row === b));
    expect(review?.explanation).toMatch(/for a person: different email domains .*, but same phone/);
  });

  it('one company domain, a typo in the name: still one customer', async () => {
    const csv = `${header}${[...filler, 'Magnolia Plumbing Company LLC,12 Oak St,Austin,TX,78701,512-555-0101,admin@magnoliaplumbingcompany.biz', 'Magnolia Plumbng Company LLC,12 Oak Street,Austin,TX,78701,512-555-0101,bo@magnoliaplumbingcompany.biz'].join('\r\n')}\r\n`;
    const { rows } = await dedupeCsv(csv);
    const [a, b] = [fillerNames.length + 2, fillerNames.length + 3];
    expect(together(rows, a, b)).toBe(true);
  });

  it('a grouped row of a Syncro export is listed with its own business name (AKZO NOBEL NV beside N.V.)', async () => {
    const csv = `business_name,firstname,lastname,email,phone\r\n${['AKZO NOBEL N.V.,,,info@akzonobel.com,', ...fillerNames.map((x) => `${x},,,,`), 'AKZO NOBEL NV,,,,+31 20 502 7555'].join('\r\n')}\r\n`;
    const { rows } = await dedupeCsv(csv);
    const last = fillerNames.length + 3;
    const row = rows.find((r) => r.source_row === last);
    expect([row?.name, row?.email, row?.phone, row?.role]).toEqual(['AKZO NOBEL NV', '', '+31 20 502 7555', 'grouped']);
    expect(rows.find((r) => r.source_row === 2)).toMatchObject({ name: 'AKZO NOBEL N.V.', email: 'info@akzonobel.com', phone: '' });
  });
});

describe('contacts carry their customer as evidence', () => {
  const header = 'Company,Customer ID,Contact Name,Email\r\n';
  const filler = fillerNames
    .map((c, i) => `${c},K${i},${['Ann', 'Bo', 'Cy', 'Di', 'Ed'][i % 5]} Person${i},p${i}@${c.replace(/\W/g, '').toLowerCase()}.com`)
    .join('\r\n');

  it('keeps namesakes at two customers with their own company domains apart (Joseph Brown)', async () => {
    const csv = `${header}${filler}\r\nEvergreen Bakery Services,1753,Joseph Brown,joseph.brown@evergreenbakeryservices.com\r\nOakwood Bakery Partners,760,Joseph Brown,joseph.brown@oakwoodbakerypartners.biz\r\n`;
    const { rows } = await dedupeCsv(csv, 'contacts');
    const last = fillerNames.length + 2;
    expect(together(rows, last, last + 1)).toBe(false);
  });

  it('lists the same mailbox under two customers as a finding for review, not a merge', async () => {
    const csv = `${header}${filler}\r\nEvergreen Bakery Services,1753,Pat Books,patbooks@gmail.com\r\nOakwood Bakery Partners,760,Pat Books,patbooks@gmail.com\r\n`;
    const { rows } = await dedupeCsv(csv, 'contacts');
    const last = fillerNames.length + 2;
    expect(together(rows, last, last + 1)).toBe(false);
    const finding = rows.find((r) => r.role === 'review' && (r.source_row === last || r.source_row === last + 1));
    expect(finding?.explanation).toMatch(/^under another customer: .*email exact/);
  });

  // A companies-contacts export (one row per contact, no customer id): the rows of one company are one customer.
  const mspHeader = 'Company,Company Phone,Address,City,State,Contact Name,Email\r\n';
  const mspFiller = fillerNames
    .map((c, i) => {
      const domain = `${c.replace(/\W/g, '').toLowerCase()}.com`;
      const place = `303 555 ${1000 + i},${i + 1} Main St,Town${i},CO`;
      return `${c},${place},${['Ann', 'Bo', 'Cy', 'Di', 'Ed'][i % 5]} Person${i},p${i}@${domain}\r\n${c},${place},Zed Other${i},zed${i}@${domain}`;
    })
    .join('\r\n');

  it('one person listed twice under one customer is one contact: "Carter, Charles" at two free-mail boxes, "Adams, Jennifer" at two mailboxes of the domain', async () => {
    const csv =
      `${mspHeader}${mspFiller}\r\n` +
      'Falcon Realty International,720 555 0101,1 Elm St,Denver,CO,Charles Carter,ccarter3@gmail.com\r\n' +
      'Falcon Realty International,720 555 0101,1 Elm St,Denver,CO,"Carter, Charles",ccarter9@outlook.com\r\n' +
      'Lakeside Bakery Corp,937 555 0102,2 Oak Ave,Dayton,OH,Jennifer Adams,JENNIFER@LAKESIDEBAKERY.COM\r\n' +
      'Lakeside Bakery Corp,937 555 0102,2 Oak Ave,Dayton,OH,"Adams, Jennifer",jennifer.adams@lakesidebakery.com\r\n';
    const { rows } = await dedupeCsv(csv, 'contacts');
    const first = 2 * fillerNames.length + 2;
    expect(together(rows, first, first + 1)).toBe(true);
    expect(together(rows, first + 2, first + 3)).toBe(true);
    // A member below the match threshold is listed only with the customer's evidence that placed it.
    for (const r of rows.filter((x) => x.role === 'match' && (x.score ?? 0) < 0))
      expect(r.explanation).toMatch(/^same full name under one customer, .*; fields: /);
  });

  it('the same name at two branches of one company (other town, other phone) is two contacts', async () => {
    const csv =
      `${mspHeader}${mspFiller}\r\n` +
      'Canyon Realty Services,508 555 0103,9 Pine Rd,Worcester,MA,BETTY BROWN,bbrown@canyonrealtyservices.com\r\n' +
      'Canyon Realty Services,520 555 0104,7 Mill Ln,Tucson,AZ,Betty Brown,betty@canyonrealtyservices.com\r\n';
    const { rows, loaded } = await dedupeCsv(csv, 'contacts');
    const first = 2 * fillerNames.length + 2;
    expect(loaded.customers.filter((c) => c.customer.business_name === 'Canyon Realty Services')).toHaveLength(2);
    expect(together(rows, first, first + 1)).toBe(false);
  });

  it('William Hill at whill@ and William Hall at william.hall@ of one customer are two contacts', async () => {
    const csv =
      `${mspHeader}${mspFiller}\r\n` +
      'The Silverline Veterinary Group,303 555 0105,4 Lake Dr,Boulder,CO,William Hill,whill@silverlineveterinarygroup.us\r\n' +
      'The Silverline Veterinary Group,303 555 0105,4 Lake Dr,Boulder,CO,William Hall,william.hall@silverlineveterinarygroup.us\r\n';
    const { rows } = await dedupeCsv(csv, 'contacts');
    const first = 2 * fillerNames.length + 2;
    expect(together(rows, first, first + 1)).toBe(false);
  });
});
