/**
 * Blocking: which pairs get compared at all. Every record yields several
 * keys (email, phone, name sound-alikes, rare company tokens and name
 * fragments, zip + house number, extra identifiers); two records are
 * candidates when they share any key. Blocks larger than `maxBlockSize` are
 * not compared all-to-all: their members are sorted by name and each record
 * meets only its `window` nearest neighbours, so cost stays near-linear.
 */
import type { Prepared } from './prepare.js';
import { soundex } from './similarity.js';

/** Role mailboxes whose local part says nothing about the person. */
const ROLE_LOCALS = new Set([
  'info',
  'admin',
  'office',
  'sales',
  'support',
  'contact',
  'hello',
  'mail',
  'accounts',
  'billing',
  'help',
  'service',
  'enquiries',
  'inquiries',
  'team',
  'reception',
  'noreply',
  'webmaster',
  'hr',
  'jobs',
  'it',
]);

/** Context for keys that depend on the whole run (company token rarity). */
export interface KeyContext {
  /** Number of records whose company name holds this token. */
  companyTokenCount(token: string): number;
}

/** The (at most) two rarest company tokens of three letters or more, rarest first (ties by spelling). */
function rarestTwo(tokens: readonly string[], ctx: KeyContext): string[] {
  let first = '';
  let second = '';
  let c1 = Infinity;
  let c2 = Infinity;
  const before = (t: string, c: number, u: string, cu: number): boolean => c < cu || (c === cu && t < u);
  for (const t of tokens) {
    if (t.length < 3 || t === first || t === second) continue;
    const c = ctx.companyTokenCount(t);
    if (first === '' || before(t, c, first, c1)) {
      [second, c2] = [first, c1];
      [first, c1] = [t, c];
    } else if (second === '' || before(t, c, second, c2)) [second, c2] = [t, c];
  }
  return second === '' ? (first === '' ? [] : [first]) : [first, second];
}

/** Receives a record's keys: `family:` + parts, or a token with its letter `skip` left out. */
interface KeySink {
  key(family: string, a: string, b?: string, c?: string): void;
  deleted(family: string, token: string, skip: number): void;
}

/** The keys that depend on the company name only (the same for every colleague). */
function emitCompanyKeys(r: Prepared, ctx: KeyContext, sink: KeySink): void {
  sink.key('cs', r.companySquash);
  if (r.companySquash.length >= 8) {
    // Head and tail of the name letter by letter: a typo or a lost space leaves one intact.
    sink.key('cp', r.companySquash.slice(0, 5));
    sink.key('cx', r.companySquash.slice(-5));
  }
  const rare = rarestTwo(r.companyTokens, ctx);
  // The two rarest tokens; and a short name and its two rarest tokens, with
  // one letter deleted in turn, so one typo still meets — whether a stray
  // character split a token in two ("St^nton") or a lost space joined two.
  for (const t of rare) sink.key('c', t);
  // A short name is taken whole too, with and without its legal form ("Kihn PLC" / "Kihn5PLC").
  const fuzzy = [...rare];
  for (const whole of [r.companyTokens.join(''), r.companySquash]) if (whole.length <= 12 && !fuzzy.includes(whole)) fuzzy.push(whole);
  for (const t of fuzzy) {
    if (t.length < 4) continue;
    sink.key('cd', t);
    for (let k = 0; k < t.length; k++) sink.deleted('cd', t, k);
  }
  // Each longer token by sound, so a typo in every rare token still meets.
  for (const t of r.companyTokens) if (t.length >= 4) sink.key('ct', soundex(t));
}

/** Feed the keys of one record to `sink` (the single definition of the keys); `skipCompany` leaves the company's out. */
function emitKeys(r: Prepared, ctx: KeyContext, sink: KeySink, skipCompany = false): void {
  if (r.email) sink.key('e', r.email);
  const local = r.emailLocal.replace(/[._-]/g, '');
  if (local.length >= 4 && !ROLE_LOCALS.has(r.emailLocal)) sink.key('l', local);
  for (const p of r.phones) sink.key('p', p);
  const sxLast = r.last ? soundex(r.last) : '';
  const sxFirst = r.first ? soundex(r.first) : '';
  if (r.first && r.last) {
    sink.key('n', sxLast, r.first.charAt(0));
    sink.key('n', sxFirst, r.last.charAt(0));
  }
  if (r.company && !skipCompany) emitCompanyKeys(r, ctx, sink);
  const place = r.zip || r.city;
  const sxStreet = r.streetName ? soundex(r.streetName) : '';
  if (place) {
    // Surname, given name and street, each within one postcode (or city).
    if (r.last) sink.key('lz', sxLast, '|', place);
    if (r.first) sink.key('fz', sxFirst, '|', place);
    if (r.streetNo) sink.key('a', place, '|', r.streetNo);
    if (r.streetName) sink.key('sz', place, '|', sxStreet);
  }
  if (r.city && r.zip && r.last) sink.key('lc', sxLast, '|', r.city);
  if (r.streetNo && r.streetName) sink.key('s', r.streetNo, '|', sxStreet);
  r.extras.forEach((v, i) => {
    if (v.length >= 4) sink.key(`x${i}`, v);
  });
}

