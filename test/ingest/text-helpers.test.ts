/** The mapper's small text helpers change no answer: a remembered function = the function, the faster comparison = `===`. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameText } from '../../src/ingest/customer-cache.js';
import { textMemo } from '../../src/ingest/text-memo.js';
import { canonicalCustomerType } from '../../src/templates/values.js';

const text = fc.oneof(
  fc.constantFrom('', 'Client', 'client', ' Client', 'Home User', 'x'.repeat(13), 'x'.repeat(14), 'Company 1, Inc.', 'Company 1, Inc,'),
  fc.string({ maxLength: 20 }),
);

describe('textMemo', () => {
  it('answers as the function it remembers, whatever the order of the texts, also once its map is cleared (property)', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), (texts) => {
        const calls: string[] = [];
        const memo = textMemo((t: string) => (calls.push(t), canonicalCustomerType(t)), 4);
        for (const t of texts) expect(memo(t)).toBe(canonicalCustomerType(t));
        expect(calls.length).toBeLessThanOrEqual(texts.length);
      }),
    );
  });

  it('computes a text once while it is remembered, undefined answers included', () => {
    let calls = 0;
    const memo = textMemo((t: string) => {
      calls++;
      return t === 'x' ? undefined : t.length;
    });
    for (const t of ['x', 'ab', 'x', 'ab', 'x']) memo(t);
    expect(calls).toBe(2);
  });
});

describe('sameText', () => {
  it('= `===`, for texts cut from a longer one as for any (property)', () => {
    fc.assert(
      fc.property(text, text, fc.nat(40), (a, b, at) => {
        const long = `${a},${b},${a}`;
        const cut = long.slice(0, Math.min(at, long.length));
        for (const [x, y] of [
          [a, b],
          [a, a],
          [long.slice(0, a.length), a],
          [cut, long.slice(0, cut.length)],
          [cut, b],
        ] as const)
          expect(sameText(x, y)).toBe(x === y);
      }),
    );
  });
});
