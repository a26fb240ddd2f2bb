/**
 * A realistic plan holding every operation kind, built directly (no planner)
 * and validated with PlanSchema, for the report tests. Values include the
 * hostile ones a report must survive: a formula, a script tag, leading-zero
 * zips, phones.
 */
import type { RowIssue } from '../../src/model/source.js';
import { ImportPlanSchema } from '../../src/plan/schema.js';
import type { ImportPlan, Operation } from '../../src/plan/schema.js';

export const FILE = 'clients.csv';
export const FORMULA = '=HYPERLINK("http://evil.example/x","click")';
export const SCRIPT = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

const src = (row: number, file = FILE) => ({ file, row });

/** Operation ids used by the tests. */
export const IDS = {
  createCustomer: 'cc-0a1b2c3d4e',
  createCustomer2: 'cc-5f6a7b8c9d',
  createContact: 'ck-1111111111',
  createContactExisting: 'ck-2222222222',
  updateCustomer: 'uc-3333333333',
  updateCustomer2: 'uc-3333333334',
  updateContact: 'uk-4444444444',
  moveContact: 'mk-5555555555',
  deleteContact: 'dk-6666666666',
  mergeCustomers: 'mc-7777777777',
  mergeContacts: 'mn-8888888888',
  skip: 'sk-9999999999',
  conflict: 'cf-aaaaaaaaaa',
  conflictContact: 'cf-bbbbbbbbbb',
  invalid: 'iv-cccccccccc',
} as const;

export const CANDIDATES = { first: 1042, second: 1077, contact: 88012 } as const;

