import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairMemo } from '../../src/match/pair-memo.js';
import { buildFields } from '../../src/match/fields.js';
import { PrepareMemo, prepareRecord } from '../../src/match/prepare.js';
import type { Prepared } from '../../src/match/prepare.js';
import { generateContacts } from '../../bench/contact-generator.js';

describe('PairMemo', () => {
  it('gives back what was set, -1 for what was not, across growth (property, against a Map)', () => {
    const op = fc.tuple(fc.nat(300), fc.nat(300), fc.nat(6), fc.boolean());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const memo = new PairMemo();
        const model = new Map<string, number>();
        for (const [x, y, level, write] of ops) {
          if (write) {
            memo.set(x, y, level);
            model.set(`${x},${y}`, level);
          } else expect(memo.get(x, y)).toBe(model.get(`${x},${y}`) ?? -1);
        }
        for (const [key, level] of model) {
          const [x, y] = key.split(',').map(Number) as [number, number];
          expect(memo.get(x, y)).toBe(level);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('starts over when full instead of growing without bound', () => {
    const memo = new PairMemo(1000);
    for (let i = 0; i < 1000; i++) memo.set(i, i + 1, i % 7);
    expect(memo.get(999, 1000)).toBe(999 % 7);
    for (let i = 1000; i < 2000; i++) memo.set(i, 0, 1);
    expect(memo.size).toBeLessThanOrEqual(1000);
    expect(memo.get(1999, 0)).toBe(1); // the newest entry survives the restart
  });
});

describe('memoised comparators', () => {
  it('give the level the plain comparators give, for every pair (ids interned as the engine does)', () => {
    const g = generateContacts(600, 3);
    const memo = new PrepareMemo();
    const withIds = [...g.incoming, ...g.existing].map((r) => prepareRecord(r, [], memo));
    const plain = withIds.map((p) => ({ ...p, firstId: -1, lastId: -1, companyId: -1 }));
    for (const list of [withIds, plain])
      for (const p of list) p.companyWeights = Float64Array.from(p.companyTokens, (t) => 1 + (t.length % 3));
    const memoised = buildFields([]);
    const reference = buildFields([]);
    const pick = (name: string) => [memoised.find((f) => f.name === name)!, reference.find((f) => f.name === name)!] as const;
    let compared = 0;
    for (const name of ['firstname', 'lastname', 'company']) {
      const [m, r] = pick(name);
      // Twice over the same pairs: the second pass reads the memo.
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < 400; i++) {
          for (let j = 0; j < 400; j += 7) {
            const a = withIds[i] as Prepared;
            const b = withIds[j + 400] as Prepared;
            expect(m.compare(a, b)).toBe(r.compare(plain[i] as Prepared, plain[j + 400] as Prepared));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});
