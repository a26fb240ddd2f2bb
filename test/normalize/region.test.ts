import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeState, normalizeZip } from '../../src/normalize/region.js';

describe('normalizeState', () => {
  it.each([
    ['Massachusetts', undefined, 'MA'],
    [' ny ', undefined, 'NY'],
    ['N.Y.', 'US', 'NY'],
    ['Calif.', undefined, 'CA'],
    ['district of columbia', 'US', 'DC'],
    ['Québec', 'CA', 'QC'],
    ['ontario', undefined, 'ON'],
    ['British Columbia', 'CA', 'BC'],
    ['Ontario', 'US', 'Ontario'],
    ['Bavaria', 'DE', 'Bavaria'],
    ['  Narnia ', undefined, 'Narnia'],
    ['nsw', 'AU', 'nsw'],
  ])('%j (%s) → %s', (raw, country, want) => expect(normalizeState(raw, country)).toBe(want));

  it('is idempotent and never throws (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(undefined, 'US', 'CA', 'GB'), (raw, c) => {
        const once = normalizeState(raw, c);
        expect(normalizeState(once, c)).toBe(once);
      }),
    );
  });
});

describe('normalizeZip', () => {
  it.each([
    ['2134', undefined, '02134'],
    ['02134', 'US', '02134'],
    ['2134.0', 'US', '02134'],
    ['2134-1234', 'US', '02134-1234'],
    ['021341234', 'US', '02134-1234'],
    ['21341234', 'US', '02134-1234'],
    ['k1a0b1', undefined, 'K1A 0B1'],
    ['K1A-0B1', 'CA', 'K1A 0B1'],
    [' SW1A 1AA ', 'GB', 'SW1A 1AA'],
    ['abc', 'US', 'abc'],
  ])('%j (%s) → %s', (raw, country, want) => expect(normalizeZip(raw, country)).toBe(want));

  it('is idempotent; US zips of 1-5 digits round-trip to 5 digits (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\d{3,9}$/), fc.stringMatching(/^[a-zA-Z]\d[a-zA-Z] ?\d[a-zA-Z]\d$/)),
        fc.constantFrom(undefined, 'US', 'CA', 'FR'),
        (raw, c) => {
          const once = normalizeZip(raw, c);
          expect(normalizeZip(once, c)).toBe(once);
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 99999 }), (n) => {
        const zip = normalizeZip(String(n), 'US');
        expect(zip).toMatch(/^\d{5}$/);
        expect(Number(zip)).toBe(n);
      }),
    );
  });
});
