/**
 * A seeded generator of MSP-shaped customer/contact exports with their truth,
 * full of the traps an MSP's book really holds (issue 12): branch offices and
 * franchises with the same name in other towns, unrelated namesakes, one
 * company written many ways (legal forms, case, punctuation, &/and,
 * abbreviations, a leading "The", word order, typos), contacts on free mail
 * (one bookkeeper's gmail at several clients), residential customers sharing
 * a home phone, "Smith, John" names, the same person name at two companies.
 *
 * `rows` is a companies-contacts export read by the `generic` template (one
 * row per contact, the company's columns repeated; no company id unless
 * `companyIds`). Truth per row: `customerTruth` (the real customer),
 * `contactTruth` (the real contact: a person at that customer). `syncro` is a
 * snapshot holding some of the customers (canonical values), with its truth.
 *
 * Hold-out: tune on {@link TUNING_SEEDS} (tests, development); report on
 * {@link MEASUREMENT_SEEDS} only (bench). Never tune thresholds on the latter.
 *
 * Pure TypeScript (types from src only), usable from tests and bench/.
 */
import type { SyncroCustomer } from '../../src/syncro/types.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import { existingCustomer } from './records.js';

/** Seeds for tests and tuning (11–30 were looked into too, for the contact rules of issue 12). */
export const TUNING_SEEDS: readonly number[] = Array.from({ length: 30 }, (_, i) => i + 1);
/** Seeds the project is measured on (bench only): never used to tune. */
export const MEASUREMENT_SEEDS: readonly number[] = [900_001, 900_002, 900_003];

export const MSP_HEADERS = [
  'Company',
  'Company Phone',
  'Address',
  'City',
  'State',
  'Zip',
  'Contact Name',
  'Title',
  'Email',
  'Phone',
  'Mobile',
] as const;

export type Trap = 'plain' | 'variant' | 'branch' | 'franchise' | 'namesake' | 'residential' | 'household';

export interface MspDataOptions {
  seed: number;
  /** True customers (businesses and residential). */
  customers: number;
  /** Share of customers that are people (default 0.12). */
  residentialShare?: number;
  /** Share of businesses whose rows write the name several ways (default 0.3). */
  variantRate?: number;
  /** Share of businesses that get same-name branches or franchisees elsewhere (default 0.08). */
  branchRate?: number;
  /** Share of businesses that get an unrelated same-name company (default 0.05). */
  namesakeRate?: number;
  /** Chance a written name variant also gets a typo (default 0.15). */
  typoRate?: number;
  /** Chance a row leaves a company field blank (default 0.1). */
  blankRate?: number;
  /** Add a "Company ID" column naming the true customer (a PSA export with ids; default false). */
  companyIds?: boolean;
  /** Share of customers also in the Syncro snapshot (default 0.3). */
  syncroShare?: number;
}

export interface TrueCustomer {
  id: string;
  trap: Trap;
  business?: string;
  first?: string;
  last?: string;
  domain?: string;
  phone: string;
  address: string;
  city: string;
  state: string;
  zip: string;
}

