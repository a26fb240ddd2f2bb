import { beforeEach, describe, expect, it } from 'vitest';
import { assembleImportPlan } from '../../src/plan/assemble.js';
import type { ImportPlanInput } from '../../src/plan/assemble.js';
import { parsePlan, serializePlan } from '../../src/plan/io.js';
import type { CustomerLinker } from '../../src/plan/linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/options.js';
import type { PlanOptions } from '../../src/plan/options.js';
import type { Operation, OperationOf, Plan } from '../../src/plan/schema.js';
import type { CustomerRecord } from '../../src/model/records.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import { existingContact, existingCustomer, rec, resetRows, snap } from '../helpers/records.js';

beforeEach(resetRows);

function plan(
  records: CustomerRecord[],
  snapshot: Snapshot,
  options: Partial<PlanOptions> = {},
  extra: Partial<ImportPlanInput> = {},
): Plan {
  return assembleImportPlan({
    records,
    issues: [],
    snapshot,
    inputs: [{ file: 'in.csv', sha256: 'x', rows: records.length }],
    target: { baseUrl: 'local sandbox', sandbox: true },
    options: { ...DEFAULT_PLAN_OPTIONS, ...options },
    ...extra,
  });
}
const kinds = (p: Plan) => p.operations.map((o) => o.kind);
function only<K extends Operation['kind']>(p: Plan, kind: K): OperationOf<K> {
  const ops = p.operations.filter((o) => o.kind === kind);
  expect(ops).toHaveLength(1);
  return ops[0] as OperationOf<K>;
}

