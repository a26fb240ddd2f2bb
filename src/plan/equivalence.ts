/**
 * When is a field "unchanged"? After the normalization the field's kind
 * calls for: a change that vanishes once both sides are normalized is no
 * change, and the planner sends no write for it.
 */
import { collapseSpaces, normalizeEmail, normalizePhone, normalizeState, normalizeZip, phoneKeyOf } from '../normalize/index.js';

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
      return phoneKey(s, country);
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
  if (fieldKind(field) === 'phone' && !isBlank(a) && !isBlank(b) && sameDigitsStored(String(a), String(b))) return true;
  return comparisonKey(field, a, country) === comparisonKey(field, b, country);
}

/**
 * The number (E.164 when valid, else its last 10 digits) and its extension:
 * "555-0100 x12" and "555-0100" are two values (the extension would be lost),
 * "(503) 555-0174" and "503.555.0174" one. No digits at all: the text.
 */
function phoneKey(s: string, country: string): string {
  const p = normalizePhone(s, country as Parameters<typeof normalizePhone>[1]);
  const number = phoneKeyOf(p);
  if (!number) return s.trim().toLowerCase();
  return p.extension ? `${number};ext=${p.extension}` : number;
}

/**
 * An account that keeps phones as digits only (an open point of Syncro's API:
 * `503.555.0174 x 22` read back as `503555017422`) holds the same phone when
 * one side is bare digits and they are every digit of the other, extension
 * included.
 */
function sameDigitsStored(a: string, b: string): boolean {
  const [x, y] = [a.trim(), b.trim()];
  const bare = /^\d{7,}$/;
  return (bare.test(x) && x === y.replace(/\D+/g, '')) || (bare.test(y) && y === x.replace(/\D+/g, ''));
}