export interface MspData {
  headers: string[];
  rows: Array<Record<string, string>>;
  /** Per row: the real customer. */
  customerTruth: string[];
  /** Per row: the real contact (a person at a customer). */
  contactTruth: string[];
  /** Per row: the trap family of its customer. */
  traps: Trap[];
  customers: TrueCustomer[];
  /** Customers already in Syncro (canonical values), and which true customer each is. */
  syncro: { snapshot: Snapshot; truth: Map<number, string> };
}

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (s: string): string[] => s.split(' ');
const PREFIX = words(
  'Ironwood Magnolia Evergreen Oakwood Summit Cedar Riverside Bluebird Granite Harbor Pinecrest Silverline Redwood Northstar ' +
    'Lakeside Maple Willow Aspen Copper Falcon Keystone Liberty Meridian Pioneer Sterling Horizon Atlas Beacon Brightwater ' +
    'Crestview Driftwood Eastgate Foxglove Goldleaf Highland Juniper Kingsley Larkspur Midland Northgate Orchard Prairie ' +
    'Quarry Ridgeline Sagebrush Timberline Upland Valley Westbrook Yellowstone Birchwood Canyon Delta Emerald Fairview',
);
const TRADE = [
  'Printing',
  'Plumbing',
  'Bakery',
  'Dental',
  'Legal',
  'Accounting',
  'Roofing',
  'Landscaping',
  'Auto Repair',
  'Veterinary',
  'Insurance',
  'Realty',
  'Construction',
  'Electric',
  'Marketing',
  'Logistics',
  'Consulting',
  'Design',
  'Fitness',
  'Pharmacy',
  'Catering',
  'Cleaning',
  'Engineering',
  'Heating & Cooling',
  'Tax & Accounting',
  'Medical',
  'Chiropractic',
  'Optometry',
];
const KIND = ['', '', 'Services', 'Group', 'Partners', 'Associates', 'Solutions', 'Company', 'Corporation', 'International'];
const LEGAL = ['', '', 'Inc', 'LLC', 'Ltd', 'Corp'];
const BRANDS = ['State Farm', 'Allstate', 'Edward Jones', 'Farmers Insurance', 'RE/MAX', 'Keller Williams', 'H&R Block', 'Coldwell Banker'];
const FIRST = words(
  'james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan joseph jessica thomas sarah ' +
    'charles karen christopher lisa daniel nancy matthew betty anthony margaret mark sandra donald ashley steven kimberly paul emily',
);
const LAST = words(
  'smith johnson williams brown jones garcia miller davis rodriguez martinez wilson anderson taylor moore jackson martin lee ' +
    'thompson white harris clark lewis robinson walker young allen king wright scott hill green adams baker hall nelson carter',
);
const TITLES = ['Owner', 'Office Manager', 'Bookkeeper', 'Front Desk', 'IT Contact', 'Director', 'Partner', 'Assistant', ''];
const STREETS = words('Pine Oak Main Church Elm Maple Cedar Washington Lake Hill Park Walnut Spring River Mill');
const STREET_KIND: Array<[string, string]> = [
  ['Avenue', 'Ave'],
  ['Street', 'St'],
  ['Boulevard', 'Blvd'],
  ['Road', 'Rd'],
  ['Drive', 'Dr'],
  ['Lane', 'Ln'],
];
const PLACES: Array<[string, string]> = [
  ['Dayton', 'OH'],
  ['Columbus', 'OH'],
  ['Salem', 'OR'],
  ['Portland', 'OR'],
  ['Springfield', 'IL'],
  ['Peoria', 'IL'],
  ['Austin', 'TX'],
  ['Dallas', 'TX'],
  ['Denver', 'CO'],
  ['Boulder', 'CO'],
  ['Madison', 'WI'],
  ['Albany', 'NY'],
  ['Buffalo', 'NY'],
  ['Raleigh', 'NC'],
  ['Durham', 'NC'],
  ['Tampa', 'FL'],
  ['Orlando', 'FL'],
  ['Boise', 'ID'],
  ['Reno', 'NV'],
  ['Tucson', 'AZ'],
  ['Phoenix', 'AZ'],
  ['Fresno', 'CA'],
  ['Salem', 'MA'],
  ['Worcester', 'MA'],
];
const FREE_MAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'aol.com', 'icloud.com', 'comcast.net'];
const TLD = ['com', 'com', 'com', 'net', 'biz', 'us'];
const ABBREV: Array<[RegExp, string]> = [
  [/\bCompany\b/, 'Co'],
  [/\bServices\b/, 'Svcs'],
  [/\bInternational\b/, 'Intl'],
  [/\bAssociates\b/, 'Assoc'],
  [/\bCorporation\b/, 'Corp'],
  [/ & /, ' and '],
];
const LEGAL_SPELLING: Record<string, string[]> = {
  Inc: ['Inc.', ', Inc.', 'Incorporated'],
  LLC: ['L.L.C.', ', LLC', 'llc'],
  Ltd: ['Ltd.', 'Limited'],
  Corp: ['Corp.', 'Corporation'],
};

