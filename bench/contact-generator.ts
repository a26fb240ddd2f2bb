/**
 * A seeded generator of MSP-style contacts with known truth: `existing` (a
 * deduplicated master) and `incoming` (an import file) where a share of the
 * incoming rows are noisy copies of existing contacts — typos, nicknames,
 * SHOUTED or "Last, First" names, other email/phone formats, dropped fields,
 * street abbreviations — and the rest are new people, many at the same
 * companies as existing ones (colleagues share company, address, main line
 * and email domain: the hard non-matches).
 */
import { rng } from '../src/match/pairs.js';
import type { MatchRecord } from '../src/match/types.js';

const FIRST = (
  'james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan joseph jessica ' +
  'thomas sarah charles karen christopher lisa daniel nancy matthew betty anthony margaret mark sandra donald ashley ' +
  'steven kimberly paul emily andrew donna joshua michelle kenneth carol kevin amanda brian dorothy george melissa ' +
  'timothy deborah ronald stephanie edward rebecca jason sharon jeffrey laura ryan cynthia jacob kathleen gary amy ' +
  'nicholas angela eric shirley jonathan anna stephen brenda larry pamela justin emma scott nicole brandon helen ' +
  'benjamin samantha samuel katherine gregory christine alexander debra frank rachel patrick carolyn raymond janet ' +
  'jack catherine dennis maria jerry heather tyler diane aaron ruth jose julie adam olivia nathan joyce henry virginia ' +
  'douglas victoria zachary kelly peter lauren kyle christina ethan joan walter evelyn noah judith jeremy megan ' +
  'christian andrea keith cheryl roger hannah terry jacqueline gerald martha harold gloria sean teresa austin ann ' +
  'carl sara arthur madison lawrence frances dylan kathryn jesse janice jordan jean bryan abigail billy alice joe ' +
  'judy bruce sophia gabriel grace logan denise albert amber willie doris alan marilyn juan danielle wayne beverly'
).split(' ');
const NICK: Record<string, string> = {
  robert: 'bob',
  william: 'bill',
  richard: 'dick',
  james: 'jim',
  michael: 'mike',
  thomas: 'tom',
  joseph: 'joe',
  charles: 'chuck',
  christopher: 'chris',
  daniel: 'dan',
  matthew: 'matt',
  anthony: 'tony',
  steven: 'steve',
  elizabeth: 'liz',
  jennifer: 'jen',
  patricia: 'pat',
  katherine: 'kate',
  margaret: 'peggy',
  andrew: 'andy',
  edward: 'ed',
  kenneth: 'ken',
  samuel: 'sam',
  benjamin: 'ben',
  alexander: 'alex',
  jonathan: 'jon',
  deborah: 'deb',
};
const LAST_COMMON = (
  'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson ' +
  'thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker ' +
  'young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell ' +
  'carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy ' +
  'cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson ' +
  'brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster'
).split(' ');
const SYL = (
  'an ber cal dor el fen gar hal in jor kel lin mar nor ol pen quin ros sel tor ul van wil yor zan bright stone field ' +
  'wood ley ton son man berg ford ash bur cor dun ev fitz gal har ing kin lam mc nash ort pat rad stan thorn vick wen ' +
  'al bro chan dal eck fair gil holm ives jen kov lu mor nev oak pr rich sh tay vel wal yang zim'
).split(' ');
const INDUSTRY =
  'dental legal accounting plumbing roofing logistics medical realty insurance consulting design marketing construction veterinary pharmacy bakery motors fitness architecture engineering'.split(
    ' ',
  );
const CO_SUFFIX = ['LLC', 'Inc', 'Inc.', 'Group', 'Partners', '& Associates', 'Co', 'Ltd', 'PLLC', ''];
const STREET =
  'oak maple cedar pine elm washington lake hill park main church spring ridge forest river meadow sunset highland jackson franklin lincoln madison chestnut walnut willow'.split(
    ' ',
  );
const STREET_TYPE: [string, string][] = [
  ['Street', 'St'],
  ['Avenue', 'Ave'],
  ['Road', 'Rd'],
  ['Drive', 'Dr'],
  ['Lane', 'Ln'],
  ['Boulevard', 'Blvd'],
  ['Court', 'Ct'],
];
const STATES = 'AL AZ CA CO CT FL GA IL IN MA MD MI MN MO NC NJ NY OH OR PA TN TX VA WA WI'.split(' ');
const FREE = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'aol.com'];

interface Person {
  first: string;
  last: string;
  company: number;
  email: string;
  direct?: string;
}
interface Company {
  name: string;
  domain: string;
  main: string;
  street: [number, string, number];
  city: number;
}

export interface GeneratedSet {
  existing: MatchRecord[];
  incoming: MatchRecord[];
  /** incoming key → existing key, for incoming rows that copy an existing contact. */
  truth: Map<string, string>;
}

const cap = (s: string): string => s.replace(/(^|[\s-])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());

/**
 * `n` existing contacts and `n` incoming ones, of which `dupShare` copy an
 * existing contact (with noise). Deterministic for a seed.
 */
