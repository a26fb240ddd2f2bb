/**
 * A generated plan of any size as a report source, its operations made on
 * the fly (nothing held per operation): per 100 operations 18 create-customer,
 * 62 create-contact (under the new customers), 10 update-contact (two changes
 * and a held difference: three rows), 4 skip, 3 conflict (two candidates),
 * 2 merge-contacts (two members), 1 invalid. Formula-like and markup values
 * appear now and then, as in real exports.
 */
import { ImportPlanSchema } from '../src/plan/schema.js';
import type { Operation } from '../src/plan/schema.js';
import { reportPartOf } from '../src/report/plan-source.js';
import type { PlanReportSource, ReportPart } from '../src/report/plan-source.js';
import { createFields } from '../src/report/xlsx-sheets.js';

type Kind = Operation['kind'];

const MIX: Array<[Kind, number]> = [
  ['create-customer', 18],
  ['create-contact', 62],
  ['update-contact', 10],
  ['skip', 4],
  ['conflict', 3],
  ['merge-contacts', 2],
  ['invalid', 1],
];
const SLOTS: Kind[] = MIX.flatMap(([k, n]) => Array.from({ length: n }, () => k));

const kindOf = (i: number): Kind => SLOTS[(i * 37) % SLOTS.length]!;
const src = (i: number) => [{ file: 'contacts.csv', row: i + 2 }];
const customerOf = (i: number) => `cc-${String(Math.floor(i / 5) * 5).padStart(10, '0')}`;
const id = (prefix: string, i: number) => `${prefix}-${String(i).padStart(10, '0')}`;

function operation(i: number): Operation {
  const kind = kindOf(i);
  const phone = `(503) 555-${String(i % 10000).padStart(4, '0')}`;
  switch (kind) {
    case 'create-customer':
      return {
        id: id('cc', i),
        kind,
        label: `Customer Company ${i}, Inc.`,
        sources: src(i),
        dependsOn: [],
        payload: {
          business_name: `Company ${i}, Inc.`,
          email: `office@company${i}.example`,
          phone,
          address: `${(i % 9000) + 1} Main St`,
          city: 'Portland',
          state: 'OR',
          zip: String(i % 100000).padStart(5, '0'),
          ...(i % 97 === 0 ? { notes: '=HYPERLINK("http://evil.example","x")' } : {}),
        },
        evidence: { rule: 'none', text: 'no Syncro customer scored above the review threshold' },
      };
    case 'create-contact':
      return {
        id: id('ck', i),
        kind,
        label: `Contact First${i} Last${i} (Company ${i})`,
        sources: src(i),
        dependsOn: [],
        customer: i % 3 === 0 ? { op: customerOf(i) } : { id: 1000 + (i % 5000) },
        payload: {
          name: `First${i} Last${i}`,
          title: ['Owner', 'Office Manager', 'IT Contact', 'Billing'][i % 4]!,
          email: `first${i}.last${i}@company${i}.example`,
          mobile: phone,
          ...(i % 101 === 0 ? { notes: 'Prefers <email> & "phone"' } : {}),
        },
      };
    case 'update-contact':
      return {
        id: id('uk', i),
        kind,
        label: `Contact First${i} Last${i} (Company ${i})`,
        sources: src(i),
        dependsOn: [],
        targetId: 80000 + i,
        before: { id: 80000 + i, customer_id: 1000 + (i % 5000), name: `First${i} Last${i}`, title: 'Paralegal', phone: null },
        payload: { title: 'Office Manager', phone },
        changes: [
          { field: 'title', before: 'Paralegal', after: 'Office Manager' },
          { field: 'phone', before: null, after: phone },
        ],
        held: [{ field: 'notes', before: 'VIP', after: 'Prefers email' }],
        evidence: { rule: 'email', text: `same email first${i}.last${i}@company${i}.example` },
      };
    case 'skip':
      return {
        id: id('sk', i),
        kind,
        label: `Contact First${i} Last${i}`,
        sources: src(i),
        dependsOn: [],
        entity: 'contact',
        targetId: 90000 + i,
        reason: `already up to date in Syncro (#${90000 + i})`,
      };
    case 'conflict':
      return {
        id: id('cf', i),
        kind,
        label: `Customer Company ${i}`,
        sources: src(i),
        dependsOn: [],
        entity: 'customer',
        reason: 'two Syncro customers match about equally well',
        payload: { business_name: `Company ${i}`, email: `info@company${i}.example` },
        contacts: [{ sources: src(i), payload: { name: `First${i} Last${i}` }, label: `Contact First${i} Last${i}` }],
        candidates: [
          {
            id: 2000 + i,
            label: `Company ${i} (Portland)`,
            score: 12.8,
            evidence: { rule: 'fuzzy', score: 12.8, text: 'business_name exact +11.5' },
          },
          {
            id: 3000 + i,
            label: `Company ${i} LLC`,
            score: 12.1,
            evidence: { rule: 'fuzzy', score: 12.1, text: 'business_name close +7.2' },
          },
        ],
      };
    case 'merge-contacts':
      return {
        id: id('mn', i),
        kind,
        label: `Merge contacts First${i} (#${70000 + i}) + F. Last${i} (#${71000 + i})`,
        sources: [],
        dependsOn: [],
        customerId: 1000 + (i % 5000),
        survivorId: 70000 + i,
        members: [
          { id: 70000 + i, label: `First${i} Last${i}`, before: { id: 70000 + i, name: `First${i} Last${i}` }, linked: { tickets: 4 } },
          { id: 71000 + i, label: `F. Last${i}`, before: { id: 71000 + i, name: `F. Last${i}` }, linked: { tickets: 1 } },
        ],
        moves: [{ resource: 'tickets', id: 5000 + i, before: { id: 5000 + i, contact_id: 71000 + i } }],
        merged: [
          { survivorId: 70000 + i, payload: {}, changes: [] },
          {
            survivorId: 71000 + i,
            payload: { name: `First${i} Last${i}` },
            changes: [{ field: 'name', before: `F. Last${i}`, after: `First${i} Last${i}` }],
          },
        ],
        survivorReason: 'most linked records (4 vs 1)',
        evidence: { rule: 'email', text: `same email first${i}@company${i}.example` },
      };
    default:
      return {
        id: id('iv', i),
        kind: 'invalid',
        label: `Row ${i + 2} of contacts.csv`,
        sources: src(i),
        dependsOn: [],
        issues: [
          {
            source: src(i)[0]!,
            field: 'email',
            value: `contact${i}@`,
            code: 'EMAIL_INVALID',
            message: 'email is not an email address',
            severity: 'error',
          },
        ],
      };
  }
}

