/**
 * src/model/fast-accept.ts reads zod's internal definitions (`schema._zod.def`),
 * which zod does not promise to keep between versions. package.json pins zod
 * exactly; this test says loudly which internal changed when someone bumps it.
 * If the shapes drift, fast-accept would silently answer "ask zod" for every
 * row (correct but the 1M-row path loses its speed) — or worse, misread a
 * check. Fix fast-accept.ts first, then bump the pin and this test together.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContactSchema, CustomerSchema } from '../../src/model/index.js';
import { fastAccepts } from '../../src/model/fast-accept.js';

type AnyDef = Record<string, unknown>;
const def = (s: z.core.$ZodType): AnyDef => s._zod.def as unknown as AnyDef;
const checksOf = (s: z.core.$ZodType): AnyDef[] =>
  ((def(s).checks as z.core.$ZodCheck[] | undefined) ?? []).map((c) => c._zod.def as unknown as AnyDef);

const PIN_HINT =
  'src/model/fast-accept.ts reads zod internals; review it against the new zod before changing the exact "zod" pin in package.json';

function expectInternal(what: string, actual: unknown, expected: unknown): void {
  expect(actual, `zod internals changed: ${what}. ${PIN_HINT}.`).toEqual(expected);
}

describe('zod internals read by fast-accept', () => {
  it('package.json pins zod exactly, and the installed zod is that version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const pinned = pkg.dependencies.zod ?? '';
    expect(pinned, `zod must be pinned to an exact version while ${PIN_HINT}`).toMatch(/^\d+\.\d+\.\d+$/);
    const require = createRequire(import.meta.url);
    const installed = (JSON.parse(readFileSync(require.resolve('zod/package.json'), 'utf8')) as { version: string }).version;
    expect(installed, `installed zod ${installed} is not the pinned ${pinned}: run npm ci`).toBe(pinned);
  });

  it('string: type, max_length check with maximum, email as a string_format check with its RegExp', () => {
    const s = z.string().max(7).email();
    expectInternal('z.string() def.type', def(s).type, 'string');
    const checks = checksOf(s);
    expectInternal('max_length check', checks.find((c) => c.check === 'max_length')?.maximum, 7);
    const email = checks.find((c) => c.check === 'string_format');
    expectInternal('email check format', email?.format, 'email');
    expectInternal('email check pattern is a RegExp', email?.pattern instanceof RegExp, true);
    const standalone = def(z.email());
    expectInternal(
      'z.email() carries its own check name',
      [standalone.type, standalone.check, standalone.format],
      ['string', 'string_format', 'email'],
    );
  });

  it('number: int() as number_format safeint, positive() as greater_than 0', () => {
    const checks = checksOf(z.number().int().positive());
    expectInternal('number def.type', def(z.number()).type, 'number');
    expectInternal(
      'int() check',
      checks.some((c) => c.check === 'number_format' && c.format === 'safeint'),
      true,
    );
    expectInternal(
      'positive() check',
      checks.some((c) => c.check === 'greater_than' && c.value === 0 && c.inclusive === false),
      true,
    );
  });

  it('optional, boolean, record, object (shape, catchall), refine (custom check with fn), coerce flag', () => {
    const inner = z.string();
    expectInternal('optional innerType', [def(inner.optional()).type, def(inner.optional()).innerType === inner], ['optional', true]);
    expectInternal('boolean def.type', def(z.boolean()).type, 'boolean');
    const rec = def(z.record(z.string(), z.string()));
    expectInternal(
      'record keyType/valueType',
      [rec.type, def(rec.keyType as z.core.$ZodType).type, def(rec.valueType as z.core.$ZodType).type],
      ['record', 'string', 'string'],
    );
    const obj = z.object({ a: z.string() });
    expectInternal(
      'object shape and no catchall',
      [def(obj).type, Object.keys(def(obj).shape as object), def(obj).catchall],
      ['object', ['a'], undefined],
    );
    const refined = checksOf(obj.refine(() => true));
    expectInternal(
      'refine() as a custom check with fn',
      refined.map((c) => [c.check, typeof c.fn]),
      [['custom', 'function']],
    );
    expectInternal('z.coerce sets def.coerce', def(z.coerce.string()).coerce, true);
  });

  it('the walk still proves ordinary records (else the fast path is silently never taken)', () => {
    expect(
      fastAccepts(ContactSchema)({ name: 'Ann Lee', email: 'ann@acme.example', phone: '555-0100' }),
      `fast-accept no longer accepts an ordinary contact. ${PIN_HINT}.`,
    ).toBe(true);
    expect(
      fastAccepts(CustomerSchema)({ business_name: 'Acme', email: 'office@acme.example' }),
      `fast-accept no longer accepts an ordinary customer. ${PIN_HINT}.`,
    ).toBe(true);
  });
});