export function generateContacts(n: number, seed = 42, dupShare = 0.5): GeneratedSet {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  // Skewed like real name frequencies ("james" ≈ 3 %, "smith" ≈ 1.5 %).
  const zipf = <T>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(xs.length * r() ** 1.6))] as T;
  const digits = (k: number): string => Array.from({ length: k }, () => Math.floor(r() * 10)).join('');
  const syllables = (): string => {
    let s = pick(SYL) + pick(SYL);
    if (r() < 0.4) s += pick(SYL);
    return s;
  };
  const surname = (): string => (r() < 0.35 ? zipf(LAST_COMMON) : syllables());
  const cities = Array.from({ length: Math.max(50, Math.floor(n / 200)) }, () => ({
    name: cap(syllables()) + (r() < 0.3 ? ' ' + pick(['Springs', 'City', 'Falls', 'Heights']) : ''),
    state: pick(STATES),
    zip: digits(5),
  }));
  const companyCount = Math.max(10, Math.floor(n / 12));
  const companies: Company[] = Array.from({ length: companyCount }, () => {
    const base = cap(surname());
    const name = `${base} ${cap(pick(INDUSTRY))} ${pick(CO_SUFFIX)}`.trim();
    return {
      name,
      domain: `${base.toLowerCase()}${pick(INDUSTRY)}${digits(2)}.com`,
      main: digits(3) + digits(3) + digits(4),
      street: [1 + Math.floor(r() * 9000), pick(STREET), Math.floor(r() * STREET_TYPE.length)],
      city: Math.floor(r() * cities.length),
    };
  });
  const emails = new Set<string>();
  const person = (): Person => {
    const first = zipf(FIRST);
    const last = surname();
    const company = Math.min(companyCount - 1, Math.floor(companyCount * r() ** 1.5));
    const co = companies[company] as Company;
    const style = r();
    let email =
      style < 0.55
        ? `${first}.${last}@${co.domain}`
        : style < 0.8
          ? `${first[0]}${last}@${co.domain}`
          : `${first}${last}${digits(2)}@${pick(FREE)}`;
    // Mailboxes are unique: a second John Smith at the company gets john.smith2@.
    for (let k = 2; emails.has(email); k++) email = email.replace(/\d*@/, `${k}@`);
    emails.add(email);
    const p: Person = { first, last, company, email };
    if (r() < 0.7) p.direct = digits(3) + digits(3) + digits(4);
    return p;
  };
  const fmtPhone = (d: string): string => {
    const k = Math.floor(r() * 5);
    if (k === 0) return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
    if (k === 1) return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
    if (k === 2) return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`;
    if (k === 3) return `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
    return d;
  };
  const typo = (s: string): string => {
    if (s.length < 3) return s;
    const i = 1 + Math.floor(r() * (s.length - 1));
    const k = r();
    if (k < 0.3) return s.slice(0, i) + s.slice(i + 1); // deletion
    if (k < 0.6) return s.slice(0, i) + String.fromCharCode(97 + Math.floor(r() * 26)) + s.slice(i + 1); // substitution
    if (k < 0.8 && i < s.length - 1) return s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2); // transposition
    return s.slice(0, i) + String.fromCharCode(97 + Math.floor(r() * 26)) + s.slice(i); // insertion
  };
  const record = (key: string, p: Person, noisy: boolean): MatchRecord => {
    const co = companies[p.company] as Company;
    const city = cities[co.city] as { name: string; state: string; zip: string };
    let first = p.first;
    let last = p.last;
    if (noisy) {
      if (r() < 0.12 && NICK[first]) first = NICK[first] as string;
      if (r() < 0.2) first = typo(first);
      if (r() < 0.2) last = typo(last);
    }
    let name = `${cap(first)} ${cap(last)}`;
    if (noisy && r() < 0.1) name = name.toUpperCase();
    if (noisy && r() < 0.08) name = `${cap(last)}, ${cap(first)}`;
    if (noisy && r() < 0.03) name = cap(last);
    const rec: MatchRecord = { key, name, company: co.name };
    if (noisy) {
      const k = r();
      if (k < 0.15) delete rec.company;
      else if (k < 0.35) rec.company = co.name.replace(/\s+(LLC|Inc\.?|Co|Ltd|PLLC)$/, '').replace('&', 'and');
      else if (k < 0.4) rec.company = typo(co.name);
    }
    const e = r();
    if (!noisy || e < 0.6) rec.email = noisy && r() < 0.1 ? ` ${p.email.toUpperCase()} ` : p.email;
    else if (e < 0.72) rec.email = `${first}${digits(2)}@${pick(FREE)}`;
    else if (e < 0.78) rec.email = typo(p.email);
    const phones: string[] = [];
    const ph = r();
    if (!noisy || ph < 0.7) {
      if (p.direct) phones.push(fmtPhone(p.direct) + (r() < 0.05 ? ` x${digits(3)}` : ''));
      if (r() < 0.5) phones.push(fmtPhone(co.main));
    } else if (ph < 0.85) phones.push(fmtPhone(digits(10)));
    if (phones.length) rec.phone = phones;
    const [no, st, type] = co.street;
    const [long, short] = STREET_TYPE[type] as [string, string];
    const a = r();
    if (!noisy || a < 0.55) rec.address = `${no} ${cap(st)} ${long}`;
    else if (a < 0.8) rec.address = `${no} ${cap(st)} ${short}.`;
    else if (a < 0.88) rec.address = `${no} ${typo(cap(st))} ${long}`;
    if (!noisy || r() < 0.85) {
      rec.city = city.name;
      rec.state = city.state;
      rec.zip = noisy && r() < 0.1 ? String(Number(city.zip)) : city.zip;
    }
    return rec;
  };
  const people = Array.from({ length: n }, person);
  const existing = people.map((p, i) => record(`syncro:${i + 1}`, p, false));
  const incoming: MatchRecord[] = [];
  const truth = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const key = `import.csv:${i + 2}`;
    if (r() < dupShare) {
      const j = Math.floor(r() * n);
      incoming.push(record(key, people[j] as Person, true));
      truth.set(key, `syncro:${j + 1}`);
    } else incoming.push(record(key, person(), false));
  }
  return { existing, incoming, truth };
}
