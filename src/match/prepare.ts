/**
 * Turns MatchRecords into the comparison-ready form: lowercase folded text,
 * split names, company tokens, email parts, phone keys, street number and
 * name. Done once per record; every comparator reads only these fields.
 */
import { companyLegalForm, companyMatchKey } from '../normalize/company.js';
import { emailDomain, emailLocal, isFreeMailDomain, normalizeEmail } from '../normalize/email.js';
import { splitFullName } from '../normalize/name.js';
import { foldText } from '../normalize/text.js';
import { phoneDigitsKey } from '../normalize/phone.js';
import { normalizeState } from '../normalize/region.js';
import type { MatchRecord } from './types.js';

export interface Prepared {
  key: string;
  first: string;
  last: string;
  /** Bit per letter a–z present in first / last (a cheap bound before Jaro-Winkler). */
  firstMask: number;
  lastMask: number;
  /**
   * Ids of the first name, last name and company within the run (equal
   * values, equal ids; -1 when not interned): comparators memoise levels by
   * pairs of ids (pair-memo.ts).
   */
  firstId: number;
  lastId: number;
  companyId: number;
  /** Company match key, its tokens, and every letter/digit of the name (legal form included). */
  company: string;
  companyTokens: string[];
  /** Rarity weight of each company token (set by the engine once it has counted tokens). */
  companyWeights: Float64Array;
  companySquash: string;
  /** The legal forms the name ends with, one spelling each ("co llc"; '' for none). */
  companyForm: string;
  email: string;
  emailLocal: string;
  /** Local part without dots, dashes, underscores and "+tag". */
  emailBare: string;
  emailDomain: string;
  /** Email domain when it is a company's own (not free mail), else ''. */
  companyDomain: string;
  /**
   * Company domains of the record's own email and its contacts' (free mail
   * aside); empty unless the record lists `contactEmails`.
   */
  domains: string[];
  phones: string[];
  /** Last 7 digits of each phone (same number in another area code). */
  phoneTails: string[];
  /** Street line with abbreviations unified ("12 main street" → "12 main st"). */
  street: string;
  streetNo: string;
  streetName: string;
  /** The street name without spaces ("pridham st" → "pridhamst"). */
  streetSquash: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  /** Values of the run's extra fields, in the order of `extraNames`. */
  extras: string[];
  /** Per compared field, how many records of the run share this record's value (set by the engine). */
  termCounts: Int32Array;
}

/** Bit per letter a–z that occurs in `s`. */
export function letterMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) m |= 1 << c;
  }
  return m;
}

/** Local part without dots, dashes, underscores and "+tag". */
export function bareLocal(local: string): string {
  const plus = local.indexOf('+');
  return (plus > 0 ? local.slice(0, plus) : local).replace(/[._-]/g, '');
}

const STREET_WORDS: Record<string, string> = {
  street: 'st',
  str: 'st',
  avenue: 'ave',
  av: 'ave',
  avn: 'ave',
  road: 'rd',
  boulevard: 'blvd',
  blv: 'blvd',
  drive: 'dr',
  drv: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  crescent: 'cres',
  cresent: 'cres',
  circuit: 'cct',
  circle: 'cir',
  terrace: 'tce',
  parkway: 'pkwy',
  highway: 'hwy',
  square: 'sq',
  suite: 'ste',
  apartment: 'apt',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
  first: '1st',
  second: '2nd',
  third: '3rd',
  fourth: '4th',
  fifth: '5th',
  sixth: '6th',
  seventh: '7th',
  eighth: '8th',
  ninth: '9th',
  tenth: '10th',
  mount: 'mt',
  saint: 'st',
  fort: 'ft',
  floor: 'fl',
  close: 'cl',
  way: 'way',
  grove: 'gr',
  point: 'pt',
  heights: 'hts',
  expressway: 'expy',
  freeway: 'fwy',
  route: 'rte',
};

/** Folded text with street/direction words unified ("West Hollywood" → "w hollywood"). */
function unifyWords(raw: string | undefined): string[] {
  return foldText(raw)
    .split(' ')
    .filter(Boolean)
    .map((t) => STREET_WORDS[t] ?? t);
}

/** Street line to its comparable form plus the house number and the rest. */
export function parseStreet(raw: string | undefined): { street: string; streetNo: string; streetName: string } {
  const tokens = unifyWords(raw);
  const street = tokens.join(' ');
  const numberIdx = tokens.findIndex((t) => /^\d+[a-z]?$/.test(t));
  if (numberIdx < 0) return { street, streetNo: '', streetName: street };
  const streetNo = tokens[numberIdx] ?? '';
  const streetName = tokens.filter((_, i) => i !== numberIdx).join(' ');
  return { street, streetNo, streetName };
}

/** The extra field names present in any of the record lists, sorted, minus ignored ones. */
export function extraNames(lists: readonly (readonly MatchRecord[])[], ignore: readonly string[] = []): string[] {
  const names = new Set<string>();
  for (const list of lists) for (const r of list) if (r.extra) for (const k of Object.keys(r.extra)) names.add(k);
  return [...names].filter((n) => !ignore.includes(`extra.${n}`)).sort();
}

