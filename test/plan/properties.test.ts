/**
 * Planner properties over random inputs and snapshots: deterministic, every
 * input row accounted for exactly once, never a second customer for an email
 * Syncro already has, and idempotent — applying the plan (simulated) and
 * planning again yields no writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/model/contact.js';
import type { Customer } from '../../src/model/customer.js';
import type { CustomerRecord } from '../../src/model/records.js';
import { assembleImportPlan } from '../../src/plan/assemble.js';
import { serializePlan } from '../../src/plan/io.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/options.js';
import type { Plan } from '../../src/plan/schema.js';
import { emailKey } from '../../src/plan/snapshot-index.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import type { SyncroContact, SyncroCustomer } from '../../src/syncro/types.js';
import { existingContact, existingCustomer } from '../helpers/records.js';

const names = fc.constantFrom('Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay');
const cities = fc.constantFrom('Austin', 'Boston', 'Denver', '');
const emails = fc.constantFrom(
  'ops@acme.example',
  'OPS@acme.example',
  'it@globex.example',
  'hi@initech.example',
  'x@hooli.example',
  undefined,
);
const contactArb: fc.Arbitrary<Contact> = fc.record(
  {
    name: fc.constantFrom('Ann Lee', 'Bo Diaz', 'Cy Young'),
    email: fc.constantFrom('ann@a.example', 'bo@b.example', 'cy@c.example', undefined),
    title: fc.constantFrom('CEO', 'IT', undefined),
  },
  { requiredKeys: ['name'] },
);
const customerArb: fc.Arbitrary<Customer> = fc.record(
  { business_name: names, email: emails, city: cities },
  { requiredKeys: ['business_name'] },
);
const inputArb = fc.array(fc.tuple(customerArb, fc.array(contactArb, { maxLength: 2 })), { maxLength: 8 });
const snapshotArb = fc.array(fc.tuple(customerArb, fc.array(contactArb, { maxLength: 2 })), { maxLength: 5 }).map((list): Snapshot => {
  const customers: SyncroCustomer[] = [];
  const contacts: SyncroContact[] = [];
  list.forEach(([c, ks], i) => {
    customers.push(existingCustomer(i + 1, { business_name: c.business_name ?? null, email: c.email ?? null, city: c.city || null }));
    ks.forEach((k, j) =>
      contacts.push(
        existingContact(100 + i * 10 + j, i + 1, {
          name: k.name ?? null,
          email: k.email ?? null,
          properties: k.title ? { title: k.title } : {},
        }),
      ),
    );
  });
  return { takenAt: 'x', customers, contacts };
});

function records(input: Array<[Customer, Contact[]]>): CustomerRecord[] {
  let row = 1;
  return input.map(([customer, contacts]) => {
    const r = ++row;
    return {
      sources: [{ file: 'in.csv', row: r }],
      customer: { ...customer },
      contacts: contacts.map((contact, i) => ({ sources: [{ file: 'in.csv', row: r * 10 + i }], contact: { ...contact } })),
    };
  });
}

const plan = (input: Array<[Customer, Contact[]]>, snapshot: Snapshot): Plan =>
  assembleImportPlan({
    records: records(input),
    issues: [],
    snapshot,
    inputs: [],
    target: { baseUrl: 'x', sandbox: true },
    options: DEFAULT_PLAN_OPTIONS,
  });

/** What Syncro would hold after the plan's writes (creates get fresh ids). */
function applyInMemory(p: Plan, snapshot: Snapshot): Snapshot {
  const customers = snapshot.customers.map((c) => ({ ...c }));
  const contacts = snapshot.contacts.map((k) => ({ ...k, properties: { ...k.properties } }));
  const created = new Map<string, number>();
  let nextId = 1000;
  for (const op of p.operations) {
    if (op.kind === 'create-customer') {
      const id = nextId++;
      created.set(op.id, id);
      customers.push(existingCustomer(id, op.payload as Partial<SyncroCustomer>));
    } else if (op.kind === 'update-customer') {
      Object.assign(
        customers.find((c) => c.id === op.targetId)!,
        op.payload,
      );
    } else if (op.kind === 'create-contact') {
      const customerId = 'id' in op.customer ? op.customer.id : created.get(op.customer.op)!;
      const { title, ...rest } = op.payload as Record<string, unknown>;
      contacts.push(
        existingContact(nextId++, customerId, { ...(rest as Partial<SyncroContact>), properties: title ? { title: String(title) } : {} }),
      );
    } else if (op.kind === 'update-contact') {
      const k = contacts.find((x) => x.id === op.targetId)!;
      const { title, ...rest } = op.payload as Record<string, unknown>;
      Object.assign(k, rest);
      if (title !== undefined) k.properties = { ...k.properties, title: String(title) };
    }
  }
  return { takenAt: 'y', customers, contacts };
}

describe('planner properties', () => {
  it('is deterministic', () => {
    fc.assert(
      fc.property(inputArb, snapshotArb, (input, snapshot) => {
        expect(serializePlan(plan(input, snapshot))).toBe(serializePlan(plan(input, snapshot)));
      }),
    );
  });

  it('accounts for every input customer row exactly once', () => {
    fc.assert(
      fc.property(inputArb, snapshotArb, (input, snapshot) => {
        const p = plan(input, snapshot);
        const customerOps = p.operations.filter(
          (o) => ['create-customer', 'update-customer', 'conflict'].includes(o.kind) || (o.kind === 'skip' && o.entity === 'customer'),
        );
        const rows = customerOps.flatMap((o) => o.sources.map((s) => s.row)).filter((r) => r < 10);
        expect(rows.sort((a, b) => a - b)).toEqual(records(input).map((r) => r.sources[0]!.row));
      }),
    );
  });

  it('never creates a customer whose email Syncro or another create already has', () => {
    fc.assert(
      fc.property(inputArb, snapshotArb, (input, snapshot) => {
        const p = plan(input, snapshot);
        const existing = new Set(snapshot.customers.map((c) => emailKey(c.email)).filter(Boolean));
        const createdEmails = p.operations
          .filter((o) => o.kind === 'create-customer')
          .map((o) => emailKey((o as { payload: { email?: string } }).payload.email))
          .filter(Boolean);
        for (const e of createdEmails) expect(existing.has(e)).toBe(false);
        expect(new Set(createdEmails).size).toBe(createdEmails.length);
      }),
    );
  });

  it('contact creates wait for the customer create they reference', () => {
    fc.assert(
      fc.property(inputArb, snapshotArb, (input, snapshot) => {
        const p = plan(input, snapshot);
        const ids = new Set(p.operations.filter((o) => o.kind === 'create-customer').map((o) => o.id));
        for (const op of p.operations)
          if (op.kind === 'create-contact' && 'op' in op.customer) {
            expect(ids.has(op.customer.op)).toBe(true);
            expect(op.dependsOn).toContain(op.customer.op);
          }
      }),
    );
  });

  it('is idempotent: after applying the plan, planning again writes nothing (but for rows left as conflicts)', () => {
    fc.assert(
      fc.property(inputArb, snapshotArb, (input, snapshot) => {
        const first = plan(input, snapshot);
        const undecided = new Set(
          first.operations.flatMap((o) =>
            o.kind === 'conflict' ? [...o.sources, ...o.contacts.flatMap((c) => c.sources)].map((s) => s.row) : [],
          ),
        );
        const second = plan(input, applyInMemory(first, snapshot));
        const writes = second.operations.filter(
          (o) => o.kind !== 'skip' && o.kind !== 'conflict' && !o.sources.every((s) => undecided.has(s.row)),
        );
        expect(writes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
