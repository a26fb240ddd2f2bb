/**
 * Whether two records that share a business name are one customer, from the
 * evidence beside the name (issue 12: franchises, branch offices and
 * namesakes are ordinary in an MSP's book). A different company email domain
 * (free mail aside), a different state, or a different phone together with a
 * different address, city or zip says "another customer"; the same phone or
 * street address says "the same". Only evidence against: apart. Evidence both
 * ways: mixed, for a person to decide. None against: the same customer.
 */
import type { Customer } from '../model/customer.js';
import {
  companyLegalForm,
  emailDomain,
  foldText,
  isFreeMailDomain,
  legalFormsConflict,
  normalizeState,
  normalizeZip,
  phoneDigitsKey,
} from '../normalize/index.js';
import { SmallSet } from './small-set.js';

/** What a company record says about where and who it is; sets, as a group of rows may hold several values. */
export interface CompanyProfile {
  phones: SmallSet;
  addresses: SmallSet;
  cities: SmallSet;
  states: SmallSet;
  zips: SmallSet;
  /** Company email domains (free mail left out). */
  domains: SmallSet;
  /** Whole email addresses, lowercase, the customer's and its contacts'. */
  emails: SmallSet;
  /** The customer's own email (not a contact's: a person, such as a bookkeeper, can be a contact of several customers). */
  ownEmails: SmallSet;
  /** First names, for a customer that is a person (no business name): a household shares phone and address. */
  firstNames: SmallSet;
  /** Legal forms the business name states, one spelling each ("Lynch LLC" / "Lynch Ltd" are two companies). */
  forms: SmallSet;
}

export type FoldVerdict = 'same' | 'apart' | 'mixed';

export interface FoldComparison {
  verdict: FoldVerdict;
  /** Evidence that they are one customer ("same phone 6213804953"). */
  agree: string[];
  /** Evidence that they are not ("different state OH / OR"). */
  differ: string[];
}

const STREET_WORDS: Record<string, string> = {
  avenue: 'ave',
  street: 'st',
  boulevard: 'blvd',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  suite: 'ste',
  highway: 'hwy',
  parkway: 'pkwy',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  square: 'sq',
  terrace: 'ter',
};
const streetKey = (raw: string): string =>
  foldText(raw)
    .split(' ')
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ');
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

export function emptyProfile(): CompanyProfile {
  return {
    phones: new SmallSet(),
    addresses: new SmallSet(),
    cities: new SmallSet(),
    states: new SmallSet(),
    zips: new SmallSet(),
    domains: new SmallSet(),
    emails: new SmallSet(),
    ownEmails: new SmallSet(),
    firstNames: new SmallSet(),
    forms: new SmallSet(),
  };
}

/** The domain of an address when it is a company's own, else ''. */
export function companyDomain(email: unknown): string {
  const e = text(email);
  if (!e.includes('@')) return '';
  const d = emailDomain(e);
  return d && !isFreeMailDomain(d) ? d : '';
}

/** Add an email, and its domain when it is a company's own. */
export function addEmail(p: CompanyProfile, email: unknown): void {
  const e = text(email).toLowerCase();
  if (!e.includes('@')) return;
  p.emails.add(e);
  const d = companyDomain(e);
  if (d) p.domains.add(d);
}

/** A customer's evidence (its own fields and the emails of its contacts). */
export function profileOf(c: Partial<Record<keyof Customer, unknown>>, contactEmails: Iterable<unknown> = []): CompanyProfile {
  const p = emptyProfile();
  const add = (set: SmallSet, v: string) => v && set.add(v);
  add(p.phones, phoneDigitsKey(text(c.phone)));
  add(p.addresses, streetKey(text(c.address)));
  add(p.cities, foldText(text(c.city)));
  add(p.states, normalizeState(text(c.state)).toUpperCase());
  add(p.zips, normalizeZip(text(c.zip)).slice(0, 5));
  addEmail(p, c.email);
  if (text(c.email).includes('@')) p.ownEmails.add(text(c.email).toLowerCase());
  for (const e of contactEmails) addEmail(p, e);
  if (!text(c.business_name)) add(p.firstNames, foldText(text(c.firstname)).split(' ')[0] ?? '');
  add(p.forms, companyLegalForm(text(c.business_name)));
  return p;
}

/** Everything `from` says, added to `into`. */
export function mergeProfile(into: CompanyProfile, from: CompanyProfile): void {
  for (const k of Object.keys(into) as Array<keyof CompanyProfile>) for (const v of from[k]) into[k].add(v);
}

const meets = (a: SmallSet, b: SmallSet): boolean => [...a].some((v) => b.has(v));
const known = (a: SmallSet, b: SmallSet): boolean => a.size > 0 && b.size > 0;
const differs = (a: SmallSet, b: SmallSet): boolean => known(a, b) && !meets(a, b);
const list = (s: SmallSet): string => [...s].join(', ');

