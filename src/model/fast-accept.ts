/**
 * A fast "zod would accept this" test generated from a zod schema, for the
 * 1M-row path, where running zod on every row costs microseconds each.
 *
 * zod stays the one truth: {@link fastAccepts} walks the schema once and
 * builds a predicate that answers true only when the schema's own rules
 * prove zod would accept the value too: strings within their maximum length
 * (zod counts code points, and a string within the limit in UTF-16 units is
 * within it in code points), zod's own email regex (the very RegExp object
 * of the schema's check), safe positive integers, booleans, records of
 * strings, objects with no keys outside their shape, and the object's
 * refinements called as zod calls them. Any schema part it does not know
 * (a coercion, a default, a transform, another string format, a refinement
 * that zod may skip…) makes the predicate always false, and any doubt about
 * a value (a string over the limit in units, a key it does not know, a
 * number that is not a safe integer) answers false too: the
 * caller then runs zod itself, so every rejected row still carries zod's
 * issues and messages. test/model/fast-accept.test.ts checks on random
 * values that true is only ever said where zod succeeds.
 */
import type { z } from 'zod';

/** True only when zod surely accepts `value`; false means "ask zod". */
export type Accept = (value: unknown) => boolean;

type Schema = z.core.$ZodType;
type Check = z.core.$ZodCheck;
/** The definition fields this walk reads (zod's defs carry them by type). */
interface Def {
  type: string;
  checks?: Check[];
  coerce?: boolean;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  /** A string format used as a schema (`z.email()`) is its own check. */
  check?: string;
}
interface CheckDef {
  check: string;
  when?: unknown;
  maximum?: number;
  value?: number | bigint;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
  fn?: (value: unknown) => unknown;
}

const NEVER: Accept = () => false;

/**
 * For the simplest predicates (a string within a length, a boolean, either
 * one or undefined), the same test as a JavaScript expression on `x`:
 * the generated key switch of an object writes it out instead of calling
 * the predicate (two calls per key, a fifth of the test of a record).
 */
const inlineOf = new WeakMap<Accept, string>();
const withInline = (accept: Accept, expression: string): Accept => {
  inlineOf.set(accept, expression);
  return accept;
};
const defOf = (s: Schema): Def => s._zod.def as unknown as Def;
const checkDef = (c: Check): CheckDef => c._zod.def as unknown as CheckDef;

/** zod's isObject: what z.object() parses. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A plain object (prototype Object.prototype or none): zod's isPlainObject says true for these, and for a few more. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The predicate for `schema`, or one that is always false when the schema
 * has a part this walk does not prove.
 * @example fastAccepts(ContactSchema)({ name: 'Ann' }) // true
 */
export function fastAccepts(schema: Schema): Accept {
  const def = defOf(schema);
  if (def.coerce) return NEVER;
  switch (def.type) {
    case 'optional':
      return optional(def);
    case 'string':
      return string(def, schema);
    case 'number':
      return number(def);
    case 'boolean':
      return def.checks?.length ? NEVER : withInline((v) => typeof v === 'boolean', `typeof x === 'boolean'`);
    case 'record':
      return record(def);
    case 'object':
      return object(def);
    default:
      return NEVER;
  }
}

/**
 * The predicate of a string schema (optional or not) for a string, for a
 * caller that wants to know, before building a record, whether zod accepts
 * the text of one of its fields: a text it passes by a format's regex is
 * remembered, so that validating the record then costs no second regex
 * (the first test does not look the text up: a different string is the
 * rule there, and comparing two of equal length costs a third of the regex).
 * @example fastAcceptsText(ContactFieldsSchema.shape.email)('ann@acme.example') // true
 */
export function fastAcceptsText(schema: Schema): (text: string) => boolean {
  const def = defOf(schema);
  if (def.type === 'optional' && !def.checks?.length && def.innerType) return fastAcceptsText(def.innerType);
  if (def.type !== 'string' || def.coerce) return NEVER;
  return string(def, schema, false);
}

