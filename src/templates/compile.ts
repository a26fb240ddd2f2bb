/**
 * Binds a template to one file's header: each rule learns which of its
 * columns the file has, and every header is accounted for as mapped,
 * ignored or unmapped (nothing is left out silently).
 */
import { headerKey } from '../read/header.js';
import type { ColumnRef, FieldRule, FieldRuleObject, Template } from './schema.js';

export type Scalar = string | number | boolean;

/** One rule, bound to the header names present in the file. */
export interface BoundRule {
  target: string;
  kind: 'column' | 'join' | 'const' | 'default';
  /** Header names read, in order (one for `column`, the present ones for `join`). */
  columns: string[];
  separator: string;
  part?: 'first' | 'last';
  /** Value map with keys normalized by {@link valueKey}. */
  map?: Map<string, Scalar | null>;
  const?: Scalar;
  default?: Scalar;
}

export interface CompiledTemplate {
  template: Template;
  headers: string[];
  customer: BoundRule[];
  contact: BoundRule[];
  /** Header names some rule reads. */
  mapped: string[];
  /** Header names the template ignores on purpose. */
  ignored: string[];
  /** Header names nobody reads: they go to `template.unmapped`. */
  unmapped: string[];
}

/** Key of a value-map entry: case, surrounding and repeated spaces ignored. */
export const valueKey = (v: string): string => v.trim().replace(/\s+/g, ' ').toLowerCase();

const asObject = (rule: ColumnRef | FieldRuleObject): FieldRuleObject => (typeof rule === 'string' || Array.isArray(rule) ? { column: rule } : rule);

const alternatives = (ref: ColumnRef): string[] => (Array.isArray(ref) ? ref : [ref]);

/** Header lookup by {@link headerKey}. */
export function headerIndex(headers: string[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const h of headers) if (!byKey.has(headerKey(h))) byKey.set(headerKey(h), h);
  return byKey;
}

/** The first alternative of `ref` present in the header, if any. */
export function resolveColumn(ref: ColumnRef, byKey: Map<string, string>): string | undefined {
  for (const name of alternatives(ref)) {
    const hit = byKey.get(headerKey(name));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function bind(target: string, rule: FieldRule, byKey: Map<string, string>): BoundRule | undefined {
  if (Array.isArray(rule) && rule.some((r) => typeof r !== 'string')) {
    const options = (rule as FieldRuleObject[]).map((r) => bindOne(target, r, byKey)).filter((b): b is BoundRule => b !== undefined);
    return options.find((b) => b.kind === 'column' || b.kind === 'join' || b.kind === 'const') ?? options[0];
  }
  return bindOne(target, asObject(rule as ColumnRef | FieldRuleObject), byKey);
}

function bindOne(target: string, r: FieldRuleObject, byKey: Map<string, string>): BoundRule | undefined {
  const base = {
    target,
    separator: r.separator ?? ' ',
    ...(r.part ? { part: r.part } : {}),
    ...(r.map ? { map: new Map(Object.entries(r.map).map(([k, v]) => [valueKey(k), v])) } : {}),
    ...(r.default !== undefined ? { default: r.default } : {}),
  };
  if (r.const !== undefined) return { ...base, kind: 'const', columns: [], const: r.const };
  if (r.join) {
    const cols = r.join.map((ref) => resolveColumn(ref, byKey)).filter((c): c is string => c !== undefined);
    if (cols.length > 0) return { ...base, kind: 'join', columns: cols };
  } else if (r.column !== undefined) {
    const col = resolveColumn(r.column, byKey);
    if (col !== undefined) return { ...base, kind: 'column', columns: [col] };
  }
  return r.default !== undefined ? { ...base, kind: 'default', columns: [] } : undefined;
}

/**
 * Bind `template` to `headers`.
 * @example compileTemplate(loadTemplate('generic'), ['E-mail', 'Company']).mapped // ['E-mail', 'Company']
 */
export function compileTemplate(template: Template, headers: string[]): CompiledTemplate {
  const byKey = headerIndex(headers);
  const customer = Object.entries(template.customer)
    .map(([t, r]) => bind(t, r, byKey))
    .filter((b): b is BoundRule => b !== undefined);
  const contact = Object.entries(template.contact)
    .map(([t, r]) => bind(t, r, byKey))
    .filter((b): b is BoundRule => b !== undefined);
  const used = new Set([...customer, ...contact].flatMap((b) => b.columns));
  const ignoreKeys = new Set(template.ignore.map(headerKey));
  const mapped = headers.filter((h) => used.has(h));
  const ignored = headers.filter((h) => !used.has(h) && ignoreKeys.has(headerKey(h)));
  const unmapped = headers.filter((h) => !used.has(h) && !ignoreKeys.has(headerKey(h)));
  return { template, headers, customer, contact, mapped, ignored, unmapped };
}

/**
 * What the mapping had to guess, in sentences for the user: a bare "Name"
 * column read as a person's name while nothing names a company means every
 * row becomes a residential customer (first and last name split from it); a
 * list of businesses under "name" (a restaurants file) would be matched as
 * people. Said, not silently assumed.
 */
export function mappingGuesses(compiled: CompiledTemplate): string[] {
  const guesses: string[] = [];
  const name = compiled.contact.find((r) => r.target === 'name' && r.kind === 'column');
  const column = name?.columns[0];
  const company = compiled.customer.some((r) => r.target === 'business_name' && r.columns.length > 0);
  if (column !== undefined && headerKey(column) === headerKey('name') && !company) {
    guesses.push(
      `column "${column}" is read as a person's name and no column names a company, so each row becomes a residential customer; if the file lists businesses, rename the column "Business Name" (or pass --template with business_name mapped to it)`,
    );
  }
  return guesses;
}
