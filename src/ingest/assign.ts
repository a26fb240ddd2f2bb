/**
 * Puts one rule's value into a draft: ids and booleans coerced, emails
 * split (first address kept, the others to notes with a warning), custom
 * fields and note lines collected. Problems are row issues, never throws.
 */
import { CONTACT_BOOLEAN_FIELDS, CUSTOMER_BOOLEAN_FIELDS } from '../model/fields.js';
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

/** Store `value` (already mapped, non-empty) for `target` of `entity`. */
export function assign(state: RowState, entity: Entity, target: string, value: Scalar): void {
  const draft = entity === 'customer' ? state.customer : state.contact;
  const label = () => fieldLabel(state, entity, target);
  if (entity === 'customer') {
    if (target === 'key') return void (state.key = String(value).trim());
    if (target === 'type') return void (state.type = String(value).trim());
    if (target === 'tax_rate') return void (state.taxRate = String(value).trim());
  }
  if (INTEGER.has(target)) {
    const n = typeof value === 'number' ? value : /^\s*\d+(?:\.0+)?\s*$/.test(String(value)) ? Number(String(value).trim()) : NaN;
    if (Number.isSafeInteger(n) && n > 0) draft.fields[target] = n;
    else addIssue(state, { field: label(), value: String(value), code: 'ID_INVALID', severity: 'error', message: `${entity} ${target} must be a Syncro id (a positive whole number)` });
    return;
  }
  if (BOOLEAN[entity].has(target)) {
    const b = typeof value === 'boolean' ? value : parseBoolean(String(value));
    if (b !== undefined) draft.fields[target] = b;
    else {
      draft.noteLines.push(`${label()}: ${String(value)}`);
      addIssue(state, { field: label(), value: String(value), code: 'VALUE_UNRECOGNISED', severity: 'warning', message: `"${String(value)}" is not a yes/no value for ${entity} ${target}; ${target} was left unset and the value kept in the notes` });
    }
    return;
  }
  const text = String(value);
  if (target === 'properties') {
    const fields = parseCustomFields(text);
    if (fields) Object.assign(draft.properties, fields);
    else {
      draft.noteLines.push(`${label()}: ${text.trim()}`);
      addIssue(state, { field: label(), value: text.slice(0, 200), code: 'CUSTOM_FIELDS_UNREADABLE', severity: 'warning', message: 'custom fields are neither JSON nor "Name: value" pairs; kept in the notes' });
    }
    return;
  }
  if (target.startsWith('properties.')) return void (draft.properties[target.slice(11)] = text.trim());
  if (target.startsWith('notes.')) return void draft.noteLines.push(`${target.slice(6)}: ${text.trim()}`);
  if (target === 'notes') return void (draft.fields.notes = text.trim());
  if (target === 'email') return assignEmail(state, entity, text);
  draft.fields[target] = text.trim();
}

/** First address of the cell as written (trimmed); further addresses to the notes, with a warning. */
function assignEmail(state: RowState, entity: Entity, raw: string): void {
  const draft = entity === 'customer' ? state.customer : state.contact;
  const text = raw.trim();
  if (!text.includes('@')) {
    draft.fields.email = text; // validation says what is wrong with it
    return;
  }
  const parsed = normalizeEmail(text);
  if (parsed.extra.length === 0 && /^[^\s,;<>]+$/.test(text) && !/^mailto:/i.test(text)) {
    draft.fields.email = text;
    return;
  }
  const first = parsed.email ?? text;
  const at = text.toLowerCase().indexOf(first);
  draft.fields.email = at >= 0 ? text.slice(at, at + first.length) : first;
  if (parsed.extra.length > 0) {
    const label = fieldLabel(state, entity, 'email');
    draft.noteLines.push(`Other email addresses (${label}): ${parsed.extra.join(', ')}`);
    addIssue(state, { field: label, value: text, code: 'EMAIL_EXTRA_MOVED', severity: 'warning', message: `the cell holds ${parsed.extra.length + 1} addresses: the first is the ${entity}'s email, the others (${parsed.extra.join(', ')}) were kept in the notes` });
  }
}
