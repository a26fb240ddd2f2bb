/**
 * The decision a workbook cell stands for, parsed once (plan/decision.ts):
 * every choice the report offers parses, and text and union convert both ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionText, isSkipped, parseDecision } from '../../src/plan/decision.js';
import type { Decision } from '../../src/plan/decision.js';
import { decisionOptions } from '../../src/report/decision-rules.js';
import { buildPlan } from '../report/plan-fixture.js';

const id = fc.integer({ min: 1, max: 2 ** 31 });
const decision: fc.Arbitrary<Decision> = fc.oneof(
  fc.constantFrom<Decision>({ kind: 'apply' }, { kind: 'skip' }, { kind: 'create' }, { kind: 'merge' }),
  id.map((n): Decision => ({ kind: 'existing', id: n })),
  id.map((n): Decision => ({ kind: 'survivor', id: n })),
);

describe('decisions as data', () => {
  it('text and union are one vocabulary: parse(text(d)) is d', () => {
    fc.assert(
      fc.property(decision, (d) => {
        expect(parseDecision(decisionText(d))).toEqual(d);
      }),
    );
  });

  it('every choice the report offers for every operation parses, and back to the same text', () => {
    const offered = buildPlan().operations.flatMap(decisionOptions);
    expect(offered.length).toBeGreaterThan(20);
    for (const text of offered) {
      const d = parseDecision(text);
      expect(d, text).toBeDefined();
      expect(decisionText(d!)).toBe(text);
    }
  });

  it('a conflict candidate and a survivor carry their id as a number', () => {
    expect(parseDecision('#1042')).toEqual({ kind: 'existing', id: 1042 });
    expect(parseDecision('survivor #1101')).toEqual({ kind: 'survivor', id: 1101 });
  });

  it('text that is no normalised choice is no decision (the reader reports it, apply never guesses)', () => {
    for (const text of ['', 'Skip', ' skip', '1042', '#', '#12a', 'survivor 12', 'delete', 'apply!'])
      expect(parseDecision(text), text).toBeUndefined();
  });

  it('skip is the only decision that leaves an operation out', () => {
    fc.assert(
      fc.property(decision, (d) => {
        expect(isSkipped(d)).toBe(d.kind === 'skip');
      }),
    );
    expect(isSkipped(undefined)).toBe(false);
  });
});
