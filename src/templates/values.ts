/**
 * Small value rules templates apply: the protective apostrophe, booleans,
 * customer types, and a cell holding several custom fields.
 */
import type { CustomerType } from './schema.js';

const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Strip the leading `'` that exports put before cells Excel would otherwise
 * run as formulas or retype ('=1+2, '+1 555, '-x, '@x, '00123), so such
 * values round-trip unchanged. Any other leading apostrophe is data.
 * @example stripProtectiveApostrophe("'=SUM(A1)") // "=SUM(A1)"
 * @example stripProtectiveApostrophe("'00123") // "00123"
 * @example stripProtectiveApostrophe("'Tis the season") // "'Tis the season"
 */
export function stripProtectiveApostrophe(value: string): string {
  if (value.charCodeAt(0) !== 39) return value;
  const rest = value.slice(1);
  return FORMULA_START.test(rest) || /^\d+$/.test(rest) ? rest : value;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 't', '1', 'x', 'on', 'checked', '✓', '✔']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'f', '0', 'off', 'unchecked', '-']);

/**
 * Yes/No/True/False/Y/N/1/0/X → boolean; undefined for an empty or unknown value.
 * @example parseBoolean('Yes') // true
 */
export function parseBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}

const TYPE_WORDS: Record<string, CustomerType> = {
  business: 'Business',
  commercial: 'Business',
  company: 'Business',
  corporate: 'Business',
  organization: 'Business',
  organisation: 'Business',
  smb: 'Business',
  residential: 'Residential',
  residence: 'Residential',
  home: 'Residential',
  individual: 'Residential',
  consumer: 'Residential',
  person: 'Residential',
  personal: 'Residential',
  private: 'Residential',
  government: 'Government',
  gov: 'Government',
  govt: 'Government',
  public: 'Government',
  publicsector: 'Government',
  municipal: 'Government',
  nonprofit: 'Non-Profit',
  notforprofit: 'Non-Profit',
  npo: 'Non-Profit',
  charity: 'Non-Profit',
  ngo: 'Non-Profit',
};

/**
 * A customer-type cell → Business, Residential, Government or Non-Profit;
 * undefined when the value is none of these (the caller keeps it as written).
 * @example canonicalCustomerType('non profit') // "Non-Profit"
 */
export function canonicalCustomerType(value: string): CustomerType | undefined {
  return TYPE_WORDS[value.toLowerCase().replace(/[^a-z]/g, '')];
}

/**
 * A cell holding several custom fields: a JSON object (`{"Contract":"Gold"}`)
 * or "Name: value" pairs on separate lines or separated by `;` or `|`.
 * Undefined when the cell is neither (the caller keeps it in notes).
 * @example parseCustomFields('Contract: Gold; Tier: 2') // { Contract: 'Gold', Tier: '2' }
 */
export function parseCustomFields(value: string): Record<string, string> | undefined {
  const text = value.trim();
  if (text === '') return {};
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as unknown;
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(json)) {
        if (v === null || v === undefined || v === '') continue;
        out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
      }
      return out;
    } catch {
      return undefined;
    }
  }
  const out: Record<string, string> = {};
  for (const part of text.split(/\r?\n|;|\|/)) {
    if (part.trim() === '') continue;
    const m = /^\s*([^:=]+?)\s*[:=]\s*(.*?)\s*$/.exec(part);
    if (!m) return undefined;
    if (m[2] !== '') out[m[1] as string] = m[2] as string;
  }
  return out;
}
