/** The MSP-shaped data generator (test/helpers/msp-data.ts): seeded, and its truth agrees with its rows. */
import { describe, expect, it } from 'vitest';
import { companyMatchKey } from '../../src/normalize/index.js';
import { generateMspData, MEASUREMENT_SEEDS, mspCsv, pairwiseScore, TUNING_SEEDS } from '../helpers/msp-data.js';

const digits = (s: string | undefined): string => (s ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');

describe('generateMspData', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateMspData({ seed: 7, customers: 200 });
    const b = generateMspData({ seed: 7, customers: 200 });
    const c = generateMspData({ seed: 8, customers: 200 });
    expect(mspCsv(a)).toBe(mspCsv(b));
    expect(a.customerTruth).toEqual(b.customerTruth);
    expect(mspCsv(a)).not.toBe(mspCsv(c));
  });

  it('keeps tuning and measurement seeds apart', () => {
    expect(TUNING_SEEDS.filter((s) => MEASUREMENT_SEEDS.includes(s))).toEqual([]);
  });

  for (const seed of TUNING_SEEDS.slice(0, 3)) {
    it(`has truth consistent with its rows (seed ${seed})`, () => {
      const d = generateMspData({ seed, customers: 400 });
      expect(d.customers).toHaveLength(400);
      expect(d.rows).toHaveLength(d.customerTruth.length);
      expect(d.rows).toHaveLength(d.contactTruth.length);
      const byId = new Map(d.customers.map((c) => [c.id, c]));
      d.rows.forEach((row, i) => {
        const truth = byId.get(d.customerTruth[i]!)!;
        expect(d.contactTruth[i]!.startsWith(`${truth.id}/`)).toBe(true);
        // A row's company cells are its customer's values (blank, or written another way).
        if (row['Company Phone']) expect(digits(row['Company Phone'])).toBe(truth.phone);
        if (row.City) expect(row.City.toLowerCase()).toBe(truth.city.toLowerCase());
        if (row.State) expect(row.State).toBe(truth.state);
        if (row.Zip) expect(row.Zip).toBe(truth.zip);
        expect(Boolean(row.Company)).toBe(Boolean(truth.business));
        if (row.Email && !/@(gmail|yahoo|outlook|hotmail|aol|icloud|comcast)\./i.test(row.Email))
          expect(row.Email.toLowerCase().endsWith(`@${truth.domain}`)).toBe(true);
      });
      // Every trap family is there.
      expect(new Set(d.customers.map((c) => c.trap))).toEqual(
        new Set(['plain', 'variant', 'branch', 'franchise', 'namesake', 'residential', 'household']),
      );
      // Branches, franchisees, namesakes: the same name, another customer, another phone and address.
      const sameName = new Map<string, Set<string>>();
      d.rows.forEach((r, i) => {
        if (!r.Company) return;
        const k = companyMatchKey(r.Company);
        const s = sameName.get(k) ?? new Set<string>();
        sameName.set(k, s.add(d.customerTruth[i]!));
      });
      const shared = [...sameName.values()].filter((s) => s.size > 1);
      expect(shared.length).toBeGreaterThan(5);
      for (const ids of shared) {
        const cs = [...ids].map((id) => byId.get(id)!);
        for (let k = 1; k < cs.length; k++) {
          expect(cs[k]!.phone).not.toBe(cs[0]!.phone);
          expect(cs[k]!.address).not.toBe(cs[0]!.address);
        }
      }
      // Households: two customers at one home phone.
      const households = d.customers.filter((c) => c.trap === 'household');
      for (const h of households) expect(d.customers.filter((c) => c.phone === h.phone).length).toBeGreaterThanOrEqual(2);
      // ...by another first name: the same full name at one home and phone would be the same record.
      for (const h of households) expect(d.customers.filter((c) => c.phone === h.phone && c.first === h.first)).toHaveLength(1);
      // Two people of one client share neither a name nor a mailbox (else they would be one person listed twice).
      const people = new Map<string, string>();
      d.rows.forEach((r, i) => {
        const contact = d.contactTruth[i]!;
        const name = r['Contact Name']!.toLowerCase().split(/[ ,]+/).sort().join(' ');
        for (const key of [`name ${name}`, ...(r.Email ? [`mail ${r.Email.toLowerCase()}`] : [])]) {
          const at = `${d.customerTruth[i]} ${key}`;
          expect(people.get(at) ?? contact).toBe(contact);
          people.set(at, contact);
        }
      });
      // The snapshot's truth names real customers, with their canonical name.
      for (const c of d.syncro.snapshot.customers) expect(byId.get(d.syncro.truth.get(c.id)!)?.business ?? null).toBe(c.business_name);
    });
  }

  it('writes one company many ways within a customer', () => {
    const d = generateMspData({ seed: 3, customers: 400 });
    const names = new Map<string, Set<string>>();
    d.rows.forEach((r, i) => r.Company && names.set(d.customerTruth[i]!, (names.get(d.customerTruth[i]!) ?? new Set()).add(r.Company)));
    expect([...names.values()].filter((s) => s.size > 1).length).toBeGreaterThan(20);
  });
});

describe('pairwiseScore', () => {
  it('counts pairs put together against the truth', () => {
    // truth: {0,1,2} {3}; predicted: {0,1} {2,3}
    const s = pairwiseScore(['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'y']);
    expect(s).toMatchObject({ predicted: 2, truth: 3, correct: 1 });
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(pairwiseScore(['a', 'b'], ['x', 'y'])).toMatchObject({ precision: 1, recall: 1 });
  });
});