/** The report part each kind goes to (reportPartOf reads only the kind). */
const firstOf = (k: Kind): number => {
  let i = 0;
  while (kindOf(i) !== k) i++;
  return i;
};
const PART_OF_KIND = new Map<Kind, ReportPart>(MIX.map(([k]) => [k, reportPartOf(operation(firstOf(k)))]));

/** The source of a generated plan of `n` operations. */
export function generatedSource(n: number): PlanReportSource {
  const counts: Record<string, number> = {};
  const labels = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const k = kindOf(i);
    counts[k] = (counts[k] ?? 0) + 1;
    if (k === 'create-customer') labels.set(id('cc', i), `Company ${i}, Inc.`);
  }
  const sample = Array.from({ length: Math.min(n, 200) }, (_, i) => operation(i));
  const { operations: _none, ...head } = ImportPlanSchema.parse({
    kind: 'syncro-etl/plan',
    version: 1,
    command: 'import',
    target: { baseUrl: 'http://127.0.0.1:4717/api/v1', sandbox: true },
    inputs: [{ file: 'contacts.csv', sha256: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c', rows: n }],
    options: { blank: 'skip', update: 'overwrite', inFileDuplicates: 'merge', rateLimit: 180, country: 'US' },
    snapshot: { sha256: 'c0ffee', customers: 5000, contacts: 20000 },
    summary: { counts, writeCalls: n, checkCalls: 0, rateLimit: 180, estimatedSeconds: Math.round(n / 3) },
    operations: [],
  });
  return {
    head,
    *operations(part) {
      for (let i = 0; i < n; i++) if (PART_OF_KIND.get(kindOf(i)) === part) yield operation(i);
    },
    createFields: createFields(sample),
    newCustomerLabels: labels,
    excerpt: { ops: [], total: 0, cut: new Map(), changedFields: 0 },
  };
}
