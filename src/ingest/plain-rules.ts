/**
 * Code for the fast path's builders (fast-row.ts, fast-company.ts): the
 * rules of one entity written out to build its record as a plain object
 * `f`, as the general path's draft would end up (same values, same key
 * order), for templates whose rules are plain: column or join rules
 * without a default or a name part, whose store needs nothing the draft
 * does (see storeOf). Where the general path would add a warning or a note
 * of its own (a yes/no cell it does not read, an email cell holding more
 * than an address, a tax rate to look up), the code returns null: the row
 * is the general path's.
 *
 * The generated statements use `v`, `t`, `m`, `x`, `b`, `c` (values), `f` (the
 * record), `props` and `notes` (its custom fields and note lines, attached
 * when finished), `hit` (a cell gave a value) and, for the customer's key,
 * type and tax rate, `state`; and the helpers of {@link PLAIN_HELPERS}.
 */
import { parseBoolean, stripProtectiveApostrophe } from '../templates/values.js';
import type { BoundRule } from '../templates/compile.js';
import { isPlainEmail, storeOf } from './assign.js';
import type { Store } from './assign.js';
import type { Entity } from './draft.js';
import { cellCode, comment, literal, readCode } from './rule-code.js';
import { mapLookup, NOT_IN_MAP, readsText } from './rule.js';

/** An unmapped column: its cell index and the custom field it names ("custom: Name"), if any. */
export interface UnmappedColumn {
  col: string;
  index: number;
  custom: string | undefined;
}

/** Generated statements and the key of `f` they may set (none for the row state). */
export interface PlainCode {
  code: string;
  key: string | undefined;
}

/** The names generated code gets, in this order, from {@link plainHelpers}. */
export const PLAIN_HELPERS = ['strip', 'lookup', 'NOT_IN_MAP', 'plainEmail', 'parseBoolean'] as const;

/** The helpers for the rules of `entity` (their value maps looked up through memos of their own). */
export function plainHelpers(entity: Entity, rules: readonly BoundRule[]): unknown[] {
  const lookups = rules.map((r) => (r.map ? mapLookup(r.map) : undefined));
  const plainEmail = (text: string): boolean => isPlainEmail(entity, text);
  return [stripProtectiveApostrophe, lookups, NOT_IN_MAP, plainEmail, parseBoolean];
}

const noteCode = (prefix: string, value: string): PlainCode => ({
  code: `notes = notes === undefined ? ${literal(prefix)} + ${value} : notes + '\\n' + ${literal(prefix)} + ${value};`,
  key: 'notes',
});
const propertyCode = (name: string, value: string): PlainCode | undefined =>
  name === '__proto__' ? undefined : { code: `(props ??= {})[${literal(name)}] = ${value};`, key: 'properties' };

/**
 * How a store puts the value into the record: `raw` is the value as the
 * assigner gets it (the text, or the mapped value), `text` the same as the
 * assigner makes it text (String(raw).trim()). Undefined when the store is
 * not plain.
 */
function storeCode(store: Store, raw: string, text: string, mapped: boolean): PlainCode | undefined {
  switch (store.kind) {
    case 'field':
      return store.name === '__proto__' ? undefined : { code: `f[${literal(store.name)}] = ${text};`, key: store.name };
    case 'property':
      return propertyCode(store.name, text);
    case 'note':
      return noteCode(store.prefix, text);
    case 'state':
      // A tax rate is looked up, with notes or issues of its own: the general path's.
      return store.name === 'taxRate'
        ? { code: `if (${text} !== '') return null;`, key: undefined }
        : { code: `state.${store.name} = ${text};`, key: undefined };
    case 'boolean':
      return {
        code: `b = typeof ${raw} === 'boolean' ? ${raw} : parseBoolean(String(${raw})); if (b === undefined) return null; f[${literal(store.name)}] = b;`,
        key: store.name,
      };
    case 'email':
      // The text as written (trimmed), when it is a plain address (else the first address is taken out, with a warning).
      return mapped ? undefined : { code: `if (!plainEmail(v)) return null; f.email = v;`, key: 'email' };
    default:
      return undefined;
  }
}

/** The statements of rule `k`: its cells' text into `v`, mapped, stored; `hit` set when a value was stored. Undefined for a rule that is not plain. */
export function plainRuleCode(entity: Entity, rule: BoundRule, cols: readonly number[], k: number, strip: boolean): PlainCode | undefined {
  if (!readsText(rule) || rule.default !== undefined || cols.length === 0) return undefined;
  const store = storeOf(entity, rule.target);
  let body: string;
  let key: string | undefined;
  if (rule.map) {
    // The mapped value (or the text, when the map does not name it), as compileRule hands it to the assigner.
    const stored = storeCode(store, 'x', 'String(x).trim()', true);
    if (!stored) return undefined;
    body = `m = lookup[${k}](v); if (m !== null) { x = m === NOT_IN_MAP ? v : m; ${stored.code} hit = true; }`;
    key = stored.key;
  } else {
    const stored = storeCode(store, 'v', 'v', false);
    if (!stored) return undefined;
    body = `${stored.code} hit = true;`;
    key = stored.key;
  }
  return { code: `${comment(rule.target)}\n${readCode(rule, cols, strip)}\n  if (v !== '') { ${body} }`, key };
}

/** An unmapped column's statements: its text, when not empty, to a custom field or a note line (what `routeUnmapped` does). */
export function unmappedCode(u: UnmappedColumn, toProperties: boolean, strip: boolean): PlainCode | undefined {
  const name = u.custom ?? (toProperties ? u.col : undefined);
  const store = name !== undefined ? propertyCode(name, 'v') : noteCode(`${u.col}: `, 'v');
  if (!store) return undefined;
  return { code: `${comment(u.col)}\n  ${cellCode('v', u.index, strip)}\n  if (v !== '') ${store.code}`, key: store.key };
}

/** The statements of every rule (and then every unmapped column when `unmapped` is given), with the keys they may set; undefined when one is not plain. */
export function plainCode(
  entity: Entity,
  rules: readonly BoundRule[],
  colIndex: (col: string) => number,
  strip: boolean,
  unmapped?: { columns: readonly UnmappedColumn[]; toProperties: boolean },
): { code: string; keys: Set<string> } | undefined {
  const parts: PlainCode[] = [];
  for (const [k, rule] of rules.entries()) {
    const part = plainRuleCode(entity, rule, rule.columns.map(colIndex), k, strip);
    if (!part) return undefined;
    parts.push(part);
  }
  for (const u of unmapped?.columns ?? []) {
    const part = unmappedCode(u, unmapped?.toProperties ?? false, strip);
    if (!part) return undefined;
    parts.push(part);
  }
  const keys = new Set(parts.flatMap((p) => (p.key === undefined ? [] : [p.key])));
  return { code: parts.map((p) => p.code).join('\n'), keys };
}

/** `finish` of a draft, for `f`: its custom fields, then its note lines after the notes a rule set. */
export const FINISH_CODE = `  if (props !== undefined) f.properties = props;
  if (notes !== undefined) f.notes = typeof f.notes === 'string' && f.notes !== '' ? f.notes + '\\n' + notes : notes;`;
