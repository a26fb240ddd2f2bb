/**
 * The validity test of a record the fast path built itself, written out for
 * the keys it can have: each key's test from the schema (see objectTests),
 * the required keys, the refinements. For a plain object whose keys are
 * among `keys`, it says what the schema's predicate (fastAccepts) says,
 * without going through every key of the object and a switch on its name.
 */
import type { Accept, ObjectTests } from '../model/fast-accept.js';
import { literal } from './rule-code.js';

/**
 * `(record) => true` only when the predicate of the schema `tests` were taken
 * from accepts the record, for records with no keys but `keys`. Undefined
 * when a key has no test (the schema does not have it) or code cannot be
 * generated.
 */
export function recordCheck(tests: ObjectTests | undefined, keys: ReadonlySet<string>): ((record: object) => boolean) | undefined {
  if (!tests) return undefined;
  const accepts: Accept[] = [];
  const lines: string[] = [];
  for (const key of keys) {
    const field = tests.fields.get(key);
    if (!field) return undefined;
    accepts.push(field.accept);
    const failed = field.expression !== undefined ? `!(${field.expression})` : `!accept[${accepts.length - 1}](x)`;
    lines.push(`  { const x = f[${literal(key)}]; if (${failed}) return false; }`);
  }
  for (const key of tests.required) lines.push(`  if (!(${literal(key)} in f)) return false;`);
  tests.refinements.forEach((_, i) => lines.push(`  { const r = refinement[${i}](f); if (!r || r instanceof Promise) return false; }`));
  const source = `return function check(f) {\n${lines.join('\n')}\n  return true;\n};`;
  try {
    return new Function('accept', 'refinement', source)(accepts, tests.refinements) as (record: object) => boolean;
  } catch {
    return undefined;
  }
}
