/**
 * The writable fields of each sandbox resource with their casts, and the two
 * rules shared by every write: keys left out stay unchanged, custom-field
 * maps (`properties`) merge key by key.
 */
import { isSafeKey, toBool, toFloat, toInt, toStringMap, toText } from './params.js';
import type { Params } from './params.js';

/** How a field's value is cast from params. */
export type FieldKind = 'text' | 'bool' | 'int' | 'float' | 'map' | 'list';
export type FieldSpec = Readonly<Record<string, FieldKind>>;
/** A record's stored fields (no id or timestamps). */
export type Fields = Record<string, unknown>;

/** Customer fields accepted on create/update (`disabled` included: the sandbox accepts it). */
export const CUSTOMER_SPEC: FieldSpec = {
  business_name: 'text',
  firstname: 'text',
  lastname: 'text',
  email: 'text',
  phone: 'text',
  mobile: 'text',
  address: 'text',
  address_2: 'text',
  city: 'text',
  state: 'text',
  zip: 'text',
  notes: 'text',
  referred_by: 'text',
  tax_rate_id: 'int',
  get_sms: 'bool',
  opt_out: 'bool',
  no_email: 'bool',
  disabled: 'bool',
  location_id: 'int',
  latitude: 'float',
  longitude: 'float',
  notification_email: 'text',
  invoice_cc_emails: 'text',
  invoice_term_id: 'int',
  ref_customer_id: 'int',
  properties: 'map',
};

/** Contact fields accepted on create/update; `title` is handled apart (it lands in properties). */
export const CONTACT_SPEC: FieldSpec = {
  customer_id: 'int',
  name: 'text',
  email: 'text',
  phone: 'text',
  mobile: 'text',
  extension: 'text',
  address1: 'text',
  address2: 'text',
  city: 'text',
  state: 'text',
  zip: 'text',
  notes: 'text',
  opt_out: 'bool',
  vendor_id: 'int',
  ticket_matching_emails: 'text',
  latitude: 'float',
  longitude: 'float',
  properties: 'map',
};

export const TICKET_SPEC: FieldSpec = {
  customer_id: 'int',
  contact_id: 'int',
  number: 'int',
  subject: 'text',
  status: 'text',
  problem_type: 'text',
  priority: 'text',
  due_date: 'text',
  start_at: 'text',
  end_at: 'text',
  location_id: 'int',
  user_id: 'int',
  ticket_type_id: 'int',
  properties: 'map',
  tag_list: 'list',
  asset_ids: 'list',
};

export const ASSET_SPEC: FieldSpec = {
  customer_id: 'int',
  contact_id: 'int',
  name: 'text',
  asset_type: 'text',
  asset_type_name: 'text',
  asset_type_id: 'int',
  asset_serial: 'text',
  properties: 'map',
};

export const INVOICE_SPEC: FieldSpec = {
  customer_id: 'int',
  contact_id: 'int',
  ticket_id: 'int',
  number: 'text',
  date: 'text',
  due_date: 'text',
  subtotal: 'text',
  total: 'text',
  tax: 'text',
  po_number: 'text',
  note: 'text',
  location_id: 'int',
  hardwarecost: 'text',
  user_id: 'int',
};

function cast(kind: FieldKind, v: unknown): unknown {
  switch (kind) {
    case 'text':
      return toText(v);
    case 'bool':
      return toBool(v);
    case 'int':
      return toInt(v);
    case 'float':
      return toFloat(v);
    case 'map':
      return toStringMap(v);
    case 'list':
      return Array.isArray(v) ? v : v === null || v === '' ? [] : [v];
  }
}

/**
 * The fields of `spec` present in `params`, cast. Unknown keys are dropped (as
 * Rails' strong parameters do); a `properties` that is not an object is dropped.
 */
export function pickFields(params: Params, spec: FieldSpec): Fields {
  const out: Fields = {};
  for (const [key, kind] of Object.entries(spec)) {
    if (!Object.hasOwn(params, key)) continue;
    const value = cast(kind, params[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** `current` with `changes` applied: absent keys unchanged, `properties` merged key by key. */
export function applyChanges(current: Fields, changes: Fields): Fields {
  const next: Fields = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (!isSafeKey(key)) continue;
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      const base = (current.properties ?? {}) as Record<string, string>;
      next.properties = { ...base, ...(value as Record<string, string>) };
    } else {
      next[key] = value;
    }
  }
  return next;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for null/empty (allowed) and for a plausible address; false otherwise. */
export function isValidEmail(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  return typeof v === 'string' && EMAIL_RE.test(v.trim());
}

/** Lower-cased email for comparisons, or null when empty. */
export function emailKey(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : null;
}

/** Digits of a phone number, or null when it has none (Syncro's processed_phone). */
export function digitsOnly(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const d = v.replace(/\D+/g, '');
  return d === '' ? null : d;
}
