/**
 * A contact email under two customers the input makes (adversarial pass:
 * "Acme Plumbing - Denver" and "Acme Plumbing" each with ann@acmeplumbing.com)
 * is a conflict on both sides, never two silent creates; the same email
 * under one customer (rows folded into it) is one contact, no conflict.
 */
import { describe, expect, it } from 'vitest';
import { assembleImportPlan } from '../../src/plan/assemble.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/options.js';
import type { CustomerRecord } from '../../src/model/records.js';
import type { Plan } from '../../src/plan/schema.js';

const EMPTY = { takenAt: '2026-01-01T00:00:00.000Z', customers: [], contacts: [] };
let row = 2;
const rec = (business_name: string, city: string, phone: string, ...emails: string[]): CustomerRecord => ({
  sources: [{ file: 'f.csv', row: row++ }],
  customer: { business_name, city, phone },
  contacts: emails.map((email) => ({ sources: [{ file: 'f.csv', row: row++ }], contact: { name: email.split('@')[0]!, email } })),
});
const plan = (records: CustomerRecord[]): Plan =>
  assembleImportPlan({
    records,
    issues: [],
    snapshot: EMPTY,
    inputs: [],
    target: { baseUrl: 'x', sandbox: true },
    options: DEFAULT_PLAN_OPTIONS,
  });
const contactOps = (p: Plan) =>
  p.operations.flatMap((o) =>
    o.kind === 'create-contact' || (o.kind === 'conflict' && o.entity === 'contact')
      ? [{ kind: o.kind, email: String(o.payload.email) }]
      : [],
  );

describe('a contact email under two customers of the input', () => {
  it('is a conflict under each, naming the other customer; their other contacts are created', () => {
    const p = plan([
      rec('Acme Plumbing - Denver', 'Denver', '303-555-0100', 'ann@acmeplumbing.com'),
      rec('Smith & Sons, Inc.', 'Austin', '512-555-0199', 'joe@smithsons.com'),
      rec('Acme Plumbing', 'Boston', '617-555-0100', 'Ann@AcmePlumbing.com', 'bo@acmeplumbing.com'),
    ]);
    expect(p.operations.filter((o) => o.kind === 'create-customer')).toHaveLength(3);
    expect(contactOps(p)).toEqual([
      { kind: 'conflict', email: 'ann@acmeplumbing.com' },
      { kind: 'create-contact', email: 'joe@smithsons.com' },
      { kind: 'conflict', email: 'Ann@AcmePlumbing.com' },
      { kind: 'create-contact', email: 'bo@acmeplumbing.com' },
    ]);
    const reasons = p.operations.flatMap((o) => (o.kind === 'conflict' ? [o.reason] : []));
    expect(reasons[0]).toMatch(/also a contact of Acme Plumbing in this input/);
    expect(reasons[1]).toMatch(/also a contact of Acme Plumbing - Denver in this input/);
  });

  it('is one contact when the rows are one customer (folded by the same phone and name)', () => {
    const p = plan([
      rec('Acme Plumbing', 'Boston', '617-555-0100', 'ann@acmeplumbing.com'),
      rec('Acme Plumbing', 'Boston', '617-555-0100', 'ann@acmeplumbing.com'),
    ]);
    expect(p.operations.filter((o) => o.kind === 'create-customer')).toHaveLength(1);
    expect(contactOps(p)).toEqual([{ kind: 'create-contact', email: 'ann@acmeplumbing.com' }]);
  });
});
