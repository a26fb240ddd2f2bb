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
      return def.checks?.length ? NEVER : (v) => typeof v === 'boolean';
    case 'record':
      return record(def);
    case 'object':
      return object(def);
    default:
      return NEVER;
  }
}

function optional(def: Def): Accept {
  if (def.checks?.length || !def.innerType) return NEVER;
  const inner = fastAccepts(def.innerType);
  if (inner === NEVER) return NEVER;
  return (v) => v === undefined || inner(v);
}

function string(def: Def, schema: Schema): Accept {
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
  if (!pattern) return (v) => typeof v === 'string' && v.length <= max;
  const re = pattern;
  return (v) => {
    if (typeof v !== 'string' || v.length > max) return false;
    re.lastIndex = 0; // as zod does before testing
    return re.test(v);
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
    for (const k of Object.keys(v)) if (!value(v[k])) return false;
    return true;
  };
}

function object(def: Def): Accept {
  if (def.catchall !== undefined || !def.shape) return NEVER;
  const fields = new Map<string, Accept>();
  const required: string[] = [];
  for (const [k, s] of Object.entries(def.shape)) {
    if (k === '__proto__') return NEVER;
    const accept = fastAccepts(s);
    if (accept === NEVER) return NEVER;
    fields.set(k, accept);
    if (defOf(s).type !== 'optional') required.push(k);
  }
  // Refinements (`.refine(fn)`): zod calls fn with the parsed object, which
  // for a value this walk accepts holds the same keys and the same values.
  const refinements: Array<(value: unknown) => unknown> = [];
  for (const c of def.checks ?? []) {
    const d = checkDef(c);
    // With a `when`, zod may not call fn at all: calling it anyway could throw where zod does not.
    if (d.check !== 'custom' || typeof d.fn !== 'function' || d.when !== undefined) return NEVER;
    refinements.push(d.fn);
  }
  const keysAccepted = keyDispatch(fields);
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
 * the key names (string literals written by JSON.stringify): looking each
 * key up in a Map cost more than all the field tests together.
 */
function keyDispatch(fields: Map<string, Accept>): (v: Record<string, unknown>) => boolean {
  const keys = [...fields.keys()];
  const cases = keys.map((k, i) => `      case ${JSON.stringify(k)}: if (!accept[${i}](v[k])) return false; break;`).join('\n');
  const source = `return function keysAccepted(v) {\n  for (const k in v) {\n    switch (k) {\n${cases}\n      default: return false;\n    }\n  }\n  return true;\n};`;
  try {
    return new Function('accept', source)(keys.map((k) => fields.get(k))) as (v: Record<string, unknown>) => boolean;
  } catch {
    // Code generation disallowed (node --disallow-code-generation-from-strings): the same test with a lookup.
    return (v) => {
      for (const k in v) {
        const accept = fields.get(k);
        if (accept === undefined || !accept(v[k])) return false;
      }
      return true;
    };
  }
}
