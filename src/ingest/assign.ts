/**
 * Puts one rule's value into a draft: ids and booleans coerced, emails
 * split (first address kept, the others to notes with a warning), custom
 * fields and note lines collected. Problems are row issues, never throws.
 * {@link assigner} picks the work for a target once, not on every row.
 */
import { fastAcceptsText } from '../model/fast-accept.js';
import { CONTACT_BOOLEAN_FIELDS, CUSTOMER_BOOLEAN_FIELDS } from '../model/fields.js';
import { ContactFieldsSchema, CustomerFieldsSchema } from '../model/index.js';
import { normalizeEmail } from '../normalize/index.js';
import type { Scalar } from '../templates/compile.js';
import { parseBoolean, parseCustomFields } from '../templates/values.js';
import { addIssue, fieldLabel } from './draft.js';
import type { Entity, RowState } from './draft.js';

const BOOLEAN: Record<Entity, ReadonlySet<string>> = {
  customer: new Set(CUSTOMER_BOOLEAN_FIELDS),
  contact: new Set(CONTACT_BOOLEAN_FIELDS),
};
const INTEGER = new Set(['id', 'customer_id', 'tax_rate_id']);
const WHOLE = /^\s*\d+(?:\.0+)?\s*$/;

export type Assign = (state: RowState, value: Scalar) => void;

const draftOf = (state: RowState, entity: Entity) => (entity === 'customer' ? state.customer : state.contact);

/**
 * How a target stores a value: a field, a custom field or a "Label: value"
 * note line set to the text; the customer's key, type or tax rate kept on
 * the row state; a yes/no field; the email (first address kept); or, for
 * the rest (ids, a cell of custom fields), `other`.
 */
export type Store =
  | { kind: 'field' | 'property' | 'boolean'; name: string }
  | { kind: 'note'; prefix: string }
  | { kind: 'state'; name: 'key' | 'type' | 'taxRate' }
  | { kind: 'email' }
  | { kind: 'other' };

const OTHER: Store = { kind: 'other' };
const STATE = new Map<string, 'key' | 'type' | 'taxRate'>([
  ['key', 'key'],
  ['type', 'type'],
  ['tax_rate', 'taxRate'],
]);

/** @example storeOf('contact', 'notes.Contact id') // { kind: 'note', prefix: 'Contact id: ' } */
export function storeOf(entity: Entity, target: string): Store {
  const state = STATE.get(target);
  if (entity === 'customer' && state !== undefined) return { kind: 'state', name: state };
  if (INTEGER.has(target) || target === 'properties') return OTHER;
  if (BOOLEAN[entity].has(target)) return { kind: 'boolean', name: target };
  if (target === 'email') return { kind: 'email' };
  if (target.startsWith('properties.')) return { kind: 'property', name: target.slice(11) };
  if (target.startsWith('notes.')) return { kind: 'note', prefix: `${target.slice(6)}: ` };
  return { kind: 'field', name: target };
}

/**
 * The function that stores a (mapped, non-empty) value for `target` of `entity`.
 * @example assigner('contact', 'email')(state, 'a@b.example; c@d.example')
 */