const cap = (s: string): string => s.replace(/\b\w/g, (c) => c.toUpperCase());

class Gen {
  private readonly r: () => number;
  constructor(seed: number) {
    this.r = seededRandom(seed);
  }
  r01(): number {
    return this.r();
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)] as T;
  }
  phone(): string {
    return `${this.int(201, 989)}${this.int(200, 999)}${String(this.int(0, 9999)).padStart(4, '0')}`;
  }
  /** A 10-digit phone written one of the ways people write it. */
  writePhone(d: string): string {
    const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
    return this.pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, `${a}-${b}-${c}`]);
  }
  street(): string {
    const [long] = this.pick(STREET_KIND);
    return `${this.int(10, 9999)} ${this.pick(STREETS)} ${long}`;
  }
  writeStreet(s: string): string {
    if (!this.chance(0.3)) return s;
    for (const [long, short] of STREET_KIND) if (s.endsWith(long)) return s.slice(0, -long.length) + short;
    return s;
  }
  typo(s: string): string {
    const ws = s.split(' ');
    const i = ws.findIndex((w) => w.length >= 6);
    if (i < 0) return s;
    const w = ws[i]!;
    const k = this.int(1, w.length - 2);
    const kind = this.int(0, 2);
    ws[i] =
      kind === 0
        ? w.slice(0, k) + w.slice(k + 1)
        : kind === 1
          ? w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2)
          : w.slice(0, k) + this.pick(words('a e i o r n')) + w.slice(k + 1);
    return ws.join(' ');
  }
  /** The same company name written another way. */
  variant(name: string): string {
    let s = name;
    const legal = Object.keys(LEGAL_SPELLING).find((l) => s.endsWith(` ${l}`));
    switch (this.int(0, 6)) {
      case 0:
        if (legal) s = s.slice(0, -legal.length - 1) + (this.chance(0.3) ? '' : this.pick(LEGAL_SPELLING[legal]!).replace(/^(?!,)/, ' '));
        else s = `${s} ${this.pick(['Inc', 'LLC'])}`;
        break;
      case 1:
        s = this.chance(0.5) ? s.toUpperCase() : s.toLowerCase();
        break;
      case 2: {
        const hit = ABBREV.filter(([re]) => re.test(s));
        s = hit.length ? s.replace(...this.pick(hit)) : `The ${s}`;
        break;
      }
      case 3:
        s = s.startsWith('The ') ? s.slice(4) : `The ${s}`;
        break;
      case 4: {
        // Word order: "Smith & Jones Legal" ↔ "Jones & Smith Legal"; "Ironwood Printing" ↔ "Printing, Ironwood".
        const m = /^(\w+) & (\w+)(.*)$/.exec(s);
        s = m ? `${m[2]} & ${m[1]}${m[3]}` : s.replace(/^(\w+) (\w+)/, '$2, $1');
        break;
      }
      case 5:
        s = s.replace(/ (Inc|LLC|Ltd|Corp)$/, ', $1.').replace(/-/g, ' ');
        break;
      default:
        s = this.typo(s);
    }
    return s.replace(/\s+/g, ' ').trim();
  }
}

interface Person {
  id: string;
  first: string;
  last: string;
}

const domainOf = (name: string, tld: string): string =>
  `${name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '')}.${tld}`;

