/**
 * Did Syncro store what we sent? Compared the way Syncro may rewrite a value:
 * phones by digits with their country ("555-0999" and "5550999" agree),
 * email by case, text by case and whitespace, business names by their match
 * key. Used to recognise our own record after a lost create answer, and to
 * find the fields of a write that Syncro did not keep.
 */
import type { CountryCode } from 'libphonenumber-js';
import { companyMatchKey } from '../normalize/company.js';
import { phoneDigitsKey, phoneMatchKey } from '../normalize/phone.js';

type Rec = Record<string, unknown>;

const PHONE_FIELD = /phone|mobile|fax/i;
/** Fields whose write Syncro may silently drop: absent from the answer means "not kept". */
export const MAY_BE_IGNORED = new Set(['disabled', 'properties', 'title']);
/** Not compared at all: write-only or never echoed. */
const NEVER_COMPARED = new Set(['api_key', 'contacts']);

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ').trim().toLowerCase();
}

function digits(v: string): string {
  return v.replace(/\D+/g, '');
}

/** Two phone values that are the same number (formatting, a dropped country prefix and case aside). */
export function samePhone(a: unknown, b: unknown, country: CountryCode = 'US'): boolean {
  const x = text(a);
  const y = text(b);
  if (x === y) return true;
  if (!x || !y) return false;
  if (digits(x) === digits(y)) return true;
  const kx = phoneMatchKey(x, country);
  const ky = phoneMatchKey(y, country);
  if (kx && kx === ky) return true;
  const dx = phoneDigitsKey(x);
  return dx !== '' && dx === phoneDigitsKey(y);
}

/** One field's stored value equals the sent one, Syncro's rewriting aside. */
export function sameValue(field: string, sent: unknown, stored: unknown, country: CountryCode = 'US'): boolean {
  if (typeof sent === 'boolean') return Boolean(stored) === sent || text(stored) === String(sent);
  if (typeof sent === 'number') return Number(stored) === sent;
  if (PHONE_FIELD.test(field)) return samePhone(sent, stored, country);
  if (field === 'business_name' && text(sent) !== text(stored))
    return companyMatchKey(String(sent ?? '')) === companyMatchKey(String(stored ?? '')) && text(sent) !== '';
  return text(sent) === text(stored);
}

function storedTitle(record: Rec): unknown {
  return ((record.properties ?? {}) as Rec).title ?? record.title;
}

/**
 * The fields of `payload` the record does not hold. A field that may be
 * ignored (disabled, properties, title) counts as missing when the record does
 * not show it; any other field the record lacks is taken as write-only.
 * `only` limits the check to identity (recovery) or not.
 */
export function fieldsNotKept(record: Rec, payload: Rec, options: { country?: CountryCode; skip?: ReadonlySet<string> } = {}): string[] {
  const missing: string[] = [];
  for (const [key, sent] of Object.entries(payload)) {
    if (sent === undefined || NEVER_COMPARED.has(key) || options.skip?.has(key)) continue;
    if (key === 'properties') {
      if (!sent || typeof sent !== 'object') continue;
      const stored = (record.properties ?? {}) as Rec;
      for (const [pk, pv] of Object.entries(sent as Rec)) if (text(stored[pk]) !== text(pv)) missing.push(`properties.${pk}`);
      continue;
    }
    if (key === 'title') {
      if (text(storedTitle(record)) !== text(sent)) missing.push('title');
      continue;
    }
    if (!(key in record)) {
      if (MAY_BE_IGNORED.has(key)) missing.push(key);
      continue;
    }
    if (!sameValue(key, sent, record[key], options.country)) missing.push(key);
  }
  return missing;
}

/** The record is the one a create with this payload made: every identifying field agrees (what Syncro may drop aside). */
export function matchesIdentity(record: Rec, payload: Rec, country?: CountryCode): boolean {
  const skip = new Set([...MAY_BE_IGNORED, 'get_sms', 'opt_out', 'no_email']);
  return fieldsNotKept(record, payload, country ? { country, skip } : { skip }).length === 0;
}