function optional(def: Def): Accept {
  if (def.checks?.length || !def.innerType) return NEVER;
  const inner = fastAccepts(def.innerType);
  if (inner === NEVER) return NEVER;
  const accept: Accept = (v) => v === undefined || inner(v);
  const expression = inlineOf.get(inner);
  return expression === undefined ? accept : withInline(accept, `x === undefined || (${expression})`);
}

/**
 * Per format regex, the last string it matched here. A mapper asks whether
 * zod accepts a row's email cell ({@link fastAcceptsText}), then the
 * record holding that very string is validated: the second test finds it
 * (an identity compare) and runs no regex. The regex depends on nothing but
 * the text, so an equal string gets the same answer.
 */
const lastMatch = new WeakMap<RegExp, { text: string | undefined }>();

function string(def: Def, schema: Schema, remembered = true): Accept {
  let max = Infinity;
  let pattern: RegExp | undefined;
  // A format schema (`z.email()`) lists itself among its checks, as zod does.
  const checks = def.check !== undefined ? [schema as unknown as Check, ...(def.checks ?? [])] : (def.checks ?? []);
  // A check's `when` (zod gives max_length one) can only make zod skip it, never add an issue: these tests ignore it.
  for (const c of checks) {
    const d = checkDef(c);
    if (d.check === 'max_length' && typeof d.maximum === 'number') max = Math.min(max, d.maximum);
    else if (d.check === 'string_format' && d.format === 'email' && d.pattern instanceof RegExp && !pattern) pattern = d.pattern;
    else return NEVER;
  }
  if (!pattern) {
    const limit = max;
    return withInline((v) => typeof v === 'string' && v.length <= limit, `typeof x === 'string' && x.length <= ${String(limit)}`);
  }
  const re = pattern;
  let last = lastMatch.get(re);
  if (!last) lastMatch.set(re, (last = { text: undefined }));
  const memo = last;
  return (v) => {
    if (typeof v !== 'string' || v.length > max) return false;
    if (remembered && v === memo.text) return true;
    re.lastIndex = 0; // as zod does before testing
    if (!re.test(v)) return false;
    memo.text = v;
    return true;
  };
}

function number(def: Def): Accept {
  let int = false;
  let above = -Infinity; // exclusive lower bound
  let atLeast = -Infinity; // inclusive lower bound
  for (const c of def.checks ?? []) {
    const d = checkDef(c);
    if (d.check === 'number_format' && d.format === 'safeint') int = true;
    else if (d.check === 'greater_than' && typeof d.value === 'number') {
      if (d.inclusive) atLeast = Math.max(atLeast, d.value);
      else above = Math.max(above, d.value);
    } else return NEVER;
  }
  return (v) => typeof v === 'number' && Number.isFinite(v) && (!int || Number.isSafeInteger(v)) && v > above && v >= atLeast;
}

function record(def: Def): Accept {
  if (def.checks?.length || !def.keyType || !def.valueType) return NEVER;
  const key = defOf(def.keyType);
  if (key.type !== 'string' || key.coerce || key.checks?.length || key.check !== undefined) return NEVER;
  const value = fastAccepts(def.valueType);
  if (value === NEVER) return NEVER;
  return (v) => {
    if (!isPlainObject(v) || Object.getOwnPropertySymbols(v).length > 0) return false;
    // for…in lists every own enumerable key zod checks (and inherited ones, only ever more to test), without an array.
    for (const k in v) if (!value(v[k])) return false;
    return true;
  };
}

/** What the predicate of an object schema checks, part by part (see {@link objectTests}). */
export interface ObjectTests {
  /** Each key's test, and the same test as an expression on `x` when it has one. */
  fields: Map<string, { accept: Accept; expression: string | undefined }>;
  required: string[];
  /** The object's refinements, called as zod calls them: a falsy result or a promise is a failure. */
  refinements: Array<(value: unknown) => unknown>;
}

/**
 * The parts of the predicate of an object schema (refined or not), or
 * undefined where the walk proves nothing for it. For a caller that builds
 * such records itself, knows which keys it set, and tests their values as
 * they are made (fast-row.ts): a plain object whose keys all have a test
 * their value passes, that has the required keys and passes the
 * refinements, is one the predicate accepts, and zod too.
 */