export function assigner(entity: Entity, target: string): Assign {
  const store = storeOf(entity, target);
  switch (store.kind) {
    case 'field': {
      const set = fieldSetter(store.name);
      return (s, v) => set(draftOf(s, entity).fields, String(v).trim());
    }
    case 'property': {
      const name = store.name;
      return (s, v) => void (draftOf(s, entity).properties[name] = String(v).trim());
    }
    case 'note': {
      const prefix = store.prefix;
      return (s, v) => draftOf(s, entity).addNote(prefix + String(v).trim());
    }
    case 'state':
      if (store.name === 'key') return (s, v) => void (s.key = String(v).trim());
      if (store.name === 'type') return (s, v) => void (s.type = String(v).trim());
      return (s, v) => void (s.taxRate = String(v).trim());
    case 'boolean':
      return (s, v) => {
        const b = typeof v === 'boolean' ? v : parseBoolean(String(v));
        if (b !== undefined) return void (draftOf(s, entity).fields[target] = b);
        const label = fieldLabel(s, entity, target);
        draftOf(s, entity).noteLines.push(`${label}: ${String(v)}`);
        addIssue(s, {
          field: label,
          value: String(v),
          code: 'VALUE_UNRECOGNISED',
          severity: 'warning',
          message: `"${String(v)}" is not a yes/no value for ${entity} ${target}; ${target} was left unset and the value kept in the notes`,
        });
      };
    case 'email':
      return (s, v) => assignEmail(s, entity, String(v));
    case 'other':
      break; // integers and custom-field cells, below
  }
  if (INTEGER.has(target)) {
    return (s, v) => {
      const n = typeof v === 'number' ? v : WHOLE.test(String(v)) ? Number(String(v).trim()) : NaN;
      if (Number.isSafeInteger(n) && n > 0) draftOf(s, entity).fields[target] = n;
      else
        addIssue(s, {
          field: fieldLabel(s, entity, target),
          value: String(v),
          code: 'ID_INVALID',
          severity: 'error',
          message: `${entity} ${target} must be a Syncro id (a positive whole number)`,
        });
    };
  }
  // What is left of `other`: a cell of custom fields.
  return (s, v) => {
    const text = String(v);
    const fields = parseCustomFields(text);
    if (fields) return void Object.assign(draftOf(s, entity).properties, fields);
    const label = fieldLabel(s, entity, target);
    draftOf(s, entity).noteLines.push(`${label}: ${text.trim()}`);
    addIssue(s, {
      field: label,
      value: text.slice(0, 200),
      code: 'CUSTOM_FIELDS_UNREADABLE',
      severity: 'warning',
      message: 'custom fields are neither JSON nor "Name: value" pairs; kept in the notes',
    });
  };
}

type Setter = (fields: Record<string, unknown>, value: string) => void;

/**
 * `(fields, value) => { fields.<target> = value }`. One shared
 * `fields[target] = value` sees every target name and goes megamorphic; a
 * store with the name written in the code stays fast (8% of a row that maps
 * a company). Only plain field names (the template schema allows no others)
 * are written into code; anything else keeps the computed store.
 */
function fieldSetter(target: string): Setter {
  const computed: Setter = (fields, value) => void (fields[target] = value);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(target) || target === '__proto__') return computed;
  try {
    return new Function('fields', 'value', `fields.${target} = value;`) as Setter;
  } catch {
    return computed; // code generation disallowed (node --disallow-code-generation-from-strings)
  }
}

const ONE_TOKEN = /^[^\s,;<>]+$/;
const MAILTO = /^mailto:/i;
const EMAIL_ACCEPTED: Record<Entity, (text: string) => boolean> = {
  customer: fastAcceptsText(CustomerFieldsSchema.shape.email),
  contact: fastAcceptsText(ContactFieldsSchema.shape.email),
};

/**
 * An email cell's trimmed text that is stored as it is: a plain
 * "someone@example.com", or no address at all (validation says what is
 * wrong with it). An address zod accepts is one token without "mailto:"
 * (its regex allows no space, comma, semicolon, bracket or colon): tested
 * first, it spares validation its regex (see fastAcceptsText).
 */
export const isPlainEmail = (entity: Entity, text: string): boolean =>
  EMAIL_ACCEPTED[entity](text) || !text.includes('@') || (ONE_TOKEN.test(text) && !(text.charCodeAt(6) === 58 && MAILTO.test(text)));

/** First address of the cell as written (trimmed); further addresses to the notes, with a warning. */
function assignEmail(state: RowState, entity: Entity, raw: string): void {
  const draft = draftOf(state, entity);
  const text = raw.trim();
  if (isPlainEmail(entity, text)) {
    draft.fields.email = text;
    return;
  }
  const parsed = normalizeEmail(text);
  const first = parsed.email ?? text;
  const at = text.toLowerCase().indexOf(first);
  draft.fields.email = at >= 0 ? text.slice(at, at + first.length) : first;
  if (parsed.extra.length > 0) {
    const label = fieldLabel(state, entity, 'email');
    draft.noteLines.push(`Other email addresses (${label}): ${parsed.extra.join(', ')}`);
    addIssue(state, {
      field: label,
      value: text,
      code: 'EMAIL_EXTRA_MOVED',
      severity: 'warning',
      message: `the cell holds ${parsed.extra.length + 1} addresses: the first is the ${entity}'s email, the others (${parsed.extra.join(', ')}) were kept in the notes`,
    });
  }
}