/** MSP-shaped rows with their truth; the same options and seed give the same data. */
export function generateMspData(options: MspDataOptions): MspData {
  const g = new Gen(options.seed);
  const o = {
    residentialShare: 0.12,
    variantRate: 0.3,
    branchRate: 0.08,
    namesakeRate: 0.05,
    typoRate: 0.15,
    blankRate: 0.1,
    companyIds: false,
    syncroShare: 0.3,
    ...options,
  };
  const customers: TrueCustomer[] = [];
  const usedNames = new Set<string>();
  /** A town for `c`: another than those of `others`, in the state of the first when `sameState` (and it has another town). */
  const place = (c: Pick<TrueCustomer, 'city' | 'state'>, others: TrueCustomer[] = [], sameState = false): void => {
    const other = others[0];
    const taken = (city: string, state: string): boolean => others.some((x) => x.city === city && x.state === state);
    if (sameState && other && !PLACES.some(([ci, st]) => st === other.state && !taken(ci, st))) sameState = false;
    for (;;) {
      const [city, state] = g.pick(PLACES);
      if (other && (taken(city, state) || (sameState && state !== other.state) || (!sameState && state === other.state && g.chance(0.7))))
        continue;
      c.city = city;
      c.state = state;
      return;
    }
  };
  const base = (id: string, trap: Trap): TrueCustomer => {
    const c: TrueCustomer = {
      id,
      trap,
      phone: g.phone(),
      address: g.street(),
      city: '',
      state: '',
      zip: String(g.int(10001, 99950)).padStart(5, '0'),
    };
    place(c);
    return c;
  };
  const freshName = (): string => {
    for (;;) {
      const surnames = g.chance(0.12);
      const core = surnames
        ? `${cap(g.pick(LAST))} & ${cap(g.pick(LAST))} ${g.pick(['Legal', 'Accounting', 'Dental', 'Realty'])}`
        : `${g.pick(PREFIX)} ${g.pick(TRADE)}`;
      const name = [core, surnames ? '' : g.pick(KIND), g.pick(LEGAL)].filter(Boolean).join(' ');
      if (!usedNames.has(name)) return (usedNames.add(name), name);
    }
  };
  const add = (c: TrueCustomer): TrueCustomer => (customers.push(c), c);
  while (customers.length < o.customers) {
    const id = `c${customers.length + 1}`;
    if (g.chance(o.residentialShare)) {
      const c = add({ ...base(id, 'residential'), first: cap(g.pick(FIRST)), last: cap(g.pick(LAST)) });
      // A household: another customer at the same home phone and address, by another first name (the same
      // full name at the same home and phone is the same record: no evidence tells two people there apart).
      if (g.chance(0.3) && customers.length < o.customers) {
        let first = cap(g.pick(FIRST));
        while (first === c.first) first = cap(g.pick(FIRST));
        add({ ...c, id: `c${customers.length + 1}`, trap: 'household', first });
      }
      continue;
    }
    const r = g.r01();
    if (r < o.branchRate) {
      // Franchisees of one brand or branch offices: the same name in other towns, each its own client.
      const franchise = g.chance(0.5);
      const name = franchise ? `${g.pick(BRANDS)} – ${cap(g.pick(FIRST)).charAt(0)}. ${cap(g.pick(LAST))} Agency` : freshName();
      const shared = domainOf(franchise ? name.split(' – ')[0]! : name, g.pick(TLD));
      const first = add({ ...base(id, franchise ? 'franchise' : 'branch'), business: name, domain: g.chance(0.5) ? shared : undefined });
      first.domain ??= domainOf(`${name} ${first.city}`, g.pick(TLD));
      const family = [first];
      for (let k = g.int(1, 2); k > 0 && customers.length < o.customers; k--) {
        const b = add({ ...base(`c${customers.length + 1}`, first.trap), business: name });
        place(b, family, g.chance(0.4));
        family.push(b);
        b.domain = g.chance(0.5) ? shared : domainOf(`${name} ${b.city}`, g.pick(TLD));
      }
      continue;
    }
    const name = freshName();
    const c = add({ ...base(id, g.chance(o.variantRate) ? 'variant' : 'plain'), business: name, domain: domainOf(name, g.pick(TLD)) });
    if (r < o.branchRate + o.namesakeRate && customers.length < o.customers) {
      // An unrelated company of the same name (legal form perhaps different), elsewhere.
      const twin = add({
        ...base(`c${customers.length + 1}`, 'namesake'),
        business: g.chance(0.5) ? name : name.replace(/ (Inc|LLC|Ltd|Corp)$/, '') + ` ${g.pick(['Inc', 'LLC', 'Ltd', 'Corp'])}`,
      });
      place(twin, [c]);
      twin.domain = domainOf(`${twin.business} ${twin.city}`, g.pick(TLD));
    }
  }
  return emitRows(g, customers, o);
}

