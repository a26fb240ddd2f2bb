import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFields, rankMembers } from '../../src/audit/survivorship.js';
import type { Candidate } from '../../src/audit/survivorship.js';

const FIELDS = ['business_name', 'email', 'phone', 'city', 'notes', 'properties'] as const;
const cand = (id: number, linked: number, record: Record<string, unknown>): Candidate => ({
  id,
  label: `C${id}`,
  linked,
  record: { created_at: '2024-01-01T00:00:00Z', ...record },
});
const defaults = { rules: ['linked', 'oldest', 'complete'] as Array<'linked' | 'oldest' | 'complete'>, fields: {} };

describe('choosing the survivor', () => {
  it('most linked records first', () => {
    const { ranked, reason } = rankMembers([cand(1, 2, {}), cand(2, 9, {})], FIELDS, defaults);
    expect(ranked[0]!.id).toBe(2);
    expect(reason).toMatch(/most linked records \(9 vs 2\)/);
  });
  it('then the oldest', () => {
    const { ranked, reason } = rankMembers(
      [cand(1, 3, { created_at: '2023-05-01T00:00:00Z' }), cand(2, 3, { created_at: '2021-01-01T00:00:00Z' })],
      FIELDS,
      defaults,
    );
    expect(ranked[0]!.id).toBe(2);
    expect(reason).toMatch(/oldest/);
  });
  it('then the most complete', () => {
    const { ranked, reason } = rankMembers(
      [cand(1, 0, { email: 'a@x.example' }), cand(2, 0, { email: 'a@x.example', phone: '1', city: 'Reno' })],
      FIELDS,
      defaults,
    );
    expect(ranked[0]!.id).toBe(2);
    expect(reason).toMatch(/most complete \(3 fields/);
  });
  it('then the lowest id', () => {
    expect(rankMembers([cand(5, 0, {}), cand(3, 0, {})], FIELDS, defaults).ranked[0]!.id).toBe(3);
  });
  it('the rule order is configurable', () => {
    const members = [cand(1, 9, { created_at: '2024-01-01T00:00:00Z' }), cand(2, 1, { created_at: '2020-01-01T00:00:00Z' })];
    expect(rankMembers(members, FIELDS, defaults).ranked[0]!.id).toBe(1);
    expect(rankMembers(members, FIELDS, { rules: ['oldest', 'linked'], fields: {} }).ranked[0]!.id).toBe(2);
  });
});

describe('merging fields', () => {
  it("the survivor's value wins; its blanks are filled from the others; a value it does not keep is in its notes", () => {
    const { payload } = mergeFields(
      [cand(1, 0, { email: 'keep@x.example', city: null }), cand(2, 0, { email: 'lose@x.example', city: 'Reno', phone: '555' })],
      FIELDS,
      defaults,
    );
    expect(payload).toEqual({ city: 'Reno', phone: '555', notes: '--- merged from #2 (C2):\nemail: lose@x.example' });
  });
  it('notes are concatenated with their origin', () => {
    const { payload } = mergeFields([cand(1, 0, { notes: 'Gate code 1234' }), cand(2, 0, { notes: 'Prefers email' })], FIELDS, defaults);
    expect(payload.notes).toBe('Gate code 1234\n--- merged from #2 (C2):\nPrefers email');
  });
  it('custom fields merge key by key, survivor first', () => {
    const { payload } = mergeFields(
      [cand(1, 0, { properties: { Tier: 'Gold' } }), cand(2, 0, { properties: { Tier: 'Silver', Region: 'West' } })],
      FIELDS,
      defaults,
    );
    expect(payload.properties).toEqual({ Tier: 'Gold', Region: 'West' });
    expect(payload.notes).toBe('--- merged from #2 (C2):\nTier: Silver');
  });
  it("a duplicate's notes and the values the survivor does not keep go under one origin line; equal values written another way do not", () => {
    const { payload } = mergeFields(
      [
        cand(1, 0, { notes: 'Gate code 1234', phone: '(206) 555-0100', email: 'it@x.example' }),
        cand(2, 0, { notes: 'Alarm 9', phone: '206-555-0100', email: 'IT@x.example' }),
        cand(3, 0, { phone: '206-555-0199' }),
      ],
      FIELDS,
      defaults,
    );
    expect(payload.notes).toBe('Gate code 1234\n--- merged from #2 (C2):\nAlarm 9\n--- merged from #3 (C3):\nphone: 206-555-0199');
  });
  it('a per-field "newest" rule takes the most recently updated value', () => {
    const members = [cand(1, 0, { phone: '111', updated_at: '2022-01-01' }), cand(2, 0, { phone: '222', updated_at: '2024-01-01' })];
    expect(mergeFields(members, FIELDS, defaults).payload.phone).toBeUndefined();
    expect(mergeFields(members, FIELDS, { rules: defaults.rules, fields: { phone: 'newest' } }).payload.phone).toBe('222');
  });
  it('never drops a value: every non-blank value of any member is on the survivor or in its notes (property)', () => {
    const value = fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.record({ email: value, phone: value, city: value }), { minLength: 2, maxLength: 4 }), (records) => {
        const members = records.map((r, i) => cand(i + 1, 0, r));
        const { payload } = mergeFields(members, FIELDS, defaults);
        const after = { ...members[0]!.record, ...payload };
        for (const f of ['email', 'phone', 'city']) {
          const anyValue = members.some((m) => m.record[f] !== null);
          expect(after[f] !== null && after[f] !== undefined).toBe(anyValue);
          for (const m of members.slice(1)) {
            const v = m.record[f];
            if (v !== null && v !== after[f]) expect(String(after.notes)).toContain(`--- merged from #${m.id} (C${m.id}):`);
            if (v !== null && v !== after[f]) expect(String(after.notes).split('\n')).toContain(`${f}: ${String(v)}`);
          }
        }
      }),
    );
  });
});
