import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jaro,
  jaroWinkler,
  jaroWinklerAtLeast,
  levenshteinRatio,
  soundex,
  weightedTokenContainment,
  weightedTokenSetSimilarity,
} from '../../src/match/similarity.js';

const word = fc.string({ minLength: 0, maxLength: 12 });

describe('jaro / jaroWinkler', () => {
  it('match known values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('are in [0, 1], symmetric, and 1 exactly for equal strings (property)', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(jaroWinkler(b, a)).toBe(s);
        expect(jaro(b, a)).toBe(jaro(a, b));
        expect(jaroWinkler(a, a)).toBe(1);
        if (a !== b && s === 1) expect.unreachable(`${a} ≠ ${b} scored 1`);
      }),
      { numRuns: 3000 },
    );
  });

  it('jaroWinklerAtLeast never hides a score that reaches the bar (property)', () => {
    fc.assert(
      fc.property(word, word, fc.double({ min: 0.4, max: 1, noNaN: true }), (a, b, min) => {
        const exact = jaroWinkler(a, b);
        const bounded = jaroWinklerAtLeast(a, b, min);
        if (exact >= min) expect(bounded).toBe(exact);
        else expect(bounded < min).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('levenshteinRatio', () => {
  it('is 1 − distance / longer length', () => {
    expect(levenshteinRatio('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 10);
    expect(levenshteinRatio('', '')).toBe(1);
  });
  it('is symmetric and in [0, 1] (property)', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const r = levenshteinRatio(a, b);
        expect(r).toBe(levenshteinRatio(b, a));
        expect(r >= 0 && r <= 1).toBe(true);
      }),
    );
  });
});

describe('soundex', () => {
  it.each([
    ['robert', 'R163'],
    ['rupert', 'R163'],
    ['ashcraft', 'A261'],
    ['tymczak', 'T522'],
    ['pfister', 'P236'],
    ['', ''],
    ['123', ''],
  ])('%s → %s', (s, code) => expect(soundex(s)).toBe(code));

  it('is a letter and three digits, ignores case (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,12}$/), (s) => {
        expect(soundex(s)).toMatch(/^[A-Z]\d{3}$/);
        expect(soundex(s.toUpperCase())).toBe(soundex(s));
      }),
    );
  });
});

describe('weighted token sets', () => {
  const w = (t: string): number => (t === 'group' ? 0.2 : 1);
  it('ignore token order and weigh rare tokens more', () => {
    expect(weightedTokenSetSimilarity(['quitzon', 'group'], ['group', 'quitzon'], w)).toBe(1);
    expect(weightedTokenSetSimilarity(['quitzon', 'group'], ['quitzon', 'partners'], w)).toBeGreaterThan(
      weightedTokenSetSimilarity(['quitzon', 'group'], ['smith', 'group'], w),
    );
    expect(weightedTokenContainment(['palm'], ['palm', 'los', 'angeles'], w)).toBe(1);
  });

  it('are symmetric under reordering and in [0, 1] (property)', () => {
    const tokens = fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 5 });
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const s = weightedTokenSetSimilarity(a, b, w);
        expect(s >= 0 && s <= 1).toBe(true);
        expect(weightedTokenSetSimilarity([...a].reverse(), b, w)).toBeCloseTo(s, 10);
        if (a.length > 0) expect(weightedTokenSetSimilarity(a, a, w)).toBeCloseTo(1, 10);
      }),
    );
  });
});