function operations(): Operation[] {
  return [
    {
      id: IDS.createCustomer,
      kind: 'create-customer',
      label: 'Customer Northwind Dental',
      sources: [src(2)],
      dependsOn: [],
      payload: {
        business_name: 'Northwind Dental',
        email: 'office@northwind-dental.com',
        phone: '(617) 555-0142',
        address: '12 Harbor St',
        city: 'Boston',
        state: 'MA',
        zip: '02134',
        notes: FORMULA,
      },
      evidence: { rule: 'none', text: 'no Syncro customer scored above the review threshold' },
    },
    {
      id: IDS.createCustomer2,
      kind: 'create-customer',
      label: `Customer ${SCRIPT}`,
      sources: [src(3)],
      dependsOn: [],
      payload: { business_name: SCRIPT, phone: '+44 20 7946 0958', zip: '00501', properties: { 'Contract tier': 'Gold' } },
    },
    {
      id: IDS.createContact,
      kind: 'create-contact',
      label: 'Contact Dana Whitfield (Northwind Dental)',
      sources: [src(2)],
      dependsOn: [IDS.createCustomer],
      customer: { op: IDS.createCustomer },
      payload: {
        name: 'Dana Whitfield',
        title: 'Practice Manager',
        email: 'dana@northwind-dental.com',
        mobile: '(617) 555-0199',
        zip: '02134',
      },
    },
    {
      id: IDS.createContactExisting,
      kind: 'create-contact',
      label: 'Contact Luis Ortega (Bayside Legal LLP)',
      sources: [src(5)],
      dependsOn: [],
      customer: { id: 1042 },
      payload: { name: 'Luis Ortega', email: 'lortega@baysidelegal.com', phone: '(415) 555-0110', extension: '204' },
    },
    {
      id: IDS.updateCustomer,
      kind: 'update-customer',
      label: 'Customer Bayside Legal LLP',
      sources: [src(4)],
      dependsOn: [],
      targetId: 1042,
      before: {
        id: 1042,
        business_name: 'Bayside Legal',
        phone: '415-555-0100',
        zip: '94107',
        notes: 'VIP',
        updated_at: '2024-05-01T10:00:00Z',
      },
      payload: { business_name: 'Bayside Legal LLP', phone: '(415) 555-0101', zip: '94111' },
      changes: [
        { field: 'business_name', before: 'Bayside Legal', after: 'Bayside Legal LLP' },
        { field: 'phone', before: '415-555-0100', after: '(415) 555-0101' },
        { field: 'zip', before: '94107', after: '94111' },
      ],
      held: [{ field: 'notes', before: 'VIP', after: 'Prefers email' }],
      evidence: {
        rule: 'fuzzy',
        score: 17.4,
        fields: [
          { field: 'business_name', level: 'close', weight: 9.1 },
          { field: 'email', level: 'exact', weight: 12.3 },
          { field: 'phone', level: 'different', weight: -2.6 },
          { field: 'city', level: 'exact', weight: 1.9 },
        ],
        text: 'business_name close +9.1, email exact +12.3, phone different -2.6, city exact +1.9 (prior -3.3) = 17.4',
      },
    },
    {
      id: IDS.updateCustomer2,
      kind: 'update-customer',
      label: 'Customer Contoso Pharmacy',
      sources: [src(6)],
      dependsOn: [],
      targetId: 1100,
      before: { id: 1100, business_name: 'Contoso Pharmacy', email: null, updated_at: '2024-05-02T10:00:00Z' },
      payload: { email: 'it@contoso-rx.com' },
      changes: [{ field: 'email', before: null, after: 'it@contoso-rx.com' }],
      held: [],
      evidence: { rule: 'syncro-id', text: 'Syncro id 1100 named in the file' },
    },
    {
      id: IDS.updateContact,
      kind: 'update-contact',
      label: 'Contact Priya Natarajan (Bayside Legal LLP)',
      sources: [src(4)],
      dependsOn: [],
      targetId: 88001,
      before: { id: 88001, customer_id: 1042, name: 'Priya Natarajan', title: 'Paralegal', updated_at: '2024-05-01T10:00:00Z' },
      payload: { title: 'Office Manager' },
      changes: [{ field: 'title', before: 'Paralegal', after: 'Office Manager' }],
      held: [],
      evidence: { rule: 'email', text: 'same email priya@baysidelegal.com' },
    },
    {
      id: IDS.moveContact,
      kind: 'move-contact',
      label: 'Contact Sam Lee (to Bayside Legal LLP)',
      sources: [src(7)],
      dependsOn: [],
      targetId: 88003,
      before: { id: 88003, customer_id: 1200, name: 'Sam Lee', updated_at: '2024-05-01T10:00:00Z' },
      toCustomer: { id: 1042 },
      payload: {},
      changes: [],
    },
    {
      id: IDS.deleteContact,
      kind: 'delete-contact',
      label: 'Contact Old Reception (Bayside Legal LLP)',
      sources: [src(8)],
      dependsOn: [],
      targetId: 88004,
      before: { id: 88004, customer_id: 1042, name: 'Old Reception', updated_at: '2024-05-01T10:00:00Z' },
    },
    {
      id: IDS.mergeCustomers,
      kind: 'merge-customers',
      label: 'Merge Contoso Pharmacy (#1100) + Contoso Pharmacy Inc. (#1101) + Contoso Rx (#1102)',
      sources: [],
      dependsOn: [IDS.updateCustomer2],
      survivorId: 1100,
      members: [
        {
          id: 1101,
          label: 'Contoso Pharmacy Inc.',
          before: { id: 1101, business_name: 'Contoso Pharmacy Inc.', phone: '(206) 555-0175', updated_at: '2024-05-02T10:00:00Z' },
          linked: { contacts: 1, tickets: 2, customer_assets: 0, invoices: 1 },
        },
        {
          id: 1100,
          label: 'Contoso Pharmacy',
          before: { id: 1100, business_name: 'Contoso Pharmacy', updated_at: '2024-05-02T10:00:00Z' },
          linked: { contacts: 3, tickets: 9, customer_assets: 2, invoices: 4 },
        },
        {
          id: 1102,
          label: 'Contoso Rx',
          before: { id: 1102, business_name: 'Contoso Rx', updated_at: '2024-05-02T10:00:00Z' },
          linked: { contacts: 0, tickets: 0, customer_assets: 0, invoices: 0 },
        },
      ],
      moves: [
        { resource: 'contacts', id: 88010, before: { id: 88010, customer_id: 1101 } },
        { resource: 'contacts', id: 88011, before: { id: 88011, customer_id: 1100 } },
        { resource: 'tickets', id: 5001, before: { id: 5001, customer_id: 1101 } },
        { resource: 'tickets', id: 5002, before: { id: 5002, customer_id: 1101 } },
        { resource: 'invoices', id: 7001, before: { id: 7001, customer_id: 1101 } },
      ],
      merged: [
        { survivorId: 1100, payload: { phone: '(206) 555-0175' }, changes: [{ field: 'phone', before: null, after: '(206) 555-0175' }] },
        { survivorId: 1101, payload: {}, changes: [] },
        { survivorId: 1102, payload: { phone: '(206) 555-0175' }, changes: [{ field: 'phone', before: null, after: '(206) 555-0175' }] },
      ],
      finally: 'disable',
      survivorReason: 'most linked records (18 vs 4)',
      evidence: {
        rule: 'fuzzy',
        score: 21.2,
        fields: [
          { field: 'business_name', level: 'close', weight: 8.4 },
          { field: 'address', level: 'exact', weight: 10.2 },
          { field: 'zip', level: 'exact', weight: 5.9 },
        ],
      },
    },
    {
      id: IDS.mergeContacts,
      kind: 'merge-contacts',
      label: 'Merge contacts Jin Park (#88020) + J. Park (#88021) of Contoso Pharmacy',
      sources: [],
      dependsOn: [],
      customerId: 1100,
      survivorId: 88020,
      members: [
        { id: 88020, label: 'Jin Park', before: { id: 88020, customer_id: 1100, name: 'Jin Park' }, linked: { tickets: 4 } },
        { id: 88021, label: 'J. Park', before: { id: 88021, customer_id: 1100, name: 'J. Park' }, linked: { tickets: 1 } },
      ],
      moves: [{ resource: 'tickets', id: 5003, before: { id: 5003, contact_id: 88021 } }],
      merged: [
        { survivorId: 88020, payload: {}, changes: [] },
        { survivorId: 88021, payload: { name: 'Jin Park' }, changes: [{ field: 'name', before: 'J. Park', after: 'Jin Park' }] },
      ],
      survivorReason: 'most linked records (4 vs 1)',
      evidence: { rule: 'email', text: 'same email jin.park@contoso-rx.com' },
    },
    {
      id: IDS.skip,
      kind: 'skip',
      label: 'Customer Fabrikam Outdoor',
      sources: [src(9)],
      dependsOn: [],
      entity: 'customer',
      targetId: 1300,
      reason: 'already up to date in Syncro (#1300)',
    },
    {
      id: IDS.conflict,
      kind: 'conflict',
      label: 'Customer Adventure Works',
      sources: [src(10), src(11)],
      dependsOn: [],
      entity: 'customer',
      reason: 'two Syncro customers match about equally well',
      payload: { business_name: 'Adventure Works', email: 'info@adventure-works.com', zip: '30301' },
      contacts: [{ sources: [src(10)], payload: { name: 'Kim Abercrombie' }, label: 'Contact Kim Abercrombie' }],
      candidates: [
        {
          id: CANDIDATES.first,
          label: 'Adventure Works (Atlanta)',
          score: 12.8,
          evidence: {
            rule: 'fuzzy',
            score: 12.8,
            fields: [
              { field: 'business_name', level: 'exact', weight: 11.5 },
              { field: 'zip', level: 'different', weight: -1.2 },
            ],
            text: 'business_name exact +11.5, zip different -1.2 (prior -3.3) = 12.8',
          },
        },
        {
          id: CANDIDATES.second,
          label: 'Adventure Works Cycles',
          score: 12.1,
          evidence: {
            rule: 'fuzzy',
            score: 12.1,
            fields: [
              { field: 'business_name', level: 'close', weight: 7.2 },
              { field: 'email', level: 'exact', weight: 8.2 },
            ],
            text: 'business_name close +7.2, email exact +8.2 (prior -3.3) = 12.1',
          },
        },
      ],
    },
    {
      id: IDS.conflictContact,
      kind: 'conflict',
      label: 'Contact Chris Doe (Bayside Legal LLP)',
      sources: [src(12)],
      dependsOn: [],
      entity: 'contact',
      reason: 'an existing contact has the same name but a different email',
      payload: { name: 'Chris Doe', email: 'cdoe@baysidelegal.com' },
      contacts: [],
      customer: { id: 1042 },
      candidates: [{ id: CANDIDATES.contact, label: 'Chris Doe <chris@bayside.example>' }],
    },
    {
      id: IDS.invalid,
      kind: 'invalid',
      label: 'Row 13 of clients.csv',
      sources: [src(13)],
      dependsOn: [],
      issues: [
        {
          source: src(13),
          field: 'email',
          value: 'not-an-email',
          code: 'EMAIL_INVALID',
          message: 'email is not an email address',
          severity: 'error',
        },
      ],
    },
  ];
}