describe('matching incoming customers to existing ones', () => {
  it('a Syncro id in the file wins: update that customer', () => {
    const p = plan(
      [rec({ id: 7, business_name: 'Acme Renamed', email: 'other@acme.example' })],
      snap([existingCustomer(7, { business_name: 'Acme', email: 'ops@acme.example' })]),
    );
    const op = only(p, 'update-customer');
    expect(op.targetId).toBe(7);
    expect(op.evidence.rule).toBe('syncro-id');
  });

  it('a Syncro id that does not exist is a conflict, never a create', () => {
    const p = plan([rec({ id: 99, business_name: 'Ghost' })], snap([existingCustomer(7)]));
    expect(kinds(p)).toEqual(['conflict']);
  });

  it('a Syncro id that is gone offers the customer the other rules find (merged away since the export), still as a conflict', () => {
    const survivor = existingCustomer(11, { business_name: 'Northwind Traders', email: 'it@northwind.example', city: 'Seattle' });
    const p = plan([rec({ id: 12, business_name: 'Northwind Traders', email: 'IT@northwind.example', city: 'Tacoma' })], snap([survivor]));
    const op = only(p, 'conflict');
    expect(op.reason).toMatch(/id 12, which does not exist in the account; it looks like #11 Northwind Traders/);
    expect(op.candidates.map((c) => [c.id, c.evidence?.rule])).toEqual([[11, 'email']]);
  });

  it('then exact email, after normalization (case, spaces)', () => {
    const p = plan(
      [rec({ business_name: 'Acme', email: '  OPS@Acme.Example ', phone: '555-0100' })],
      snap([existingCustomer(3, { business_name: 'Acme', email: 'ops@acme.example' })]),
    );
    const op = only(p, 'update-customer');
    expect(op.targetId).toBe(3);
    expect(op.evidence.rule).toBe('email');
  });

  it('two existing customers with the same email: a conflict naming both', () => {
    const p = plan(
      [rec({ business_name: 'Acme', email: 'ops@acme.example' })],
      snap([existingCustomer(3, { email: 'ops@acme.example' }), existingCustomer(4, { email: 'OPS@acme.example' })]),
    );
    const op = only(p, 'conflict');
    expect(op.candidates.map((c) => c.id)).toEqual([3, 4]);
  });

  it('then the same business name (suffixes and case aside) when no email contradicts it', () => {
    const p = plan(
      [rec({ business_name: 'ACME, Inc.', city: 'Reno' })],
      snap([existingCustomer(4, { business_name: 'Acme', email: 'ops@acme.example' })]),
    );
    expect(only(p, 'update-customer')).toMatchObject({ targetId: 4, evidence: { rule: 'business-name' } });
  });

  it('the same business name with a different email is a conflict, not a guess', () => {
    const p = plan(
      [rec({ business_name: 'Acme', email: 'new@acme.example' })],
      snap([existingCustomer(4, { business_name: 'Acme LLC', email: 'ops@acme.example' })]),
    );
    expect(only(p, 'conflict').candidates.map((c) => c.id)).toEqual([4]);
  });

  it('then the matcher: a confident match updates, carrying its evidence', () => {
    const linker: CustomerLinker = (incoming) =>
      incoming.map(() => ({
        outcome: 'match',
        ambiguous: false,
        candidates: [
          {
            id: 5,
            score: 14.2,
            evidence: { rule: 'fuzzy', score: 14.2, fields: [{ field: 'business_name', level: 'close', weight: 14.2 }] },
          },
        ],
      }));
    const p = plan(
      [rec({ business_name: 'Acme Widgets', phone: '555 0100' })],
      snap([existingCustomer(5, { business_name: 'ACME Widget Co' })]),
      {},
      { linker },
    );
    const op = only(p, 'update-customer');
    expect(op.targetId).toBe(5);
    expect(op.evidence).toMatchObject({ rule: 'fuzzy', score: 14.2 });
  });

  it('an ambiguous or unsure match is a conflict, never a guess', () => {
    const ambiguous: CustomerLinker = (incoming) =>
      incoming.map(() => ({
        outcome: 'match',
        ambiguous: true,
        candidates: [
          { id: 5, score: 12, evidence: { rule: 'fuzzy' } },
          { id: 6, score: 11.8, evidence: { rule: 'fuzzy' } },
        ],
      }));
    const review: CustomerLinker = (incoming) =>
      incoming.map(() => ({ outcome: 'review', ambiguous: false, candidates: [{ id: 5, score: 4, evidence: { rule: 'fuzzy' } }] }));
    const existing = snap([existingCustomer(5, { business_name: 'Acme' }), existingCustomer(6, { business_name: 'Acme Inc' })]);
    expect(kinds(plan([rec({ business_name: 'Acme' })], existing, {}, { linker: ambiguous }))).toEqual(['conflict']);
    expect(kinds(plan([rec({ business_name: 'Acme' })], existing, {}, { linker: review }))).toEqual(['conflict']);
  });

  it('no match at all creates', () => {
    const p = plan([rec({ business_name: 'New Co', email: 'hi@newco.example' })], snap([existingCustomer(1, { email: 'a@b.example' })]));
    expect(only(p, 'create-customer').payload).toEqual({ business_name: 'New Co', email: 'hi@newco.example' });
  });

  it('two input records that match the same existing customer: the second is a conflict', () => {
    const p = plan(
      [rec({ id: 2, business_name: 'A' }), rec({ business_name: 'A2', email: 'x@a.example' })],
      snap([existingCustomer(2, { email: 'x@a.example' })]),
    );
    expect(kinds(p).sort()).toEqual(['conflict', 'update-customer']);
  });
});

describe('field policy', () => {
  const existing = () =>
    snap([
      existingCustomer(1, { business_name: 'Acme', email: 'ops@acme.example', phone: '(555) 010-0100', city: 'Springfield', notes: 'VIP' }),
    ]);

  it('blank cells never erase by default', () => {
    const p = plan([rec({ email: 'ops@acme.example', business_name: 'Acme', city: '' })], existing());
    expect(kinds(p)).toEqual(['skip']);
  });

  it('--blank clear erases explicitly blank cells', () => {
    const p = plan([rec({ email: 'ops@acme.example', business_name: 'Acme', city: '' })], existing(), { blank: 'clear' });
    const op = only(p, 'update-customer');
    expect(op.changes).toEqual([{ field: 'city', before: 'Springfield', after: '' }]);
  });

  it('--update fill writes only empty fields and shows the rest as held', () => {
    const p = plan([rec({ email: 'ops@acme.example', business_name: 'Acme', city: 'Shelbyville', zip: '12345' })], existing(), {
      update: 'fill',
    });
    const op = only(p, 'update-customer');
    expect(op.payload).toEqual({ zip: '12345' });
    expect(op.held).toEqual([{ field: 'city', before: 'Springfield', after: 'Shelbyville' }]);
  });

  it('--update overwrite writes every differing field', () => {
    const p = plan([rec({ email: 'ops@acme.example', business_name: 'Acme', city: 'Shelbyville', zip: '12345' })], existing(), {
      update: 'overwrite',
    });
    expect(only(p, 'update-customer').payload).toEqual({ city: 'Shelbyville', zip: '12345' });
  });

  it('a per-field override wins over the general policy', () => {
    const p = plan([rec({ email: 'ops@acme.example', business_name: 'Acme', city: 'Shelbyville', notes: 'new note' })], existing(), {
      update: 'overwrite',
      fields: { notes: 'never' },
    });
    const op = only(p, 'update-customer');
    expect(op.payload).toEqual({ city: 'Shelbyville' });
    expect(op.held.map((h) => h.field)).toEqual(['notes']);
  });

  it('a change that vanishes after normalization is no change: no write', () => {
    const p = plan([rec({ email: 'OPS@ACME.EXAMPLE', business_name: 'ACME', phone: '555.010.0100', city: ' springfield ' })], existing());
    expect(kinds(p)).toEqual(['skip']);
    expect(p.summary.writeCalls).toBe(0);
  });

  it('custom fields merge key by key and keep the ones not in the file', () => {
    const s = snap([
      existingCustomer(1, { email: 'ops@acme.example', properties: { 'Contract Tier': 'Gold', 'Customer Type': 'Business' } }),
    ]);
    const p = plan([rec({ email: 'ops@acme.example', properties: { 'Contract Tier': 'Platinum' } })], s);
    const op = only(p, 'update-customer');
    expect(op.payload.properties).toEqual({ 'Contract Tier': 'Platinum', 'Customer Type': 'Business' });
    expect(op.changes).toEqual([{ field: 'properties.Contract Tier', before: 'Gold', after: 'Platinum' }]);
  });
});

describe('duplicates inside the file', () => {
  const rows = () => [
    rec({ business_name: 'Dup Co', email: 'dup@dup.example', phone: '555-0101' }),
    rec({ business_name: 'Dup Co', email: 'DUP@dup.example', city: 'Austin' }),
  ];

  it('merge (default): one create with merged values naming every source row', () => {
    const p = plan(rows(), snap());
    const op = only(p, 'create-customer');
    expect(op.payload).toMatchObject({ business_name: 'Dup Co', phone: '555-0101', city: 'Austin' });
    expect(op.sources.map((s) => s.row)).toEqual([2, 3]);
  });

  it('conflict: the group becomes one conflict to decide', () => {
    const p = plan(rows(), snap(), { inFileDuplicates: 'conflict' });
    expect(only(p, 'conflict').sources).toHaveLength(2);
    expect(kinds(p)).toEqual(['conflict']);
  });
});

describe('contacts', () => {
  it('attach to a customer being created: the create waits for it', () => {
    const p = plan([rec({ business_name: 'New Co' }, [{ name: 'Ann Lee', email: 'ann@newco.example' }])], snap());
    const customer = only(p, 'create-customer');
    const contact = only(p, 'create-contact');
    expect(contact.customer).toEqual({ op: customer.id });
    expect(contact.dependsOn).toEqual([customer.id]);
  });

  it('a contact already under that customer is updated, not created again', () => {
    const s = snap(
      [existingCustomer(1, { email: 'ops@acme.example', business_name: 'Acme' })],
      [existingContact(10, 1, { name: 'Ann Lee', email: 'ann@acme.example' })],
    );
    const p = plan(
      [rec({ email: 'ops@acme.example', business_name: 'Acme' }, [{ name: 'Ann Lee', email: 'ANN@acme.example', title: 'CEO' }])],
      s,
    );
    const op = only(p, 'update-contact');
    expect(op.targetId).toBe(10);
    expect(op.payload).toEqual({ title: 'CEO' });
    expect(kinds(p)).not.toContain('create-contact');
  });

  it('a contact matched by name when it has no email', () => {
    const s = snap([existingCustomer(1, { email: 'ops@acme.example' })], [existingContact(10, 1, { name: 'Bob Stone' })]);
    const p = plan([rec({ email: 'ops@acme.example' }, [{ name: 'bob  stone' }])], s);
    expect(kinds(p)).toEqual(['skip', 'skip']);
  });

  it('an email known under another customer is a conflict to decide', () => {
    const s = snap(
      [existingCustomer(1, { email: 'ops@acme.example' }), existingCustomer(2, { email: 'x@other.example' })],
      [existingContact(10, 2, { name: 'Ann', email: 'ann@acme.example' })],
    );
    const p = plan([rec({ email: 'ops@acme.example' }, [{ name: 'Ann', email: 'ann@acme.example' }])], s);
    expect(only(p, 'conflict').entity).toBe('contact');
  });

  it('a contact id under another customer is a move', () => {
    const s = snap([existingCustomer(1, { email: 'ops@acme.example' }), existingCustomer(2)], [existingContact(10, 2, { name: 'Ann' })]);
    const p = plan([rec({ email: 'ops@acme.example' }, [{ id: 10, name: 'Ann' }])], s);
    expect(only(p, 'move-contact').toCustomer).toEqual({ id: 1 });
  });
});

describe('the plan document', () => {
  const input = () => [
    rec({ business_name: 'B Co', email: 'b@b.example' }, [{ name: 'Zed', email: 'z@b.example' }]),
    rec({ business_name: 'A Co', email: 'a@a.example', city: 'Dallas' }),
  ];
  const existing = () => snap([existingCustomer(1, { email: 'a@a.example', business_name: 'A Co' })]);

  it('is deterministic: the same input and snapshot give the same bytes', () => {
    resetRows();
    const a = serializePlan(plan(input(), existing()));
    resetRows();
    const b = serializePlan(plan(input(), existing()));
    expect(a).toBe(b);
    expect(a).not.toMatch(/"createdAt"/);
  });

  it('round-trips through its zod schema', () => {
    const p = plan(input(), existing());
    expect(parsePlan(serializePlan(p))).toEqual(p);
  });

  it('refuses other versions with a message that says what to do', () => {
    const text = serializePlan(plan(input(), existing())).replace('"version": 1', '"version": 2');
    expect(() => parsePlan(text)).toThrow(/version 2.*Plan the run again/);
  });

  it('counts the API calls and the time apply will take', () => {
    const p = plan(input(), existing(), { rateLimit: 60 });
    expect(p.summary.counts['create-customer']).toBe(1);
    expect(p.summary.counts['update-customer']).toBe(1);
    expect(p.summary.writeCalls).toBe(3); // 2 customers + 1 contact
    expect(p.summary.checkCalls).toBe(1); // one id[] page for the updated customer
    expect(p.summary.estimatedSeconds).toBe(4);
  });

  it('rejected rows become invalid operations naming the row', () => {
    const p = plan(
      [],
      snap(),
      {},
      {
        issues: [
          {
            source: { file: 'in.csv', row: 9 },
            field: 'email',
            value: 'nope',
            code: 'EMAIL_INVALID',
            message: 'is not an email address',
            severity: 'error',
          },
        ],
      },
    );
    const op = only(p, 'invalid');
    expect(op.sources).toEqual([{ file: 'in.csv', row: 9 }]);
  });
});

describe('the snapshot the plan was made from', () => {
  it('counts vendor contacts (no customer) beside customers and contacts, and they never become a match', () => {
    const s: Snapshot = { ...snap([existingCustomer(3, { business_name: 'Acme', email: 'ops@acme.example' })]), vendorContacts: 2 };
    const p = plan([rec({ business_name: 'Acme', email: 'ops@acme.example' })], s);
    expect(p.snapshot).toMatchObject({ customers: 1, vendorContacts: 2 });
    expect(parsePlan(serializePlan(p)).snapshot.vendorContacts).toBe(2);
  });

  it('says nothing of vendor contacts when there are none (plans of accounts without them keep their bytes)', () => {
    const p = plan([rec({ business_name: 'Acme' })], snap([]));
    expect('vendorContacts' in p.snapshot).toBe(false);
  });
});