export function objectTests(schema: Schema): ObjectTests | undefined {
  const def = defOf(schema);
  return def.type === 'object' && !def.coerce ? objectParts(def) : undefined;
}

function objectParts(def: Def): ObjectTests | undefined {
  if (def.catchall !== undefined || !def.shape) return undefined;
  const fields: ObjectTests['fields'] = new Map();
  const required: string[] = [];
  for (const [k, s] of Object.entries(def.shape)) {
    if (k === '__proto__') return undefined;
    const accept = fastAccepts(s);
    if (accept === NEVER) return undefined;
    fields.set(k, { accept, expression: inlineOf.get(accept) });
    if (defOf(s).type !== 'optional') required.push(k);
  }
  // Refinements (`.refine(fn)`): zod calls fn with the parsed object, which
  // for a value this walk accepts holds the same keys and the same values.
  const refinements: ObjectTests['refinements'] = [];
  for (const c of def.checks ?? []) {
    const d = checkDef(c);
    // With a `when`, zod may not call fn at all: calling it anyway could throw where zod does not.
    if (d.check !== 'custom' || typeof d.fn !== 'function' || d.when !== undefined) return undefined;
    refinements.push(d.fn);
  }
  return { fields, required, refinements };
}

function object(def: Def): Accept {
  const parts = objectParts(def);
  if (!parts) return NEVER;
  const { required, refinements } = parts;
  const keysAccepted = keyDispatch(parts.fields);
  return (v) => {
    if (!isObject(v) || !keysAccepted(v)) return false;
    for (const k of required) if (!(k in v)) return false;
    for (const fn of refinements) {
      const r = fn(v);
      if (!r || r instanceof Promise) return false;
    }
    return true;
  };
}

/**
 * `(v) => every key of v (own or inherited, as for…in lists them) is in
 * `fields` and its value passes that field's test`. Generated as a switch on
 * the key's first character, then a comparison with each name that starts
 * with it (string literals written by JSON.stringify): looking each key up
 * in a Map cost more than all the field tests together, and a switch on
 * the names compares a key with every name before its own (a customer has
 * 22). With an empty name (no first character) the switch is on the names.
 */
function keyDispatch(fields: ObjectTests['fields']): (v: Record<string, unknown>) => boolean {
  const keys = [...fields.keys()];
  const accepts = keys.map((k) => fields.get(k)?.accept as Accept);
  // The test of key i's value: written out when it has an expression, else its predicate called.
  const valueTest = (i: number): string => {
    const expression = fields.get(keys[i] as string)?.expression;
    return expression === undefined ? `if (!accept[${i}](v[k])) return false;` : `{ const x = v[k]; if (!(${expression})) return false; }`;
  };
  const test = (k: string, i: number): string => `if (k === ${JSON.stringify(k)}) { ${valueTest(i)} continue; }`;
  let body: string;
  if (keys.includes('')) {
    body = `switch (k) {\n${keys.map((k, i) => `      case ${JSON.stringify(k)}: ${valueTest(i)} continue;`).join('\n')}\n    }\n    return false;`;
  } else {
    const byFirst = new Map<number, string[]>();
    keys.forEach((k, i) => byFirst.set(k.charCodeAt(0), [...(byFirst.get(k.charCodeAt(0)) ?? []), test(k, i)]));
    const cases = [...byFirst].map(([c, tests]) => `      case ${c}: ${tests.join(' ')} return false;`).join('\n');
    body = `switch (k.charCodeAt(0)) {\n${cases}\n      default: return false;\n    }`;
  }
  const source = `return function keysAccepted(v) {\n  for (const k in v) {\n    ${body}\n  }\n  return true;\n};`;
  try {
    return new Function('accept', source)(accepts) as (v: Record<string, unknown>) => boolean;
  } catch {
    // Code generation disallowed (node --disallow-code-generation-from-strings): the same test with a lookup.
    return (v) => {
      for (const k in v) {
        const accept = fields.get(k)?.accept;
        if (accept === undefined || !accept(v[k])) return false;
      }
      return true;
    };
  }
}
