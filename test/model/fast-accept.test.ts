/**
 * The fast validity test generated from the zod schemas: it may only say
 * "valid" where zod says valid (differential property on random values,
 * edge cases included), and it must say so for ordinary records (else the
 * fast path would never be taken).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ContactFieldsSchema, ContactSchema, CustomerFieldsSchema, CustomerSchema } from '../../src/model/index.js';
import { fastAccepts, fastAcceptsText } from '../../src/model/fast-accept.js';

const SCHEMAS = { ContactSchema, ContactFieldsSchema, CustomerSchema, CustomerFieldsSchema } as const;

const EMAILS = [
  'ann@acme.example',
  'a@b.co',
  'a@b',
  'a@b.c',
  'a..b@c.com',
  '.a@b.com',
  'a.@b.com',
  "o'neil@x.com",
  'a+b@x.io',
  'a@-b.com',
  'a@b-.com',
  'ünï@x.com',
  'ann@exämple.com',
  ' a@b.com',
  'a@b.com ',
  'A@B.COM',
  'a@b..com',
  '"a"@b.com',
  'a@[1.2.3.4]',
  'contact9@',
  '@x.com',
  'a@b.com; c@d.com',
  `${'a'.repeat(243)}@example.com`,
  `${'a'.repeat(244)}@example.com`,
  `${'😀'.repeat(60)}@x.com`,
  'a_b-c@d-e.f-g.hi',
  'first1.last1@company0.example',
];
/** Strings around the limits: 255/256 UTF-16 units, astral characters (two units, one code point), lone surrogates. */
const EDGE_STRINGS = [
  '',
  ' ',
  'a',
  'x'.repeat(255),
  'x'.repeat(256),
  'é'.repeat(256),
  '😀'.repeat(127) + 'x',
  '😀'.repeat(128),
  '😀'.repeat(128) + 'x',
  'x' + '😀'.repeat(128),
  '\ud800'.repeat(256),
  '\udc00'.repeat(255),
  'x'.repeat(254) + '😀',
  'x'.repeat(65_535),
  'x'.repeat(65_536),
  '😀'.repeat(32_768),
  '\u0000',
  'a\u2028b',
  '  ',
];
const string = fc.oneof(
  fc.constantFrom(...EDGE_STRINGS, ...EMAILS),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', minLength: 120, maxLength: 140 }),
  fc.emailAddress(),
);
const number = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 1,
    2 ** 53 + 2,
    1e21,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double(),
);
const record = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 8 }), string, { maxKeys: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(string, number, fc.constant(null)), { maxKeys: 3 }),
  fc.constantFrom<unknown>(
    [],
    null,
    'x',
    Object.assign(Object.create(null) as object, { a: 'b' }),
    new Map(),
    { [Symbol('s')]: 'x' },
    JSON.parse('{"__proto__":"x"}'),
    new (class P {
      a = 'b';
    })(),
  ),
);
const anyValue = fc.oneof(string, number, fc.boolean(), fc.constant(undefined), fc.constant(null), record);

const KEYS = [...new Set([...Object.keys(ContactFieldsSchema.shape), ...Object.keys(CustomerFieldsSchema.shape)])];
/** Mostly the right type per key, sometimes anything. */
const typed = (key: string) => {
  if (key === 'properties')
    return fc.oneof(
      { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }), weight: 20 },
      { arbitrary: record, weight: 1 },
    );
  if (key === 'email')
    return fc.oneof(
      { arbitrary: fc.constantFrom(...EMAILS), weight: 10 },
      { arbitrary: fc.emailAddress(), weight: 10 },
      { arbitrary: string, weight: 1 },
    );
  if (/^(id|customer_id|tax_rate_id)$/.test(key))
    return fc.oneof(
      { arbitrary: fc.integer({ min: 1 }), weight: 20 },
      { arbitrary: number, weight: 2 },
      { arbitrary: anyValue, weight: 1 },
    );
  if (/^(opt_out|get_sms|no_email|disabled)$/.test(key))
    return fc.oneof({ arbitrary: fc.boolean(), weight: 30 }, { arbitrary: anyValue, weight: 1 });
  return fc.oneof(
    { arbitrary: fc.string({ maxLength: 20 }), weight: 60 },
    { arbitrary: string, weight: 4 },
    { arbitrary: anyValue, weight: 1 },
  );
};
/** A record over the schema's keys (each maybe left out), sometimes with a key of the other entity or of no schema. */
const randomRecord = (keys: string[]) =>
  fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((k) => [k, typed(k)])), { requiredKeys: [] }),
      fc.option(fc.record({ key: fc.constantFrom('foo', 'type', 'key', 'constructor', 'toString', ...KEYS), value: anyValue }), {
        nil: undefined,
        freq: 4,
      }),
    )
    .map(([rec, extra]) => (extra ? { ...rec, [extra.key]: extra.value } : rec));

