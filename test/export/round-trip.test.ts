/**
 * Export → edit in a spreadsheet → import with the `syncro` templates: the
 * plan holds exactly the edits, as updates keyed by id; untouched and deleted
 * rows plan nothing.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll } from '../../src/export/index.js';
import { loadRecords } from '../../src/ingest/load.js';
import { assembleImportPlan } from '../../src/plan/assemble.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/options.js';
import { isWrite } from '../../src/plan/schema.js';
import type { Plan } from '../../src/plan/schema.js';
import { takeSnapshot } from '../../src/syncro/snapshot.js';
import { INJECTIONS, seeded } from './helpers.js';
import type { Seeded } from './helpers.js';

let s: Seeded;
let xlsx: string;

beforeAll(async () => {
  s = await seeded({
    customers: [
      {
        business_name: 'Harbor View Dental',
        firstname: 'Margaret',
        lastname: 'Chen',
        email: 'mchen@harborview.example',
        phone: '+1 503 555 0142',
        mobile: '(503) 555-0187',
        zip: '02134',
        state: 'MA',
        city: 'Boston',
        notes: 'Two locations;\nmain office here.',
        get_sms: true,
        referred_by: 'Google',
        tax_rate_id: 3,
        contacts: [
          { name: 'Ann Lee', title: 'Office Manager', email: 'ann@harborview.example', phone: '+1 503 555 0100', zip: '02134' },
          { name: 'Bob Ray', email: 'bob@harborview.example' },
        ],
      },
      {
        business_name: 'Okafor & Partners, Law',
        email: 'd@okafor.example',
        phone: '=1+1',
        notes: INJECTIONS.join(' | '),
        city: '@home',
        contacts: [{ name: 'Cara Diaz', email: 'cara@okafor.example', notes: '-2' }],
      },
      { firstname: 'Zoë', lastname: 'Ünal', email: 'zoe@example.com', opt_out: true, no_email: true },
      { business_name: 'Closed Shop Ltd', email: 'old@closed.example', disabled: true },
    ],
  });
  xlsx = join(s.dir, 'export.xlsx');
  await exportAll(s.client, { out: xlsx, includeDisabled: true });
});
afterAll(async () => s.close());

async function planFor(file: string, template: string, sheet?: string): Promise<Plan> {
  const load = await loadRecords([file], { template, ...(sheet ? { sheet } : {}) });
  const snapshot = await takeSnapshot(s.client);
  return assembleImportPlan({
    records: load.customers,
    issues: load.issues,
    snapshot,
    inputs: [],
    target: { baseUrl: s.sb.url, sandbox: true },
    options: DEFAULT_PLAN_OPTIONS,
  });
}
const writes = (plan: Plan) => plan.operations.filter(isWrite);
const kinds = (plan: Plan) => plan.operations.map((o) => o.kind);

/** Copy of the export with `edit` applied to one sheet, saved as `name`. */
async function edited(
  name: string,
  sheet: string,
  edit: (ws: ExcelJS.Worksheet, col: (header: string) => number) => void,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.getWorksheet(sheet)!;
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  edit(ws, (h) => {
    const i = headers.indexOf(h);
    if (i < 1) throw new Error(`no column ${h}`);
    return i;
  });
  const out = join(s.dir, name);
  await wb.xlsx.writeFile(out);
  return out;
}

describe('round trip through the syncro templates', () => {
  it('an untouched export plans no write: every customer is found by id and skipped', async () => {
    const plan = await planFor(xlsx, 'syncro', 'Customers');
    expect(writes(plan)).toEqual([]);
    expect(kinds(plan)).toEqual(['skip', 'skip', 'skip', 'skip']);
  });

  it('one edited cell plans exactly one update with exactly one change, keyed by id', async () => {
    const file = await edited('edit-city.xlsx', 'Customers', (ws, col) => {
      ws.getRow(3).getCell(col('city')).value = 'Lagos';
    });
    const plan = await planFor(file, 'syncro', 'Customers');
    const ops = writes(plan);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({
      kind: 'update-customer',
      targetId: 2,
      payload: { city: 'Lagos' },
      changes: [{ field: 'city', before: '@home', after: 'Lagos' }],
    });
  });

  it('a deleted row plans nothing (deletion is never inferred)', async () => {
    const file = await edited('deleted-row.xlsx', 'Customers', (ws) => {
      ws.spliceRows(3, 1);
    });
    const plan = await planFor(file, 'syncro', 'Customers');
    expect(writes(plan)).toEqual([]);
    expect(plan.operations).toHaveLength(3);
  });

  it('CSV round-trips too', async () => {
    const out = join(s.dir, 'rt.csv');
    await exportAll(s.client, { out, includeDisabled: true });
    expect(writes(await planFor(join(s.dir, 'rt-customers.csv'), 'syncro'))).toEqual([]);
  });

  // `customer_business_name` (the issue's extra column) is in syncro-contacts' "ignore".
  it('the Contacts sheet round-trips with syncro-contacts: untouched plans nothing, an edited title one update', async () => {
    expect(writes(await planFor(xlsx, 'syncro-contacts', 'Contacts'))).toEqual([]);
    const file = await edited('edit-title.xlsx', 'Contacts', (ws, col) => {
      ws.getRow(2).getCell(col('title')).value = 'Practice Manager';
    });
    const ops = writes(await planFor(file, 'syncro-contacts', 'Contacts'));
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({
      kind: 'update-contact',
      targetId: 1,
      changes: [{ field: 'title', before: 'Office Manager', after: 'Practice Manager' }],
    });
  });

  it('the contacts CSV round-trips', async () => {
    const out = join(s.dir, 'rt2.csv');
    await exportAll(s.client, { out, includeDisabled: true });
    expect(writes(await planFor(join(s.dir, 'rt2-contacts.csv'), 'syncro-contacts'))).toEqual([]);
  });
});

// Custom fields are exported as one `custom: <Name>` column each; the row
// mapper sends any column `customFieldName` recognises to `properties[<Name>]`.
describe('custom fields round trip', () => {
  let c: Seeded;
  let file: string;
  beforeAll(async () => {
    c = await seeded({
      customers: [
        { business_name: 'Acme', email: 'a@acme.example', properties: { Contract: 'Gold', 'Customer Type': 'Business' } },
        { business_name: 'Beta', email: 'b@beta.example', properties: { Tier: '2' } },
      ],
    });
    file = join(c.dir, 'custom.xlsx');
    await exportAll(c.client, { out: file });
  });
  afterAll(async () => c.close());

  it('an untouched export plans nothing; an edited custom field one update of that field', async () => {
    const plan = async (f: string) => {
      const load = await loadRecords([f], { template: 'syncro', sheet: 'Customers' });
      return assembleImportPlan({
        records: load.customers,
        issues: load.issues,
        snapshot: await takeSnapshot(c.client),
        inputs: [],
        target: { baseUrl: c.sb.url, sandbox: true },
        options: DEFAULT_PLAN_OPTIONS,
      });
    };
    expect(writes(await plan(file))).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Customers')!;
    const col = (ws.getRow(1).values as unknown[]).indexOf('custom: Contract');
    ws.getRow(2).getCell(col).value = 'Platinum';
    const out = join(c.dir, 'custom-edited.xlsx');
    await wb.xlsx.writeFile(out);
    const ops = writes(await plan(out));
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({
      kind: 'update-customer',
      targetId: 1,
      changes: [{ field: 'properties.Contract', before: 'Gold', after: 'Platinum' }],
    });
  });
});