/** The same first name, an initial of it, or a short form of it ("chris", "christopher"). */
const sameFirstName = (x: string, y: string): boolean =>
  x === y ||
  (x.length === 1 && y.startsWith(x)) ||
  (y.length === 1 && x.startsWith(y)) ||
  (Math.min(x.length, y.length) >= 3 && (x.startsWith(y) || y.startsWith(x)));

/** What the evidence beside the name says about `a` and `b` being one customer. */
export function compareProfiles(a: CompanyProfile, b: CompanyProfile): FoldComparison {
  const agree: string[] = [];
  const differ: string[] = [];
  if (meets(a.phones, b.phones)) agree.push(`same phone ${list(a.phones)}`);
  if (meets(a.addresses, b.addresses)) agree.push(`same address ${[...a.addresses].find((x) => b.addresses.has(x))}`);
  if (differs(a.domains, b.domains)) differ.push(`different email domain ${list(a.domains)} / ${list(b.domains)}`);
  if (differs(a.states, b.states)) differ.push(`different state ${list(a.states)} / ${list(b.states)}`);
  // Another place: another address, city or zip where no phone in common vouches for it (a phone in
  // common outweighs one value typed anew, not a whole other street address and city).
  const where = (['addresses', 'cities', 'zips'] as const).filter((k) => differs(a[k], b[k]));
  const label = { addresses: 'address', cities: 'city', zips: 'zip' } as const;
  const places = where.map((k) => label[k]).join(', ');
  const samePhone = meets(a.phones, b.phones);
  // Without a phone on both sides a place typed anew is weak: the same email or street address outweighs it (a move).
  let weak = '';
  if (where.length && differs(a.phones, b.phones)) differ.push(`different phone (${list(a.phones)} / ${list(b.phones)}) and ${places}`);
  else if (where.length && !samePhone) weak = `different ${places}`;
  else if (samePhone && where[0] === 'addresses' && where.length > 1) differ.push(`different ${places}`);
  const mailbox = [...a.ownEmails].find((x) => b.emails.has(x)) ?? [...b.ownEmails].find((x) => a.emails.has(x));
  if (mailbox) agree.push(`same email ${mailbox}`);
  if (known(a.firstNames, b.firstNames) && ![...a.firstNames].some((x) => [...b.firstNames].some((y) => sameFirstName(x, y)))) {
    differ.push(`different person ${list(a.firstNames)} / ${list(b.firstNames)}`);
  }
  if (known(a.forms, b.forms) && [...a.forms].every((x) => [...b.forms].every((y) => legalFormsConflict(x, y))))
    differ.push(`different legal form ${list(a.forms)} / ${list(b.forms)}`);
  if (weak && agree.length === 0) differ.push(weak);
  const verdict: FoldVerdict = differ.length === 0 ? 'same' : agree.length === 0 ? 'apart' : 'mixed';
  if (weak && agree.length > 0 && verdict === 'same') agree.push(`though ${weak}`);
  if (verdict === 'same' && agree.length === 0) {
    if (meets(a.domains, b.domains)) agree.push(`same email domain ${[...a.domains].find((x) => b.domains.has(x))}`);
    if (meets(a.cities, b.cities)) agree.push('same city');
  }
  return { verdict, agree, differ };
}

/** One line for a plan or report: why two same-name records were or were not taken as one. */
export function comparisonText(c: FoldComparison): string {
  if (c.verdict === 'same') return c.agree.length ? c.agree.join('; ') : 'nothing beside the name differs';
  if (c.verdict === 'apart') return c.differ.join('; ');
  return `${c.differ.join('; ')}, but ${c.agree.join('; ')}`;
}

/**
 * Where a record goes among the same-name groups met so far: into the one
 * group nothing speaks against (`join`), else a group of its own, with a
 * `doubt` when the evidence is mixed or more than one group fits.
 */
export type Placement = { join: number; text: string } | { join: -1; text: string; doubt?: { with: number[] } };

export function placeAmong(groups: readonly CompanyProfile[], p: CompanyProfile): Placement {
  const same: number[] = [];
  const unsure: number[] = [];
  const seen: FoldComparison[] = [];
  groups.forEach((g, i) => {
    const c = compareProfiles(g, p);
    seen.push(c);
    if (c.verdict === 'same') same.push(i);
    else if (c.verdict === 'mixed') unsure.push(i);
  });
  if (same.length === 1 && unsure.length === 0) return { join: same[0]!, text: comparisonText(seen[same[0]!]!) };
  // Several fit: the one group a phone or street address ties it to, when only one does.
  const tied = same.filter((i) => seen[i]!.agree.some((x) => /^same (phone|address)/.test(x)));
  if (tied.length === 1 && unsure.length === 0) return { join: tied[0]!, text: comparisonText(seen[tied[0]!]!) };
  if (same.length === 0 && unsure.length === 0) return { join: -1, text: groups.length ? comparisonText(seen[0]!) : '' };
  const doubtful = [...same, ...unsure].sort((a, b) => a - b);
  const text = same.length > 1 ? `fits ${same.length} customers of the same name` : comparisonText(seen[unsure[0] ?? same[0]!]!);
  return { join: -1, text, doubt: { with: doubtful } };
}
