/**
 * Issue 12 point 1: the same name is not the same customer. Files are read
 * and planned the way `syncro-etl import` does (loadRecords, then
 * assembleImportPlan with the matcher's linker).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opsOf, planFile } from '../helpers/plan-file.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlan, serializePlan } from '../../src/plan/io.js';
import { renderReportHtml } from '../../src/report/html.js';
import type { Plan } from '../../src/plan/schema.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import { existingCustomer, snap } from '../helpers/records.js';

const dir = mkdtempSync(join(tmpdir(), 'folding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEAD = 'Company,Company Phone,Address,City,State,Zip,Contact Name,Email';
let n = 0;

async function planOf(lines: string[], snapshot: Snapshot = snap([])): Promise<Plan> {
  const file = join(dir, `f${++n}.csv`);
  writeFileSync(file, [HEAD, ...lines].join('\n') + '\n');
  return planFile(file, { snapshot, template: 'generic' });
}
const ops = opsOf;

const DAYTON = 'Ironwood Printing Company Ltd,621-380-4953,315 Pine Ave,Dayton,OH,45402';
const SALEM = 'Ironwood Printing Company Ltd,406-381-4542,6543 Church Blvd,Salem,OR,97301';

describe('same-name rows in one file', () => {
  it('two branches (another phone, address, state) are two creates, neither with the other in its notes', async () => {
    const p = await planOf([`${DAYTON},Ann Lee,ann@ironwoodprinting.com`, `${SALEM},Bo Chan,bo@ironwoodprinting.com`]);
    const creates = ops(p, 'create-customer');
    expect(creates.map((c) => [c.payload.city, c.payload.phone])).toEqual([
      ['Dayton', '621-380-4953'],
      ['Salem', '406-381-4542'],
    ]);
    for (const c of creates) expect(String(c.payload.notes ?? '')).not.toMatch(/Other (phone|address)/);
    expect(ops(p, 'create-contact').map((c) => c.customer)).toEqual(creates.map((c) => ({ op: c.id })));
  });

  it('names that fold to one key but email domains that disagree are not one customer', async () => {
    const p = await planOf([
      'Magnolia Plumbing Company LLC,,12 Elm St,Austin,TX,78701,Dee Fox,admin@magnoliaplumbingcompany.biz',
      'Magnolia Plumbing Corporation Ltd,,88 Oak Rd,Austin,TX,78702,Cy Moss,contact@magnoliaplumbingcorporation.net',
    ]);
    expect(ops(p, 'create-customer').map((c) => c.payload.business_name)).toEqual([
      'Magnolia Plumbing Company LLC',
      'Magnolia Plumbing Corporation Ltd',
    ]);
  });

  it('rows of one company repeated on its contacts still fold, with every contact under it and the evidence kept', async () => {
    const p = await planOf([
      `${DAYTON},Ann Lee,ann@ironwoodprinting.com`,
      `${DAYTON},Bo Chan,bo@ironwoodprinting.com`,
      'Ironwood Printing Co.,(621) 380-4953,,Dayton,OH,,Cy Moss,cy@gmail.com',
      'IRONWOOD PRINTING COMPANY LTD,,,,,,Di Ray,',
    ]);
    const [create] = ops(p, 'create-customer');
    expect(ops(p, 'create-customer')).toHaveLength(1);
    expect(create!.sources.map((s) => s.row)).toEqual([2, 3, 4, 5]);
    expect(ops(p, 'create-contact')).toHaveLength(4);
    expect(ops(p, 'create-contact').every((c) => (c.customer as { op: string }).op === create!.id)).toBe(true);
    expect(create!.folded?.flatMap((f) => f.sources.map((s) => s.row)).sort()).toEqual([3, 4, 5]);
    expect(create!.folded?.find((f) => f.sources.some((s) => s.row === 4))?.evidence).toMatch(/same phone 6213804953/);
  });

  it('a franchise in two towns sharing the brand domain is two customers', async () => {
    const p = await planOf([
      'State Farm – J. Smith Agency,555-201-0001,1 Main St,Albany,NY,12207,Jo Smith,jsmith@statefarm.com',
      'State Farm – J. Smith Agency,555-870-0002,9 Lake Rd,Tampa,FL,33602,Jay Smith,jay.smith@statefarm.com',
    ]);
    expect(ops(p, 'create-customer')).toHaveLength(2);
  });

  it('mixed evidence (same phone, another state) is a conflict for a person, not a silent fold', async () => {
    const p = await planOf([
      `${DAYTON},Ann Lee,ann@ironwoodprinting.com`,
      'Ironwood Printing Company Ltd,621-380-4953,,,OR,,Bo Chan,bo@ironwoodprinting.com',
    ]);
    expect(ops(p, 'create-customer')).toHaveLength(0);
    const [conflict] = ops(p, 'conflict');
    expect(conflict!.reason).toMatch(/different state OH \/ OR.*same phone/);
  });
});

describe('same name as a customer already in Syncro', () => {
  const dayton = () =>
    existingCustomer(41, {
      business_name: 'Ironwood Printing Company Ltd',
      phone: '621-380-4953',
      address: '315 Pine Ave',
      city: 'Dayton',
      state: 'OH',
      zip: '45402',
    });

  it('another branch is created, never an update of the Dayton customer', async () => {
    const p = await planOf([`${SALEM},Bo Chan,bo@ironwoodprinting.com`], snap([dayton()]));
    expect(ops(p, 'update-customer')).toHaveLength(0);
    expect(ops(p, 'skip')).toHaveLength(0);
    const [create] = ops(p, 'create-customer');
    expect(create!.payload.city).toBe('Salem');
    expect(create!.evidence?.text).toMatch(/#41.*different state OH \/ OR/);
  });

  it('the same branch still updates it, with the evidence beside the name', async () => {
    const p = await planOf(
      ['Ironwood Printing Company Ltd,621-380-4953,315 Pine Avenue,Dayton,OH,45402-1234,Ann Lee,ann@ironwoodprinting.com'],
      snap([dayton()]),
    );
    const [op] = [...ops(p, 'update-customer'), ...ops(p, 'skip')];
    expect(op!.kind === 'update-customer' ? op!.targetId : op!.targetId).toBe(41);
    if (op!.kind === 'update-customer') expect(op!.evidence.text).toMatch(/same phone/);
  });
});

describe('plan format and report', () => {
  it('report.html shows why rows were folded and why a same-name customer was not updated', async () => {
    const folded = await planOf([
      `${DAYTON},Ann Lee,ann@ironwoodprinting.com`,
      'Ironwood Printing Co,621.380.4953,,Dayton,OH,,Bo Chan,bo@ironwoodprinting.com',
    ]);
    expect(renderReportHtml(folded, [])).toMatch(/Folded in f\d+\.csv row 3: same name; same phone 6213804953/);
    const apart = await planOf(
      [`${SALEM},Bo Chan,bo@ironwoodprinting.com`],
      snap([existingCustomer(41, { business_name: 'Ironwood Printing Company Ltd', phone: '621-380-4953', city: 'Dayton', state: 'OH' })]),
    );
    expect(renderReportHtml(apart, [])).toMatch(/not the existing customer of the same name: #41/);
  });

  it('a plan with folds round-trips, and one written before folds existed still reads', async () => {
    const p = await planOf([`${DAYTON},Ann Lee,ann@ironwoodprinting.com`, `${DAYTON},Bo Chan,bo@ironwoodprinting.com`]);
    expect(parsePlan(serializePlan(p))).toEqual(p);
    const old = JSON.parse(serializePlan(p)) as Plan;
    for (const op of old.operations) delete (op as { folded?: unknown }).folded;
    expect(() => parsePlan(JSON.stringify(old))).not.toThrow();
  });
});

describe('names written another way', () => {
  it('a typo folds when phone and address agree; names that differ by a number or are short do not', async () => {
    const p = await planOf([
      `${DAYTON},Ann Lee,ann@ironwoodprinting.com`,
      'Ironwodo Printing Company Ltd,621-380-4953,315 Pine Avenue,Dayton,OH,,Bo Chan,bo@ironwoodprinting.com',
    ]);
    expect(ops(p, 'create-customer')).toHaveLength(1);
    const q = await planOf(['Old 1,,,Denver,,,Al Bee,a@old.example', 'Old 10,,,Denver,,,Cy Dee,c@old.example']);
    expect(ops(q, 'create-customer')).toHaveLength(2);
  });
});

describe('folded records keep every value', () => {
  it('a household sharing one email folds, and the second person and phone are in the notes, not dropped', async () => {
    const p = await planOf([
      ',512-555-0101,10 Home Rd,Austin,TX,78702,John Smith,jsmith@gmail.com',
      ',512-555-0199,10 Home Rd,Austin,TX,78702,Jane Smith,jsmith@gmail.com',
    ]);
    const [c] = ops(p, 'create-customer');
    expect(c?.folded?.[0]?.evidence).toBe('same email jsmith@gmail.com');
    expect(c?.payload.firstname).toBe('John');
    const notes = String(c?.payload.notes ?? '');
    expect(notes).toMatch(/Other firstname \(\S*f\d+\.csv row 3\): Jane/);
    expect(notes).toMatch(/Other phone \(\S*f\d+\.csv row 3\): 512-555-0199/);
    // The same value written another way is no other value.
    expect(notes).not.toMatch(/Other (address|city|zip|lastname|email)/);
  });
});
