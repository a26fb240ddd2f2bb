import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockIndex, blockingKeyHashes, blockingKeys, hashKey, keyHashes } from '../../src/match/blocking.js';
import { buildEngine } from '../../src/match/engine.js';
import { prepareRecord } from '../../src/match/prepare.js';
import type { MatchRecord } from '../../src/match/types.js';
import { generateContacts } from '../../bench/contact-generator.js';

const ctx = { companyTokenCount: (t: string) => t.length };
const prep = (r: Omit<MatchRecord, 'key'>) => prepareRecord({ key: 'k', ...r }, ['dob']);

const recordArb = fc.record(
  {
    name: fc.oneof(fc.constantFrom('John Smith', 'Mary-Jane McDonald', 'Smith, John'), fc.string()),
    company: fc.oneof(fc.constantFrom('Acme Widgets Inc', 'The Smith & Jones Co.'), fc.string()),
    email: fc.oneof(fc.emailAddress(), fc.string()),
    phone: fc.array(fc.oneof(fc.constant('(212) 555-0199'), fc.string()), { maxLength: 2 }),
    address: fc.oneof(fc.constant('12 Main Street'), fc.string()),
    city: fc.string(),
    zip: fc.oneof(fc.stringMatching(/^\d{5}$/), fc.string()),
    extra: fc.record({ dob: fc.stringMatching(/^\d{8}$/) }),
  },
  { requiredKeys: [] },
);

describe('blocking keys', () => {
  it('hash without strings exactly as the readable keys do (property)', () => {
    fc.assert(
      fc.property(recordArb, (r) => {
        const p = prep(r);
        const expected = Array.from(keyHashes(blockingKeys(p, ctx)));
        expect(Array.from(blockingKeyHashes(p, ctx))).toEqual(expected);
        const memo = new Map<string, number[]>();
        expect(Array.from(blockingKeyHashes(p, ctx, memo))).toEqual(expected);
        expect(Array.from(blockingKeyHashes(p, ctx, memo))).toEqual(expected); // from the memo
      }),
      { numRuns: 500 },
    );
  });

  it('do not depend on case, spacing or punctuation of the cells (property)', () => {
    const shout = (s: string | undefined) => (s === undefined ? s : `  ${s.toUpperCase().replace(/ /g, '   ')} `);
    fc.assert(
      fc.property(recordArb, (r) => {
        const loud = {
          ...r,
          name: shout(r.name),
          company: shout(r.company),
          email: shout(r.email),
          address: shout(r.address),
          city: shout(r.city),
        };
        const keys = (x: typeof r) => new Set(blockingKeys(prep(x), ctx));
        // Turkish dotted I and similar fold differently; keep to ASCII cells.
        fc.pre(Object.values(r).every((v) => typeof v !== 'string' || /^[\x20-\x7e]*$/.test(v)));
        expect(keys(loud)).toEqual(keys(r));
      }),
      { numRuns: 500 },
    );
  });

  it('still share a key after one typo in the surname or the company (property)', () => {
    const word = fc.stringMatching(/^[a-z]{5,9}$/);
    fc.assert(
      fc.property(word, word, word, fc.nat(), (first, last, co, k) => {
        const i = 1 + (k % (last.length - 1));
        const typo = last.slice(0, i) + (last[i] === 'x' ? 'y' : 'x') + last.slice(i + 1);
        const a = blockingKeys(prep({ name: `${first} ${last}`, company: co, zip: '02134' }), ctx);
        const b = new Set(blockingKeys(prep({ name: `${first} ${typo}`, company: `${co.slice(0, 2)}q${co.slice(3)}`, zip: '02134' }), ctx));
        expect(a.some((x) => b.has(x))).toBe(true);
      }),
    );
  });

  it('join a company name to itself with one letter lost, a stray mark splitting a word, or its legal form glued on (property)', () => {
    const word = fc.stringMatching(/^[a-z]{4,8}$/);
    const share = (x: string, y: string) => {
      const b = new Set(blockingKeys(prep({ company: y }), ctx));
      return blockingKeys(prep({ company: x }), ctx).some((k) => b.has(k));
    };
    fc.assert(
      fc.property(word, word, fc.nat(), fc.constantFrom('PLC', 'LLC', 'Inc'), (w1, w2, k, form) => {
        const i = 1 + (k % (w1.length - 2));
        // "Cormier-Stanton" / "Comier-St^nton": a letter lost in one word and a stray mark splitting the other.
        expect(share(`${w1}-${w2}`, `${w1.slice(0, i)}${w1.slice(i + 1)}-${w2.slice(0, 2)}^${w2.slice(2)}`)).toBe(true);
        // "Kihn PLC" / "Kihn5PLC": the legal form glued on by a stray character.
        expect(share(`${w1} ${form}`, `${w1}5${form}`)).toBe(true);
      }),
    );
  });

  it('mark families that are skipped rather than windowed when oversized', () => {
    expect(hashKey('ct:S530') & 1).toBe(1);
    expect(hashKey('x0:19560409') & 1).toBe(1);
    expect(hashKey('cs:acmeinc') & 1).toBe(0);
    expect(hashKey('lz:S530|02134') & 1).toBe(0);
    expect(hashKey('l:jsmith') & 1).toBe(1);
  });
});