/**
 * The blocking keys of one record, each prefixed by its family (readable;
 * the engine uses {@link blockingKeyHashes}, which hashes the same keys).
 * @example blockingKeys(r, ctx) // ['e:jane@acme.com', 'p:2125550199', 'n:S530j', …]
 */
export function blockingKeys(r: Prepared, ctx: KeyContext): string[] {
  const keys: string[] = [];
  emitKeys(r, ctx, {
    key: (family, a, b = '', c = '') => keys.push(`${family}:${a}${b}${c}`),
    deleted: (family, t, k) => keys.push(`${family}:${t.slice(0, k)}${t.slice(k + 1)}`),
  });
  return keys;
}

/** FNV-1a over `s` from `h`, leaving out index `skip`. */
function fnv(h: number, s: string, skip = -1): number {
  for (let i = 0; i < s.length; i++) if (i !== skip) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** A sink that hashes keys into `out`. */
function hashingSink(out: number[]): KeySink {
  const flagged = (family: string, h: number): number => (skippedWhenOversized(family) ? (h | 1) >>> 0 : (h & ~1) >>> 0);
  return {
    key: (family, a, b, c) => {
      let h = fnv(fnv(0x811c9dc5, family), ':');
      h = fnv(h, a);
      if (b !== undefined) h = fnv(h, b);
      if (c !== undefined) h = fnv(h, c);
      out.push(flagged(family, h));
    },
    deleted: (family, t, k) => out.push(flagged(family, fnv(fnv(fnv(0x811c9dc5, family), ':'), t, k))),
  };
}

/**
 * Hashes of a record's blocking keys, equal to `keyHashes(blockingKeys(r,
 * ctx))` without building the strings. `companyMemo` (one per run) keeps the
 * company keys' hashes per company name: colleagues share them.
 */
export function blockingKeyHashes(r: Prepared, ctx: KeyContext, companyMemo?: Map<string, number[]>): Uint32Array {
  const out: number[] = [];
  if (r.company && companyMemo) {
    const name = `${r.company}\u0000${r.companySquash}`;
    let hashes = companyMemo.get(name);
    if (!hashes) {
      hashes = [];
      emitCompanyKeys(r, ctx, hashingSink(hashes));
      companyMemo.set(name, hashes);
    }
    out.push(...hashes);
  }
  emitKeys(r, ctx, hashingSink(out), companyMemo !== undefined);
  return dedupeSorted(Uint32Array.from(out));
}

export { BlockIndex, MAX_INDEXED } from './block-index.js';

/** The string records are ordered by inside an oversized block. */
export function sortKey(r: Prepared): string {
  return `${r.last} ${r.first} ${r.company} ${r.zip}`;
}

/**
 * Families whose oversized blocks are skipped rather than windowed: their
 * records share a common token, street or identifier, and name order inside
 * such a block says nothing about them — c, cd, ct, cp, cx (company tokens
 * and fragments), l (mailbox name), s (street anywhere), x… (identifiers).
 * Other families (email, phone, names, names or streets within a place, the
 * whole company name) are windowed by name. Takes a key or a bare family.
 */
function skippedWhenOversized(key: string): boolean {
  const found = key.indexOf(':');
  const colon = found < 0 ? key.length : found;
  switch (key.charCodeAt(0)) {
    case 99: // c…, except cs (the whole company name)
      return !(colon === 2 && key.charCodeAt(1) === 115);
    case 108: // l, not lz / lc
    case 115: // s, not sz
      return colon === 1;
    case 120: // x0, x1, …
      return true;
    default:
      return false;
  }
}

/** 32-bit FNV-1a, its lowest bit set for keys of families skipped when oversized. */
export function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return skippedWhenOversized(s) ? (h | 1) >>> 0 : (h & ~1) >>> 0;
}

/** Hashes of a record's keys (duplicates removed). */
export function keyHashes(keys: readonly string[]): Uint32Array {
  return dedupeSorted(Uint32Array.from(keys, hashKey));
}

/** Sorted, without repeats. */
function dedupeSorted(out: Uint32Array): Uint32Array {
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i] as number;
  return out.slice(0, n);
}
