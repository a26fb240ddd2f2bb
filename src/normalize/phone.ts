/**
 * Phone cells: "(555) 123-4567 x12", "+44 20 7946 0958", "555.123.4567 ext. 9".
 * `e164` is for matching; `national` is the readable form to write back.
 */
import { createRequire } from 'node:module';
import type { CountryCode } from 'libphonenumber-js';

export type { CountryCode };

type PhoneLib = typeof import('libphonenumber-js');
let lib: PhoneLib | undefined;

/**
 * libphonenumber-js, loaded on first use (its CommonJS build, the same code,
 * which can be required synchronously): importing it cost every run that
 * reads a file a tenth of a second, and a run that neither formats phones
 * nor compares them never calls it.
 */
const phoneLib = (): PhoneLib => (lib ??= createRequire(import.meta.url)('libphonenumber-js') as PhoneLib);

/**
 * Result of {@link normalizePhone}. `digits` is every digit of the number
 * without its extension; `e164` and `national` are set only for valid numbers
 * (write the cell as typed otherwise).
 */
export interface NormalizedPhone {
  e164?: string;
  national?: string;
  extension?: string;
  digits: string;
  valid: boolean;
}

// "x123", "ext 123", "ext. 123", "extension 123", "#123" at the end of the cell.
const EXT_RE = /\s*(?:,|;)?\s*(?:e?xt(?:ension)?\.?|x|#)\s*:?\s*(\d{1,7})\s*$/i;

/** Split a trailing extension from the number part. */
function splitExtension(text: string): { main: string; extension?: string } {
  const m = EXT_RE.exec(text);
  if (!m || m.index === 0) return { main: text };
  return { main: text.slice(0, m.index), extension: m[1] };
}

function callingCode(country: CountryCode): string | undefined {
  try {
    return phoneLib().getCountryCallingCode(country);
  } catch {
    return undefined;
  }
}

/**
 * Normalize one phone cell. Never throws; `valid` is false for numbers
 * libphonenumber does not accept for their country.
 * @example normalizePhone('(212) 555-0199 x12') // { e164: '+12125550199', national: '(212) 555-0199', extension: '12', digits: '2125550199', valid: true }
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'US'): NormalizedPhone {
  const text = String(raw ?? '')
    .replace(/[\u00a0\u2000-\u200b]/g, ' ')
    .trim();
  const { main, extension } = splitExtension(text);
  const digits = main.replace(/\D+/g, '');
  const result: NormalizedPhone = { digits, valid: false };
  if (extension !== undefined) result.extension = extension;
  if (digits.length < 4) return result;
  let parsed;
  try {
    // "00" international prefix is common in European exports.
    const candidate = /^\s*00[1-9]/.test(main) ? `+${main.trim().slice(2)}` : main;
    parsed = phoneLib().parsePhoneNumberFromString(candidate, defaultCountry);
  } catch {
    parsed = undefined;
  }
  if (!parsed?.isValid()) return result;
  result.e164 = parsed.number;
  result.valid = true;
  result.national = parsed.countryCallingCode === callingCode(defaultCountry) ? parsed.formatNational() : parsed.formatInternational();
  if (parsed.ext && result.extension === undefined) result.extension = parsed.ext;
  return result;
}

/**
 * Digits of a phone cell without its extension, the last 10 at most (a
 * country or trunk prefix drops out: "+44 20 7946 0958" and "020 7946 0958"
 * agree); '' under 7 digits. Cheap (no parsing): the fuzzy matcher's key.
 * @example phoneDigitsKey('+1 (212) 555-0199 x12') // "2125550199"
 */
export function phoneDigitsKey(raw: string): string {
  const digits = splitExtension(String(raw ?? '')).main.replace(/\D+/g, '');
  if (digits.length < 7) return '';
  return digits.length > 10 ? digits.slice(-10) : digits;
}

/**
 * The key phones are matched on: E.164 when the number is valid, else the digits
 * (last 10 at most, so a lost country prefix still matches).
 */
export function phoneMatchKey(raw: string, defaultCountry: CountryCode = 'US'): string {
  return phoneKeyOf(normalizePhone(raw, defaultCountry));
}

/** {@link phoneMatchKey} of a phone already normalized (a caller that also reads its extension parses once). */
export function phoneKeyOf(p: NormalizedPhone): string {
  if (p.e164) return p.e164;
  return p.digits.length > 10 ? p.digits.slice(-10) : p.digits;
}
