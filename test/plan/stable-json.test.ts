/**
 * plan.json's serializer writes sorted JSON (indented, or an operation on one
 * line); it must give exactly the bytes of the straightforward way (a sorted
 * copy through JSON.stringify), for any value, at any depth it is written at.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationJson, stableStringify, stableStringifyAt } from '../../src/plan/io.js';
import type { Operation } from '../../src/plan/schema.js';

/** The reference: what stableStringify was (a sorted copy, then JSON.stringify). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
const reference = (v: unknown, indent: number) => JSON.stringify(sortKeys(v), null, indent);

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(-0),
    fc.constant(Number.NaN),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('node'), { maxKeys: 5 }),
  ),
})).node;

describe('stableStringify', () => {
  it('is JSON.stringify of a key-sorted copy, byte for byte (undefined skipped in objects, null in arrays)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (v) => {
        expect(stableStringify(v)).toBe(reference(v, 2));
        expect(stableStringify(v, 4)).toBe(reference(v, 4));
        expect(stableStringify(v, 0)).toBe(reference(v, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('at a depth, is the same text with its later lines indented for that depth', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1 }), fc.integer({ min: 0, max: 3 }), (v, depth) => {
        expect(stableStringifyAt(v, depth)).toBe(reference(v, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`));
      }),
      { numRuns: 300 },
    );
  });

  it("an operation's plan.json line is the reference without indentation, and its indented form the reference at depth 2", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (v) => {
        const op = v as unknown as Operation;
        expect(operationJson(op)).toBe(reference(v, 0));
        expect(operationJson(op)).not.toContain('\n');
        expect(operationJson(op, 'indented')).toBe(reference(v, 2).replace(/\n/g, '\n    '));
      }),
      { numRuns: 300 },
    );
    // Integer keys first, undefined left out (null in an array), an own "__proto__" key never written (nor made a prototype).
    const keyed = { ...(JSON.parse('{"b":1,"10":"ten","__proto__":{"x":1},"2":"two"}') as object), a: { z: undefined, y: [undefined, 2] } };
    expect(operationJson(keyed as unknown as Operation)).toBe('{"2":"two","10":"ten","a":{"y":[null,2]},"b":1}');
  });

  it('writes a Date, a nested function and a top-level array as the reference does', () => {
    const v = { b: [1, undefined, () => 1], a: { when: new Date(0), f: () => 2, s: 'x' }, c: [] as unknown[], d: {} };
    expect(stableStringify(v)).toBe(reference(v, 2));
    expect(stableStringify([v, [v]])).toBe(reference([v, [v]], 2));
  });
});