const EMPTY_WEIGHTS = new Float64Array(0);
const EMPTY_COUNTS = new Int32Array(0);

/**
 * Memo of values many records repeat (colleagues share company, street,
 * city): pass one per run to {@link prepareRecord}.
 */
export class PrepareMemo {
  private readonly maps = new Map<string, Map<string, unknown>>();
  /** `compute(raw)` once per distinct raw value of one kind. */
  get<T>(kind: string, raw: string, compute: (raw: string) => T): T {
    let map = this.maps.get(kind) as Map<string, T> | undefined;
    if (!map) this.maps.set(kind, (map = new Map<string, T>()) as Map<string, unknown>);
    let v = map.get(raw);
    if (v === undefined) map.set(raw, (v = compute(raw)));
    return v;
  }

  private readonly ids = new Map<string, number>();
  private readonly companyIds = new Map<string, number>();

  /** The run's id of a name (first and last names share one numbering: names are compared crosswise). */
  nameId(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.ids.size));
    return id;
  }

  /** The run's id of a company as written (everything the company comparator reads derives from it). */
  companyId(raw: string): number {
    let id = this.companyIds.get(raw);
    if (id === undefined) this.companyIds.set(raw, (id = this.companyIds.size));
    return id;
  }
}

/** Without a memo: compute every time, intern nothing. */
const NO_MEMO = {
  get: <T>(_kind: string, raw: string, compute: (raw: string) => T): T => compute(raw),
  nameId: (): number => -1,
  companyId: (): number => -1,
};

/** The company domain of an email ('' for free mail or no address). */
function contactDomain(raw: string): string {
  const e = normalizeEmail(raw).email ?? '';
  const d = e.includes('@') ? emailDomain(e) : '';
  return d && !isFreeMailDomain(d) ? d : '';
}

/** Prepare one record (pure; `memo` only saves recomputing repeated values). */
export function prepareRecord(
  r: MatchRecord,
  extras: readonly string[],
  memo: Pick<PrepareMemo, 'get' | 'nameId' | 'companyId'> = NO_MEMO,
): Prepared {
  let first = foldText(r.firstname);
  let last = foldText(r.lastname);
  if (!first && !last && r.name) {
    const split = splitFullName(r.name);
    first = foldText(split.first);
    last = foldText(split.last);
  }
  const companyRaw = r.company ?? '';
  const company = companyRaw ? memo.get('company', companyRaw, companyMatchKey) : '';
  const companySquash = companyRaw ? memo.get('squash', companyRaw, (x) => foldText(x).replace(/ /g, '')) : '';
  const normalized = r.email ? (normalizeEmail(r.email).email ?? '') : '';
  const email = normalized.includes('@') ? normalized : ''; // "n/a", "none": no address to compare
  const domain = email ? emailDomain(email) : '';
  const companyDomain = domain && !isFreeMailDomain(domain) ? domain : '';
  const domains: string[] = [];
  if (r.contactEmails) {
    if (companyDomain) domains.push(companyDomain);
    for (const e of r.contactEmails) {
      const d = memo.get('domain', e, contactDomain);
      if (d && !domains.includes(d)) domains.push(d);
    }
  }
  const phones: string[] = [];
  for (const p of r.phone ?? []) {
    const k = phoneDigitsKey(p);
    if (k && !phones.includes(k)) phones.push(k);
  }
  const { street, streetNo, streetName } = memo.get('street', r.address ?? '', parseStreet);
  const zip = (r.zip ?? '').trim().toLowerCase().replace(/\s+/g, '');
  return {
    key: r.key,
    first,
    last,
    firstMask: letterMask(first),
    lastMask: letterMask(last),
    firstId: memo.nameId(first),
    lastId: memo.nameId(last),
    companyId: companyRaw ? memo.companyId(companyRaw) : -1,
    company,
    companyTokens: company ? company.split(' ') : [],
    companyWeights: EMPTY_WEIGHTS,
    companySquash,
    companyForm: companyRaw ? memo.get('form', companyRaw, companyLegalForm) : '',
    email,
    emailLocal: email ? emailLocal(email) : '',
    emailBare: email ? bareLocal(emailLocal(email)) : '',
    emailDomain: domain,
    companyDomain,
    domains,
    phones,
    phoneTails: phones.map((p) => p.slice(-7)),
    street,
    streetNo,
    streetName,
    streetSquash: streetName.replace(/ /g, ''),
    address2: foldText(r.address2),
    city: memo.get('city', r.city ?? '', (x) => unifyWords(x).join(' ')),
    state: r.state ? memo.get('state', r.state, (x) => foldText(normalizeState(x))) : '',
    zip: /^\d+$/.test(zip) ? zip.replace(/^0+(?=\d)/, '') : zip, // lost leading zeros do not matter
    extras: extras.map((n) => foldText(r.extra?.[n]).replace(/ /g, '')),
    termCounts: EMPTY_COUNTS,
  };
}