/** The fixture plan, every kind present, validated against the schema. */
export function buildPlan(overrides: Partial<ImportPlan> = {}): ImportPlan {
  const ops = overrides.operations ?? operations();
  const counts: Record<string, number> = {};
  for (const op of ops) counts[op.kind] = (counts[op.kind] ?? 0) + 1;
  return ImportPlanSchema.parse({
    kind: 'syncro-etl/plan',
    version: 1,
    command: 'import',
    target: { baseUrl: 'http://127.0.0.1:4717/api/v1', sandbox: true },
    inputs: [{ file: FILE, sha256: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c', rows: 12 }],
    template: { name: 'connectwise-companies', confidence: 0.93 },
    options: { blank: 'skip', update: 'overwrite', inFileDuplicates: 'merge', rateLimit: 180, country: 'US' },
    snapshot: { sha256: 'c0ffee', customers: 412, contacts: 1380 },
    summary: { counts, writeCalls: 17, checkCalls: 3, rateLimit: 180, estimatedSeconds: 7 },
    operations: ops,
    ...overrides,
  });
}

/** Row issues as the loader reports them: the invalid op's error plus a warning and a formula value. */
export function buildIssues(): RowIssue[] {
  return [
    {
      source: src(13),
      field: 'email',
      value: 'not-an-email',
      code: 'EMAIL_INVALID',
      message: 'email is not an email address',
      severity: 'error',
    },
    {
      source: { file: FILE, row: 14 },
      field: 'phone',
      value: FORMULA,
      code: 'PHONE_INVALID',
      message: 'phone is not a phone number',
      severity: 'error',
    },
    {
      source: { file: FILE, row: 6 },
      field: 'state',
      value: 'Mass.',
      code: 'STATE_UNKNOWN',
      message: 'state kept as written',
      severity: 'warning',
    },
  ];
}

/** A bigger plan (n updates and n creates) for size checks. */
export function buildLargePlan(n: number): ImportPlan {
  const ops: Operation[] = [];
  for (let i = 0; i < n; i++) {
    ops.push({
      id: `cc-${String(i).padStart(10, '0')}`,
      kind: 'create-customer',
      label: `Customer Client ${i}`,
      sources: [src(i + 2)],
      dependsOn: [],
      payload: {
        business_name: `Client ${i}`,
        phone: `(555) 555-${String(i % 10000).padStart(4, '0')}`,
        zip: String(i % 100000).padStart(5, '0'),
      },
    });
    ops.push({
      id: `uc-${String(i).padStart(10, '0')}`,
      kind: 'update-customer',
      label: `Customer Existing ${i}`,
      sources: [src(i + 2)],
      dependsOn: [],
      targetId: 10_000 + i,
      before: { id: 10_000 + i, city: 'Old Town' },
      payload: { city: 'New Town', state: 'WA' },
      changes: [
        { field: 'city', before: 'Old Town', after: 'New Town' },
        { field: 'state', before: null, after: 'WA' },
      ],
      held: [],
      evidence: { rule: 'email', text: 'same email' },
    });
  }
  return buildPlan({ operations: ops });
}
