/**
 * A realistic audit plan for the audit report tests, assembled by the real
 * `assembleAuditPlan` from a hand-built snapshot (no sandbox): two customer
 * clusters (one of three records), one contact cluster, and one person under
 * two customers. Hostile values ride along (a formula in notes, a script tag
 * in a custom field) unless `friendly` is set.
 */
import { assembleAuditPlan } from '../../src/audit/assemble.js';
import type { FoundCluster, LinkedRecords } from '../../src/audit/assemble.js';
import { DEFAULT_SURVIVORSHIP } from '../../src/audit/survivorship.js';
import type { AuditTrend } from '../../src/audit/trend.js';
import type { OperationOf, Plan } from '../../src/plan/schema.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import type { SyncroContact, SyncroCustomer } from '../../src/syncro/types.js';
import { FORMULA, SCRIPT } from './plan-fixture.js';

export { FORMULA, SCRIPT };

/** Record ids the tests use. */
export const AIDS = {
  harbor: 2001,
  harborDup: 2002,
  contoso: 2100,
  contosoInc: 2101,
  contosoRx: 2102,
  okafor: 2200,
  becker: 2300,
  jim: 3001,
  james: 3002,
  sueA: 3010,
  sueB: 3011,
} as const;

function customer(c: Partial<SyncroCustomer> & { id: number }): SyncroCustomer {
  const base = {
    firstname: null,
    lastname: null,
    business_name: null,
    email: null,
    phone: null,
    mobile: null,
    address: null,
    address_2: null,
    city: null,
    state: null,
    zip: null,
    notes: null,
    referred_by: null,
    tax_rate_id: null,
    get_sms: null,
    opt_out: null,
    no_email: null,
    disabled: false,
    properties: {},
    location_id: null,
    location_name: null,
    latitude: null,
    longitude: null,
    notification_email: null,
    invoice_cc_emails: null,
    invoice_term_id: null,
    ref_customer_id: null,
    online_profile_url: null,
    pdf_url: null,
    created_at: '2021-01-01T09:00:00Z',
    updated_at: '2024-01-01T09:00:00Z',
    contacts: [],
  };
  const r = { ...base, ...c };
  const name = r.business_name ?? '';
  return { ...r, fullname: name, business_and_full_name: name, business_then_name: name } as SyncroCustomer;
}

function contact(k: Partial<SyncroContact> & { id: number; customer_id: number }): SyncroContact {
  return {
    name: null,
    email: null,
    phone: null,
    mobile: null,
    extension: null,
    address1: null,
    address2: null,
    city: null,
    state: null,
    zip: null,
    notes: null,
    properties: {},
    opt_out: null,
    vendor_id: null,
    processed_phone: null,
    processed_mobile: null,
    ticket_matching_emails: null,
    latitude: null,
    longitude: null,
    created_at: '2022-03-01T09:00:00Z',
    updated_at: '2024-01-01T09:00:00Z',
    ...k,
  };
}

const fuzzy = (score: number, fields: Array<[string, string, number]>, text: string) => ({
  rule: 'fuzzy' as const,
  score,
  fields: fields.map(([field, level, weight]) => ({ field, level, weight })),
  text,
});

