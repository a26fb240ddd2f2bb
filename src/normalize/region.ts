/**
 * US states / Canadian provinces to their two-letter codes, and postal codes
 * repaired from what spreadsheets do to them (lost leading zeros).
 */
import { foldText } from './text.js';

const US: Record<string, string> = {
  AL: 'alabama',
  AK: 'alaska',
  AZ: 'arizona',
  AR: 'arkansas',
  CA: 'california',
  CO: 'colorado',
  CT: 'connecticut',
  DE: 'delaware',
  DC: 'district of columbia',
  FL: 'florida',
  GA: 'georgia',
  HI: 'hawaii',
  ID: 'idaho',
  IL: 'illinois',
  IN: 'indiana',
  IA: 'iowa',
  KS: 'kansas',
  KY: 'kentucky',
  LA: 'louisiana',
  ME: 'maine',
  MD: 'maryland',
  MA: 'massachusetts',
  MI: 'michigan',
  MN: 'minnesota',
  MS: 'mississippi',
  MO: 'missouri',
  MT: 'montana',
  NE: 'nebraska',
  NV: 'nevada',
  NH: 'new hampshire',
  NJ: 'new jersey',
  NM: 'new mexico',
  NY: 'new york',
  NC: 'north carolina',
  ND: 'north dakota',
  OH: 'ohio',
  OK: 'oklahoma',
  OR: 'oregon',
  PA: 'pennsylvania',
  RI: 'rhode island',
  SC: 'south carolina',
  SD: 'south dakota',
  TN: 'tennessee',
  TX: 'texas',
  UT: 'utah',
  VT: 'vermont',
  VA: 'virginia',
  WA: 'washington',
  WV: 'west virginia',
  WI: 'wisconsin',
  WY: 'wyoming',
  PR: 'puerto rico',
  GU: 'guam',
  VI: 'virgin islands',
  AS: 'american samoa',
  MP: 'northern mariana islands',
};
const CA: Record<string, string> = {
  AB: 'alberta',
  BC: 'british columbia',
  MB: 'manitoba',
  NB: 'new brunswick',
  NL: 'newfoundland and labrador',
  NS: 'nova scotia',
  NT: 'northwest territories',
  NU: 'nunavut',
  ON: 'ontario',
  PE: 'prince edward island',
  QC: 'quebec',
  SK: 'saskatchewan',
  YT: 'yukon',
};
// Common abbreviations and alternative names people type.
const US_ALIASES: Record<string, string> = {
  'washington dc': 'DC',
  'd c': 'DC',
  calif: 'CA',
  cal: 'CA',
  mass: 'MA',
  penn: 'PA',
  penna: 'PA',
  fla: 'FL',
  ill: 'IL',
  mich: 'MI',
  minn: 'MN',
  wisc: 'WI',
  wis: 'WI',
  tex: 'TX',
  ariz: 'AZ',
  colo: 'CO',
  conn: 'CT',
  okla: 'OK',
  ore: 'OR',
  tenn: 'TN',
  nebr: 'NE',
  neb: 'NE',
  nev: 'NV',
  wash: 'WA',
  ala: 'AL',
  ark: 'AR',
  kans: 'KS',
  miss: 'MS',
  'n dak': 'ND',
  's dak': 'SD',
  'w va': 'WV',
  'n c': 'NC',
  's c': 'SC',
  ind: 'IN',
  'n y': 'NY',
  'n j': 'NJ',
};
const CA_ALIASES: Record<string, string> = {
  newfoundland: 'NL',
  labrador: 'NL',
  nfld: 'NL',
  pei: 'PE',
  'p e i': 'PE',
  que: 'QC',
  pq: 'QC',
  ont: 'ON',
  alta: 'AB',
  sask: 'SK',
  'colombie britannique': 'BC',
  'nouveau brunswick': 'NB',
  'nouvelle ecosse': 'NS',
  'ile du prince edouard': 'PE',
  'terre neuve et labrador': 'NL',
  yukon: 'YT',
  'yukon territory': 'YT',
  'northwest territory': 'NT',
  nwt: 'NT',
};

function table(codes: Record<string, string>, aliases: Record<string, string>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [code, name] of Object.entries(codes)) {
    m.set(code.toLowerCase(), code);
    m.set(name, code);
  }
  for (const [alias, code] of Object.entries(aliases)) m.set(alias, code);
  return m;
}
const US_MAP = table(US, US_ALIASES);
const CA_MAP = table(CA, CA_ALIASES);

/**
 * US state or Canadian province (full name, code or common abbreviation) to
 * its two-letter code; anything unknown comes back trimmed. Without a country
 * both are tried (their codes do not overlap).
 * @example normalizeState('Massachusetts') // "MA"
 * @example normalizeState('Québec', 'CA') // "QC"
 */
export function normalizeState(raw: string, country?: 'US' | 'CA' | string): string {
  const trimmed = String(raw ?? '').trim();
  const c = country?.trim().toUpperCase();
  if (c && c !== 'US' && c !== 'CA' && c !== 'USA' && c !== 'CAN') return trimmed;
  const key = foldText(trimmed);
  if (key === '') return trimmed;
  const us = c === 'CA' || c === 'CAN' ? undefined : US_MAP.get(key);
  const ca = c === 'US' || c === 'USA' ? undefined : CA_MAP.get(key);
  return us ?? ca ?? trimmed;
}

const CA_POSTAL = /^([a-z]\d[a-z])\s*-?\s*(\d[a-z]\d)$/i;

/**
 * Repair a postal code: US zips that lost leading zeros ("2134" → "02134",
 * "2134-1234" → "02134-1234", 9 digits → ZIP+4), Canadian "k1a0b1" →
 * "K1A 0B1". Without a country, a Canadian shape is read as Canadian and
 * digits as a US zip. Other countries come back trimmed.
 * @example normalizeZip('2134') // "02134"
 */
export function normalizeZip(raw: string, country?: 'US' | 'CA' | string): string {
  const trimmed = String(raw ?? '').trim();
  const c = country?.trim().toUpperCase();
  if (c && c !== 'US' && c !== 'CA' && c !== 'USA' && c !== 'CAN') return trimmed;
  if (c !== 'US' && c !== 'USA') {
    const m = CA_POSTAL.exec(trimmed);
    if (m) return `${(m[1] ?? '').toUpperCase()} ${(m[2] ?? '').toUpperCase()}`;
    if (c === 'CA' || c === 'CAN') return trimmed;
  }
  const s = trimmed.replace(/\.0+$/, ''); // Excel numbers exported as "2134.0"
  let m = /^(\d{3,5})$/.exec(s);
  if (m) return (m[1] ?? '').padStart(5, '0');
  m = /^(\d{3,5})\s*-\s*(\d{4})$/.exec(s);
  if (m) return `${(m[1] ?? '').padStart(5, '0')}-${m[2] ?? ''}`;
  m = /^(\d{7,9})$/.exec(s);
  if (m) {
    const d = (m[1] ?? '').padStart(9, '0');
    return `${d.slice(0, 5)}-${d.slice(5)}`;
  }
  return trimmed;
}
