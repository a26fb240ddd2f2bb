import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberSet } from '../../src/plan/number-set.js';
import { OperationIds } from '../../src/plan/ids.js';

describe('NumberSet', () => {
  it('answers as a Set<number> would, through growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(50), fc.maxSafeNat(), fc.integer({ min: 2 ** 32 - 3, max: 2 ** 32 + 3 })), { maxLength: 3000 }),
        (ns) => {
          const mine = new NumberSet();
          const ref = new Set<number>();
          for (const n of ns) expect(mine.add(n)).toBe(!ref.has(n) && Boolean(ref.add(n)));
          expect(mine.size).toBe(ref.size);
          for (const n of ns) expect(mine.has(n)).toBe(true);
          for (const n of [51, 2 ** 32 + 4, 7_777_777]) expect(mine.has(n)).toBe(ref.has(n));
        },
      ),
    );
  });

  it('refuses what it cannot hold exactly', () => {
    const s = new NumberSet();
    for (const bad of [-1, 0.5, 2 ** 53, Number.NaN]) expect(() => s.add(bad)).toThrow(RangeError);
  });
});

describe('OperationIds', () => {
  it('gives the same rows the same id, and a repeat "-2", "-3" (as the journal expects)', () => {
    const ids = new OperationIds();
    const src = [{ file: 'a.csv', row: 2 }];
    const first = ids.next('create-customer', src);
    expect(first).toMatch(/^cc-[0-9a-f]{10}$/);
    expect(ids.next('create-customer', src)).toBe(`${first}-2`);
    expect(ids.next('create-customer', src)).toBe(`${first}-3`);
    expect(new OperationIds().next('create-customer', src)).toBe(first);
    const contact = ids.next('create-contact', src);
    expect(contact.slice(3)).not.toBe(first.slice(3)); // the kind is hashed too
    expect(ids.next('create-contact', src)).toBe(`${contact}-2`);
  });

  it('keeps the ids plans were always given (a journal of a run planned before still matches): sha256 of kind, sources, discriminator', () => {
    const sources = [
      { file: 'a.csv', row: 2 },
      { file: 'b.xlsx', sheet: 'Clients', row: 9 },
    ];
    const expected = createHash('sha256');
    for (const piece of ['conflict', '|a.csv||2', '|b.xlsx|Clients|9', '|in-file']) expected.update(piece);
    expect(new OperationIds().next('conflict', sources, 'in-file')).toBe(`cf-${expected.digest('hex').slice(0, 10)}`);
    expect(new OperationIds().next('create-customer', [{ file: 'clients.csv', row: 3 }])).toBe(
      'cc-' + createHash('sha256').update('create-customer|clients.csv||3|').digest('hex').slice(0, 10),
    );
  });
});