/** The audit plan; `friendly` swaps the hostile values for ordinary ones (for screenshots). */
export function buildAuditPlan(opts: { friendly?: boolean; target?: Plan['target'] } = {}): Plan {
  const formula = opts.friendly ? 'Front desk opens 8am' : FORMULA;
  const script = opts.friendly ? 'Net 30' : SCRIPT;
  const snapshot: Snapshot = {
    takenAt: '2024-06-01T10:00:00Z',
    customers: [
      customer({
        id: AIDS.harbor,
        business_name: 'Harbor View Dental',
        email: 'office@harborviewdental.com',
        phone: '(503) 555-0142',
        address: '1420 Harbor View Dr',
        city: 'Portland',
        state: 'OR',
        zip: '97209',
        notes: 'Main office',
        properties: { Tier: 'Gold' },
        created_at: '2019-04-11T15:02:00Z',
      }),
      customer({
        id: AIDS.harborDup,
        business_name: 'Harborview Dental LLC',
        email: 'billing@harborviewdental.com',
        phone: '503-555-0142',
        mobile: '(503) 555-0199',
        address: '1420 Harbor View Drive',
        city: 'Portland',
        state: 'OR',
        zip: '97209',
        notes: formula,
        properties: { Region: 'West', Terms: script },
        created_at: '2022-09-30T08:15:00Z',
      }),
      customer({
        id: AIDS.contoso,
        business_name: 'Contoso Pharmacy',
        email: 'it@contoso-rx.com',
        phone: '(206) 555-0175',
        city: 'Seattle',
        state: 'WA',
        zip: '98101',
        created_at: '2018-02-01T12:00:00Z',
      }),
      customer({
        id: AIDS.contosoInc,
        business_name: 'Contoso Pharmacy Inc.',
        email: 'it@contoso-rx.com',
        phone: '206.555.0175',
        address: '400 Pine St',
        city: 'Seattle',
        state: 'Washington',
        zip: '98101',
        created_at: '2020-06-12T12:00:00Z',
      }),
      customer({
        id: AIDS.contosoRx,
        business_name: 'Contoso Rx',
        email: 'accounts@contoso-rx.com',
        city: 'Seattle',
        state: 'WA',
        created_at: '2023-01-05T12:00:00Z',
      }),
      customer({
        id: AIDS.okafor,
        business_name: 'Okafor & Partners Law',
        email: 'it@okaforlaw.com',
        phone: '(206) 555-0133',
        city: 'Seattle',
        state: 'WA',
      }),
      customer({ id: AIDS.becker, business_name: 'Becker Heating & Cooling', email: 'tom@beckerhvac.com', city: 'Columbus', state: 'OH' }),
    ],
    contacts: [
      contact({ id: 3100, customer_id: AIDS.harbor, name: 'Margaret Chen', email: 'mchen@harborviewdental.com' }),
      contact({ id: 3101, customer_id: AIDS.harborDup, name: 'Lena Ford', email: 'lena@harborviewdental.com' }),
      contact({ id: 3102, customer_id: AIDS.contoso, name: 'Pat Lee', email: 'pat@contoso-rx.com' }),
      contact({ id: AIDS.jim, customer_id: AIDS.okafor, name: 'Jim Park', email: 'jim.park@okaforlaw.com', phone: '(206) 555-0150' }),
      contact({
        id: AIDS.james,
        customer_id: AIDS.okafor,
        name: 'James Park',
        email: 'jim.park@okaforlaw.com',
        properties: { title: 'Office Manager' },
      }),
      contact({ id: AIDS.sueA, customer_id: AIDS.okafor, name: 'Sue Kim', email: 'sue@consult.example' }),
      contact({ id: AIDS.sueB, customer_id: AIDS.becker, name: 'Sue Kim', email: 'sue@consult.example' }),
    ],
  };
  const stamp = { created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' };
  const ticket = (id: number, customer_id: number, contact_id: number | null) => ({
    id,
    customer_id,
    contact_id,
    subject: `Ticket ${id}`,
    ...stamp,
  });
  const linked = new Map<number, LinkedRecords>([
    [
      AIDS.harbor,
      {
        tickets: [ticket(5001, AIDS.harbor, 3100), ticket(5002, AIDS.harbor, null)],
        customer_assets: [{ id: 6001, customer_id: AIDS.harbor, name: 'Front desk PC', ...stamp }],
        invoices: [],
      },
    ],
    [
      AIDS.harborDup,
      {
        tickets: [ticket(5003, AIDS.harborDup, 3101)],
        customer_assets: [],
        invoices: [{ id: 7001, customer_id: AIDS.harborDup, number: '1001', ...stamp }],
      },
    ],
    [AIDS.contoso, { tickets: [ticket(5010, AIDS.contoso, 3102)], customer_assets: [], invoices: [] }],
    [AIDS.okafor, { tickets: [ticket(5020, AIDS.okafor, AIDS.james)], customer_assets: [], invoices: [] }],
  ]);
  const customerClusters: FoundCluster[] = [
    {
      members: [AIDS.harbor, AIDS.harborDup],
      evidence: fuzzy(
        18.6,
        [
          ['(prior)', 'base rate', -11.2],
          ['business_name', 'close', 9.4],
          ['phone', 'exact', 11.8],
          ['address', 'close', 6.1],
          ['zip', 'exact', 3.9],
          ['email', 'different', -1.4],
        ],
        'business_name close +9.4, phone exact +11.8, address close +6.1, zip exact +3.9, email different -1.4 (prior -11.2) = 18.6',
      ),
    },
    {
      members: [AIDS.contoso, AIDS.contosoInc, AIDS.contosoRx],
      evidence: fuzzy(
        9.3,
        [
          ['(prior)', 'base rate', -11.2],
          ['business_name', 'close', 8.1],
          ['email', 'domain', 7.6],
          ['city', 'exact', 2.1],
          ['phone', 'missing', 0],
        ],
        '#2100~#2101: email exact | #2100~#2102: business_name close +8.1, email domain +7.6',
      ),
    },
  ];
  const contactClusters: FoundCluster[] = [
    {
      members: [AIDS.jim, AIDS.james],
      evidence: fuzzy(
        16.2,
        [
          ['(prior)', 'base rate', -9.8],
          ['email', 'exact', 17.9],
          ['name', 'close', 8.1],
        ],
        'email exact +17.9, name close +8.1 (prior -9.8) = 16.2',
      ),
    },
    {
      members: [AIDS.sueA, AIDS.sueB],
      evidence: fuzzy(
        14.0,
        [
          ['(prior)', 'base rate', -9.8],
          ['email', 'exact', 17.9],
          ['name', 'exact', 5.9],
        ],
        'email exact +17.9, name exact +5.9 (prior -9.8) = 14.0',
      ),
    },
  ];
  return assembleAuditPlan({
    snapshot,
    customerClusters,
    contactClusters,
    linked,
    survivorship: { ...DEFAULT_SURVIVORSHIP, fields: { mobile: 'newest' } },
    finally: 'delete',
    rateLimit: 180,
    target: opts.target ?? { baseUrl: 'local sandbox', sandbox: true },
  });
}

export const TREND: AuditTrend = {
  previousRun: '/srv/acme/.syncro-etl/runs/20240301-101500-audit',
  previousCreatedAt: '2024-03-01T10:15:00.000Z',
  previousClusters: 5,
  mergedSince: 3,
  stillOpen: 2,
  newSince: 1,
};

export function mergeOf(plan: Plan, kind: 'merge-customers', first: number): OperationOf<'merge-customers'>;
export function mergeOf(plan: Plan, kind: 'merge-contacts', first: number): OperationOf<'merge-contacts'>;
/** The merge of `kind` whose cluster holds record `first`. */
export function mergeOf(plan: Plan, kind: 'merge-customers' | 'merge-contacts', first: number) {
  const op = plan.operations.find((o) => o.kind === kind && o.members.some((m) => m.id === first));
  if (!op) throw new Error(`no ${kind} with #${first}`);
  return op;
}