function emitRows(g: Gen, customers: TrueCustomer[], o: Required<MspDataOptions>): MspData {
  const rows: MspData['rows'] = [];
  const customerTruth: string[] = [];
  const contactTruth: string[] = [];
  const traps: Trap[] = [];
  const bookkeepers: Person[] = [];
  const namesOnFile: Person[] = [];
  let people = 0;
  const person = (): Person => ({ id: `p${++people}`, first: cap(g.pick(FIRST)), last: cap(g.pick(LAST)) });
  const blank = (v: string): string => (g.chance(o.blankRate) ? '' : v);
  const writeName = (p: Person): string => {
    const x = g.r01();
    return x < 0.12 ? `${p.last}, ${p.first}` : x < 0.17 ? `${p.first} ${p.last}`.toUpperCase() : `${p.first} ${p.last}`;
  };
  for (const c of customers) {
    const company = (): Record<string, string> => ({
      Company: c.business ?? '',
      'Company Phone': c.business ? blank(g.writePhone(c.phone)) : '',
      Address: blank(g.writeStreet(c.address)),
      City: blank(g.chance(0.1) ? c.city.toUpperCase() : c.city),
      State: blank(c.state),
      Zip: blank(c.zip),
      ...(o.companyIds ? { 'Company ID': c.id.toUpperCase() } : {}),
    });
    const push = (row: Record<string, string>, contactId: string): void => {
      rows.push(row);
      customerTruth.push(c.id);
      contactTruth.push(`${c.id}/${contactId}`);
      traps.push(c.trap);
    };
    if (!c.business) {
      const p: Person = { id: `p${++people}`, first: c.first!, last: c.last! };
      const mail = g.chance(0.7) ? `${p.first}.${p.last}${g.int(1, 99)}@${g.pick(FREE_MAIL)}`.toLowerCase() : '';
      push(
        {
          ...company(),
          'Contact Name': writeName(p),
          Title: '',
          Email: mail,
          Phone: g.writePhone(c.phone),
          Mobile: g.chance(0.4) ? g.writePhone(g.phone()) : '',
        },
        p.id,
      );
      continue;
    }
    const staff: Person[] = [];
    const named = (p: Person): boolean => staff.some((q) => q.first === p.first && q.last === p.last);
    for (let k = g.int(1, 4); k > 0; k--) {
      // The same person name as someone at another client (a namesake contact), now and then: drawn from
      // earlier clients' staff only. Two people of one client never share a name (nor, below, a mailbox):
      // their rows would be the very evidence of one person listed twice, which no rule can tell apart.
      let p = g.chance(0.08) && namesOnFile.length ? { ...g.pick(namesOnFile), id: `p${++people}` } : person();
      while (named(p)) p = { ...person(), id: p.id };
      staff.push(p);
    }
    namesOnFile.push(...staff);
    // One bookkeeper with a gmail address keeps the books of several clients.
    if (g.chance(0.05)) {
      if (bookkeepers.length < 3 || g.chance(0.3)) bookkeepers.push(person());
      staff.push(g.pick(bookkeepers));
    }
    // A contact listed twice now and then (the same person, written another way).
    if (g.chance(0.06)) staff.push(g.pick(staff));
    const freeMail = g.chance(0.1); // a small client on free mail
    const mailboxOf = new Map<string, string>(); // local part → the person it belongs to at this client
    staff.forEach((p, k) => {
      const book = bookkeepers.includes(p);
      const styles = [`${p.first}.${p.last}`, `${p.first.charAt(0)}${p.last}`, p.first].map((x) => x.toLowerCase());
      const free = (l: string): boolean => (mailboxOf.get(l) ?? p.id) === p.id;
      let local = g.pick(styles);
      if (!free(local)) local = styles.find(free) ?? `${styles[0]}${p.id.slice(1)}`;
      mailboxOf.set(local, p.id);
      const email = book
        ? `${p.first}${p.last}books@gmail.com`.toLowerCase()
        : freeMail
          ? `${local}${g.int(1, 9)}@${g.pick(FREE_MAIL)}`
          : `${local}@${c.domain}`;
      const row = company();
      if (c.trap === 'variant' && k > 0) row.Company = g.variant(c.business!);
      if (row.Company !== c.business && g.chance(o.typoRate)) row.Company = g.typo(row.Company!);
      push(
        {
          ...row,
          'Contact Name': writeName(p),
          Title: g.pick(TITLES),
          Email: g.chance(0.05) ? '' : g.chance(0.1) ? email.toUpperCase() : email,
          Phone: g.chance(0.5) ? g.writePhone(g.phone()) : '',
          Mobile: g.chance(0.3) ? g.writePhone(g.phone()) : '',
        },
        p.id,
      );
    });
  }
  return {
    headers: [...MSP_HEADERS, ...(o.companyIds ? ['Company ID'] : [])],
    rows,
    customerTruth,
    contactTruth,
    traps,
    customers,
    syncro: syncroOf(g, customers, o.syncroShare),
  };
}

