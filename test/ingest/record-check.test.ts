/**
 * The validity test written out for the keys a record built by the fast path
 * may have answers as the schema's whole predicate (fastAccepts) does, on
 * such records (differential property).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { recordCheck } from '../../src/ingest/record-check.js';
import { fastAccepts, objectTests } from '../../src/model/fast-accept.js';
import { ContactFieldsSchema, ContactSchema, CustomerFieldsSchema, CustomerSchema } from '../../src/model/index.js';

const SCHEMAS = { ContactSchema, ContactFieldsSchema, CustomerSchema, CustomerFieldsSchema } as const;

const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', ' ', 'x'.repeat(255), 'x'.repeat(256), 'x'.repeat(65_536), '😀'.repeat(128), 'ann@acme.example', 'bad@', 'a@b.co'),
  fc.integer(),
  fc.constantFrom(1.5, -1, 0, NaN, true, false, null),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxKeys: 2 }),
);

/** Mostly the right type for the key, sometimes anything. */
const typed = (key: string) => {
  if (/^(id|customer_id|tax_rate_id)$/.test(key)) return fc.integer({ min: 1 });
  if (/^(opt_out|get_sms|no_email|disabled)$/.test(key)) return fc.boolean();
  if (key === 'properties') return fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 });
  if (key === 'email') return fc.constantFrom('ann@acme.example', 'a@b.co', 'bad@', '');
  return fc.string({ maxLength: 20 });
};

describe('recordCheck', () => {
  it.each(Object.keys(SCHEMAS))("= the schema's predicate on records with its keys: %s (property)", (name) => {
    const schema = SCHEMAS[name as keyof typeof SCHEMAS];
    const keys = Object.keys(schema.shape);
    const whole = fastAccepts(schema);
    const check = recordCheck(objectTests(schema), new Set(keys));
    expect(check).toBeDefined();
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof({ arbitrary: typed(k), weight: 8 }, { arbitrary: value, weight: 1 })])), {
          requiredKeys: [],
        }),
        (record) => {
          const answer = whole(record);
          if (answer) accepted++;
          expect(check?.(record)).toBe(answer);
        },
      ),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('is not made for a key the schema does not have, or a schema that is no object', () => {
    expect(recordCheck(objectTests(ContactSchema), new Set(['name', 'surprise']))).toBeUndefined();
    expect(recordCheck(objectTests(z.string()), new Set(['name']))).toBeUndefined();
  });
});