describe('fastAccepts (generated from the zod schemas)', () => {
  it.each(Object.keys(SCHEMAS))('says valid only where zod says valid: %s (property)', (name) => {
    const schema = SCHEMAS[name as keyof typeof SCHEMAS];
    const accepts = fastAccepts(schema);
    let fast = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: randomRecord(Object.keys(schema.shape)), weight: 9 }, { arbitrary: anyValue, weight: 1 }), (v) => {
        if (accepts(v)) {
          fast++;
          expect(schema.safeParse(v).success).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(100); // the property did exercise the "valid" answer
  });

  it('answers exactly as zod on well-typed records with known keys (property)', () => {
    const wellTyped = fc.record(
      Object.fromEntries(
        KEYS.map((k) => [
          k,
          k === 'properties'
            ? fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 })
            : /^(id|customer_id|tax_rate_id)$/.test(k)
              ? fc.integer({ min: 1 })
              : /^(opt_out|get_sms|no_email|disabled)$/.test(k)
                ? fc.boolean()
                : k === 'email'
                  ? fc.oneof(fc.constantFrom(...EMAILS.filter((e) => e.length <= 255)), fc.emailAddress())
                  : fc.oneof(fc.string({ maxLength: 255 }), fc.constantFrom('', ' ', 'x'.repeat(255), '😀'.repeat(127))),
        ]),
      ),
      { requiredKeys: [] },
    );
    for (const schema of Object.values(SCHEMAS)) {
      const accepts = fastAccepts(schema);
      fc.assert(
        fc.property(wellTyped, (v) => {
          const keys = Object.keys(schema.shape);
          const own = Object.fromEntries(Object.entries(v).filter(([k]) => keys.includes(k)));
          expect(accepts(own)).toBe(schema.safeParse(own).success);
        }),
        { numRuns: 1000 },
      );
    }
  });

  it("a field checked on its own (fastAcceptsText) says valid only where zod says valid, and leaves the record's answer as it was (property)", () => {
    const emails = [ContactFieldsSchema.shape.email, CustomerFieldsSchema.shape.email];
    for (const schema of emails) {
      const text = fastAcceptsText(schema);
      const record = fastAccepts(ContactFieldsSchema);
      fc.assert(
        fc.property(fc.oneof(string, fc.emailAddress()), fc.oneof(string, fc.emailAddress()), (a, b) => {
          if (text(a)) expect(schema.safeParse(a).success).toBe(true);
          // The text remembered for `a` changes no later answer, for `a` or any other text.
          for (const email of [a, b]) if (record({ email })) expect(ContactFieldsSchema.safeParse({ email }).success).toBe(true);
          expect(record({ email: a })).toBe(fastAccepts(ContactFieldsSchema)({ email: a }));
        }),
        { numRuns: 2000 },
      );
    }
    expect(fastAcceptsText(z.string().url())('https://x.example')).toBe(false); // a format it does not know
  });

  it('passes ordinary mapped records, and leaves every doubtful one to zod', () => {
    const contact = fastAccepts(ContactSchema);
    const customer = fastAccepts(CustomerSchema);
    expect(
      contact({
        name: 'Ann Lee',
        title: 'Owner',
        email: 'first1.last1@company0.example',
        phone: '(503) 555-0001',
        notes: 'ConnectWise contact id: 1',
      }),
    ).toBe(true);
    expect(contact({ email: 'ann@acme.example', properties: { Tier: 'Gold' }, opt_out: false, id: 3 })).toBe(true);
    expect(
      customer({ business_name: 'Company 0, Inc.', phone: '(503) 555-0000', disabled: true, properties: { 'Customer Type': 'Business' } }),
    ).toBe(true);
    expect(customer({ firstname: 'Ann', tax_rate_id: 4 })).toBe(true);
    // zod's answer is needed (and given) for each of these:
    expect(contact({ email: 'contact9@' })).toBe(false); // invalid
    expect(contact({ title: 'x' })).toBe(false); // refinement fails
    expect(contact({ name: 'x'.repeat(256) })).toBe(false); // over the limit
    expect(contact({ name: '😀'.repeat(128) })).toBe(false); // 256 units but 128 code points: zod accepts, zod decides
    expect(ContactSchema.safeParse({ name: '😀'.repeat(128) }).success).toBe(true);
    expect(contact({ name: 'Ann', surprise: 'x' })).toBe(false); // a key outside the shape
    expect(customer({ business_name: 'Acme', id: 1.5 })).toBe(false);
  });

  it('gives up on schema parts it does not know', () => {
    expect(fastAccepts(z.string().url())('https://x.example')).toBe(false);
    expect(fastAccepts(z.string().min(2))('abc')).toBe(false);
    expect(fastAccepts(z.coerce.string())('x')).toBe(false);
    expect(fastAccepts(z.string().default('x'))('x')).toBe(false);
    expect(fastAccepts(z.object({ a: z.string() }).catchall(z.number()))({ a: 'x' })).toBe(false);
    expect(fastAccepts(z.string().transform((s) => s.length))('x')).toBe(false);
    expect(fastAccepts(z.object({ a: z.string() }))({ a: 'x' })).toBe(true);
    expect(fastAccepts(z.object({ a: z.string() }))({})).toBe(false); // a required key is missing
    expect(fastAccepts(z.email())('a@b.co')).toBe(true);
    expect(fastAccepts(z.email())('a@b')).toBe(false);
  });
});
