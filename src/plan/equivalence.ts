/**
 * When is a field "unchanged"? After the normalization the field's kind
 * calls for: a change that vanishes once both sides are normalized is no
 * change, and the planner sends no write for it.
 */
import { collapseSpaces, normalizeEmail, normalizeState, normalizeZip, phoneMatchKey } from '../normalize/index.js';

export type FieldKind = 'email' | 'phone' | 'state' | 'zip' | 'boolean' | 'number' | 'notes' | 'text';

const KIND_BY_FIELD: Record<string, FieldKind> = {
  email: 'email',
  notification_email: 'email',
  phone: 'phone',
  mobile: 'phone',
  state: 'state',
  zip: 'zip',
  get_sms: 'boolean',
  opt_out: 'boolean',
  no_email: 'boolean',
  disabled: 'boolean',
  tax_rate_id: 'number',
  customer_id: 'number',
  notes: 'notes',
};

export function fieldKind(field: string): FieldKind {
  return KIND_BY_FIELD[field] ?? 'text';
}

/** True for null, undefined and strings that are blank. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** The comparison key of a value for its field. Blank values all compare as ''. */
export function comparisonKey(field: string, value: unknown, country = 'US'): string {
  if (isBlank(value)) return '';
  const s = String(value);
  switch (fieldKind(field)) {
    case 'email':
      return normalizeEmail(s).email ?? s.trim().toLowerCase();
    case 'phone':
      return phoneMatchKey(s, country as Parameters<typeof phoneMatchKey>[1]) || s.trim().toLowerCase(); // no digits at all: compare the text
    case 'state':
      return normalizeState(s, country).toUpperCase();
    case 'zip':
      return normalizeZip(s, country).toUpperCase();
    case 'boolean':
      return value === true || /^(true|yes|1)$/i.test(s.trim()) ? 'true' : 'false';
    case 'number':
      return String(Number(s));
    case 'notes':
      return s.replace(/\r\n/g, '\n').trim();
    default:
      return collapseSpaces(s).toLowerCase();
  }
}

export function sameValue(field: string, a: unknown, b: unknown, country?: string): boolean {
  // A boolean that is absent reads as false in Syncro's UI; only a real difference counts.
  if (fieldKind(field) === 'boolean') return comparisonKey(field, a ?? false, country) === comparisonKey(field, b ?? false, country);
  return comparisonKey(field, a, country) === comparisonKey(field, b, country);
}