function syncroOf(g: Gen, customers: TrueCustomer[], share: number): MspData['syncro'] {
  const truth = new Map<number, string>();
  const list: SyncroCustomer[] = [];
  for (const c of customers) {
    if (!g.chance(share)) continue;
    const id = 5000 + list.length;
    const d = c.phone;
    const fields: Partial<SyncroCustomer> = {
      business_name: c.business ?? null,
      firstname: c.first ?? null,
      lastname: c.last ?? null,
      phone: `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
      address: c.address,
      city: c.city,
      state: c.state,
      zip: c.zip,
    };
    list.push(existingCustomer(id, fields));
    truth.set(id, c.id);
  }
  return { snapshot: { takenAt: '2026-01-01T00:00:00.000Z', customers: list, contacts: [] }, truth };
}

/** CSV text of the rows (RFC 4180 quoting, CRLF). */
export function mspCsv(data: Pick<MspData, 'headers' | 'rows'>): string {
  const q = (v: string): string => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [data.headers.map(q).join(','), ...data.rows.map((r) => data.headers.map((h) => q(r[h] ?? '')).join(','))].join('\r\n') + '\r\n';
}

/** Write the rows as a CSV file; returns the path. */
export async function writeMspCsv(path: string, data: Pick<MspData, 'headers' | 'rows'>): Promise<string> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, mspCsv(data), 'utf8');
  return path;
}

export interface PairScore {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs put together, pairs truly together, and both. */
  predicted: number;
  truth: number;
  correct: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Pairwise precision/recall/F1 of a grouping (a label per item) against the
 * truth (a label per item), counted without listing pairs. Precision is 1
 * when nothing is grouped; recall is 1 when nothing should be.
 */
export function pairwiseScore(predicted: readonly string[], truth: readonly string[]): PairScore {
  const count = (labels: Iterable<string>): number => {
    const m = new Map<string, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    let s = 0;
    for (const n of m.values()) s += pairs(n);
    return s;
  };
  const p = count(predicted);
  const t = count(truth);
  const both = count(predicted.map((l, i) => `${l}\u0000${truth[i]}`));
  const precision = p === 0 ? 1 : both / p;
  const recall = t === 0 ? 1 : both / t;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, predicted: p, truth: t, correct: both };
}
