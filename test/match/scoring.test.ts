import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactFirstWeights } from '../../src/match/scoring.js';

describe('exactFirstWeights', () => {
  it('puts exact agreement above every other level and leaves the others as estimated (property)', () => {
    const weight = fc.double({ min: -40, max: 40, noNaN: true });
    fc.assert(
      fc.property(fc.array(weight, { minLength: 2, maxLength: 6 }), (raw) => {
        const w = Array.from(exactFirstWeights(raw));
        const clamp = (x: number) => Math.max(-20, Math.min(20, x));
        for (let l = 1; l < raw.length; l++) {
          expect(w[l]).toBe(clamp(raw[l]!));
          expect(w[0]).toBeGreaterThanOrEqual(w[l]! + 0.5);
        }
        // Left alone when it already leads.
        if (raw.slice(1).every((x) => clamp(raw[0]!) >= clamp(x) + 0.5)) expect(w[0]).toBe(clamp(raw[0]!));
      }),
    );
  });

  it('breaks the tie of levels whose u sits at its floor: an exact name beats a misspelt one', () => {
    // m favours "close" (most true pairs misspelt), u at its floor for both: log2(m/u).
    const u = 1.7e-5;
    const w = exactFirstWeights([Math.log2(0.23 / u), Math.log2(0.56 / u), Math.log2(0.001 / 0.999)]);
    expect(w[0]).toBeGreaterThan(w[1]!);
    expect(w[2]).toBeLessThan(0);
  });
});