describe('BlockIndex', () => {
  const hashes = (keys: string[]) => keyHashes(keys);
  it('finds block mates once each, windows big blocks and skips big skip-family blocks', () => {
    // 30 records share a windowed key (family e) and a skipped key (family ct); two share a small block.
    const keys = Array.from({ length: 30 }, (_, i) => ['e:shared', 'ct:S530', i < 2 ? 'p:1' : `p:${i}`]);
    const sortKeys = keys.map((_, i) => `name${String(i).padStart(2, '0')}`);
    const index = new BlockIndex(sortKeys, keys.map(hashes), 20, 2);
    const stamp = new Int32Array(30);
    const seen: number[] = [];
    index.candidates(hashes(['e:shared', 'ct:S530', 'p:1']), 'name10', -1, stamp, 1, (j) => seen.push(j));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 8, 9, 10, 11]);
    expect(index.oversizedBlocks).toBe(1);
  });
  it('in dedupe mode visits each pair once, from its lower side', () => {
    const keys = Array.from({ length: 40 }, () => ['e:shared']);
    const index = new BlockIndex(
      keys.map((_, i) => `k${String(i).padStart(2, '0')}`),
      keys.map(hashes),
      20,
      3,
    );
    const stamp = new Int32Array(40);
    const pairs = new Set<string>();
    for (let i = 0; i < 40; i++) index.candidates(hashes(keys[i]!), '', i, stamp, i + 1, (j) => pairs.add(`${i}|${j}`));
    for (const p of pairs) {
      const [i, j] = p.split('|').map(Number) as [number, number];
      expect(j).toBeGreaterThan(i);
      expect(j - i).toBeLessThanOrEqual(3);
    }
    expect(pairs.size).toBe(39 + 38 + 37);
  });
});

describe('blocked against naive all-pairs matching (differential)', () => {
  it('finds nearly every pair the same scorer calls a match among all pairs', () => {
    const g = generateContacts(600, 7);
    const engine = buildEngine(g.incoming, g.existing, { entity: 'contacts' });
    const blocked = new Set<string>();
    engine.scoreAll((i, j, score) => {
      if (score >= engine.model.thresholds.match) blocked.add(`${i}|${j}`);
    });
    const levels = new Uint8Array(engine.fields.length);
    let all = 0;
    let kept = 0;
    for (let i = 0; i < engine.left.length; i++) {
      for (let j = 0; j < engine.right.length; j++) {
        if (engine.scorePair(i, j, levels) < engine.model.thresholds.match) continue;
        all++;
        if (blocked.has(`${i}|${j}`)) kept++;
      }
    }
    expect(all).toBeGreaterThan(250);
    expect(kept / all).toBeGreaterThanOrEqual(0.99);
    expect(engine.stats.comparisons).toBeLessThan(0.1 * 600 * 600);
  });
});
