/**
 * The compared fields: for each, its agreement levels (best first), the
 * comparator that picks a level for a pair, a prior for m, and the value
 * whose frequency adjusts an exact agreement. `MISSING` (either side empty)
 * contributes nothing.
 */
import { legalFormsConflict } from '../normalize/company.js';
import { PairMemo } from './pair-memo.js';
import type { Prepared } from './prepare.js';
import {
  agreementContainment,
  agreementSimilarity,
  editDistance,
  jaroWinkler,
  jaroWinklerAtLeast,
  levenshteinRatio,
  tokenAgreement,
} from './similarity.js';

/** Level code of a comparison where either side is empty. */
export const MISSING = 7;

export interface FieldSpec {
  name: string;
  levels: readonly string[];
  /** Prior share of true matches at each level: where EM starts and what it is smoothed toward. */
  priorM: readonly number[];
  compare(a: Prepared, b: Prepared): number;
  /** The value an exact agreement is about, for term-frequency adjustment. */
  tfValue?: (r: Prepared) => string;
  /**
   * For fields that name the entity (person names, company, email): the first
   * level that counts as disagreement. A pair whose present identity fields
   * all disagree is never a match, whatever else agrees (a shared office
   * address or phone line); EM is trained with that rule.
   */
  identityFrom?: number;
  /** What the field says about the entity (see evidence.ts). */
  kind: 'name' | 'company' | 'email' | 'identifier' | 'context';
  /** An email level that is context, not identity ("same company domain"). */
  contextLevel?: number;
}

const NAME_LEVELS = ['exact', 'close', 'partial', 'far'] as const;

const NICKNAMES = new Map<string, string>(
  Object.entries({
    bob: 'robert',
    rob: 'robert',
    robbie: 'robert',
    bobby: 'robert',
    bill: 'william',
    will: 'william',
    billy: 'william',
    liam: 'william',
    dick: 'richard',
    rick: 'richard',
    rich: 'richard',
    jim: 'james',
    jimmy: 'james',
    jamie: 'james',
    mike: 'michael',
    mick: 'michael',
    tom: 'thomas',
    tommy: 'thomas',
    joe: 'joseph',
    joey: 'joseph',
    chuck: 'charles',
    charlie: 'charles',
    chris: 'christopher',
    dan: 'daniel',
    danny: 'daniel',
    matt: 'matthew',
    tony: 'anthony',
    steve: 'steven',
    liz: 'elizabeth',
    beth: 'elizabeth',
    betty: 'elizabeth',
    jen: 'jennifer',
    jenny: 'jennifer',
    pat: 'patricia',
    patty: 'patricia',
    kate: 'katherine',
    kathy: 'katherine',
    katie: 'katherine',
    peggy: 'margaret',
    maggie: 'margaret',
    meg: 'margaret',
    andy: 'andrew',
    drew: 'andrew',
    ed: 'edward',
    eddie: 'edward',
    ted: 'edward',
    ken: 'kenneth',
    kenny: 'kenneth',
    sam: 'samuel',
    ben: 'benjamin',
    alex: 'alexander',
    jon: 'jonathan',
    deb: 'deborah',
    debbie: 'deborah',
    sue: 'susan',
    suzy: 'susan',
    nick: 'nicholas',
    greg: 'gregory',
    jeff: 'jeffrey',
    tim: 'timothy',
    larry: 'lawrence',
    jerry: 'gerald',
    ron: 'ronald',
    don: 'donald',
    doug: 'douglas',
    ray: 'raymond',
    fred: 'frederick',
    hank: 'henry',
    harry: 'henry',
    jack: 'john',
    johnny: 'john',
    abby: 'abigail',
    vicky: 'victoria',
    becky: 'rebecca',
    cindy: 'cynthia',
    sandy: 'sandra',
    pam: 'pamela',
    chrissy: 'christine',
    nate: 'nathan',
    zach: 'zachary',
    josh: 'joshua',
    gabe: 'gabriel',
    al: 'albert',
    walt: 'walter',
    pete: 'peter',
    terry: 'terence',
  }),
);

/** The formal name behind a nickname ("bob" → "robert"), else the name itself. */
export function formalName(name: string): string {
  return NICKNAMES.get(name) ?? name;
}

/** Count of positions of `x` whose letter occurs somewhere in the string with letter mask `otherMask`. */
function sharedLetters(x: string, otherMask: number): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const c = x.charCodeAt(i) - 97;
    if (c < 0 || c >= 26 || (otherMask & (1 << c)) !== 0) n++;
  }
  return n;
}

/**
 * exact / close (JW ≥ 0.94) / partial (JW ≥ 0.85, a nickname, or an initial
 * that fits) / far. The letter masks (see `letterMask`) let most far pairs
 * skip Jaro-Winkler: JW ≥ 0.85 needs Jaro ≥ 0.75, which needs enough shared letters.
 */
export function nameLevel(x: string, y: string, xMask = -1, yMask = -1): number {
  if (!x || !y) return MISSING;
  if (x === y) return 0;
  if (x.length === 1 || y.length === 1) return x.charCodeAt(0) === y.charCodeAt(0) ? 2 : 3;
  if (formalName(x) === formalName(y)) return 2;
  if (xMask !== -1 && yMask !== -1) {
    const m = Math.min(sharedLetters(x, yMask), sharedLetters(y, xMask));
    if ((m / x.length + m / y.length + 1) / 3 < 0.75) return 3;
  }
  const s = jaroWinkler(x, y);
  return s >= 0.94 ? 1 : s >= 0.85 ? 2 : 3;
}

/** {@link nameLevel} through `memo` when both names are interned (ids ≥ 0). */
function memoNameLevel(memo: PairMemo | undefined, x: string, y: string, xId: number, yId: number, xMask: number, yMask: number): number {
  if (memo === undefined || xId < 0 || yId < 0) return nameLevel(x, y, xMask, yMask);
  const hit = memo.get(xId, yId);
  if (hit >= 0) return hit;
  const level = nameLevel(x, y, xMask, yMask);
  memo.set(xId, yId, level);
  return level;
}

/** Levels of the last pair of names compared (first name's comparator fills it, last name's reads it). */
const names = { a: undefined as Prepared | undefined, b: undefined as Prepared | undefined, first: MISSING, last: MISSING };

/**
 * First and last name levels of a pair, read crosswise when that fits far
 * better ("Singleton Harbry" / "Harry Singleton"). `memo` (one per run)
 * remembers the level of each pair of names already compared.
 */
export function nameLevels(a: Prepared, b: Prepared, memo?: PairMemo): { first: number; last: number } {
  if (names.a === a && names.b === b) return names;
  let first = memoNameLevel(memo, a.first, b.first, a.firstId, b.firstId, a.firstMask, b.firstMask);
  let last = memoNameLevel(memo, a.last, b.last, a.lastId, b.lastId, a.lastMask, b.lastMask);
  // One side gave a single name ("Miller"): it is whichever of the other's names it fits.
  if (a.last === '' && b.last !== '' && a.first !== '') {
    const asLast = memoNameLevel(memo, a.first, b.last, a.firstId, b.lastId, a.firstMask, b.lastMask);
    if (asLast < first) [first, last] = [MISSING, asLast];
  } else if (b.last === '' && a.last !== '' && b.first !== '') {
    const asLast = memoNameLevel(memo, a.last, b.first, a.lastId, b.firstId, a.lastMask, b.firstMask);
    if (asLast < first) [first, last] = [MISSING, asLast];
  } else if (first === 3 && last === 3 && a.first !== a.last) {
    const f = memoNameLevel(memo, a.first, b.last, a.firstId, b.lastId, a.firstMask, b.lastMask);
    const l = memoNameLevel(memo, a.last, b.first, a.lastId, b.firstId, a.lastMask, b.firstMask);
    if (f < 3 && l < 3) [first, last] = [f, l];
  }
  names.a = a;
  names.b = b;
  names.first = first;
  names.last = last;
  return names;
}

/** 0 equal, 1 one edit or one adjacent transposition, 2 more. */
export function smallEdit(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length === y.length) {
    let d1 = -1;
    let d2 = -1;
    let diffs = 0;
    for (let i = 0; i < x.length; i++) {
      if (x.charCodeAt(i) !== y.charCodeAt(i)) {
        if (++diffs > 2) return 2;
        if (d1 < 0) d1 = i;
        else d2 = i;
      }
    }
    if (diffs === 1) return 1;
    return d2 === d1 + 1 && x[d1] === y[d2] && x[d2] === y[d1] ? 1 : 2;
  }
  return Math.abs(x.length - y.length) === 1 && editDistance(x, y) === 1 ? 1 : 2;
}

/** exact / close (one edit, or JW ≥ 0.93 for long values) / far: identifiers, dates, zips. */
export function identifierLevel(x: string, y: string): number {
  if (!x || !y) return MISSING;
  if (x === y) return 0;
  if (smallEdit(x, y) === 1 && Math.min(x.length, y.length) >= 3) return 1;
  return x.length >= 10 && jaroWinklerAtLeast(x, y, 0.93) >= 0.93 ? 1 : 2;
}

/**
 * One typo apart (an edit or a transposition) — unless the letters are the
 * same and only digits differ: "jsmith" and "jsmith2" are two mailboxes.
 */
function typoAway(x: string, y: string): boolean {
  if (smallEdit(x, y) > 1) return false;
  return x.replace(/\d+/g, '') !== y.replace(/\d+/g, '');
}

/** exact / close (same domain, local parts alike) / local (same local part elsewhere, one side free mail) / domain (same company domain) / far. */
export function emailLevel(a: Prepared, b: Prepared): number {
  if (!a.email || !b.email) return MISSING;
  if (a.email === b.email) return firstNameMailbox(a, b) ? 3 : 0;
  const la = a.emailBare;
  const lb = b.emailBare;
  // Alike: a typo away ("mwilliams" and "swilliams" are two people, so the first letter must agree).
  if (a.emailDomain === b.emailDomain && (la === lb || (la.charCodeAt(0) === lb.charCodeAt(0) && typoAway(la, lb)))) return 1;
  // The same mailbox name at another domain: one person's work and home
  // addresses. Not when both domains are companies' own: "joseph.brown@" at
  // two companies is how both write their staff's names, which the name
  // fields already weigh — two employers, two people.
  if (la === lb && la.length >= 3 && (a.companyDomain === '' || b.companyDomain === '')) return 2;
  if (a.companyDomain !== '' && a.companyDomain === b.companyDomain) return 3;
  return 4;
}

/**
 * A company mailbox named by the first name alone ("john@acme.com") shared
 * by two people whose surnames disagree outright: the mailbox says no more
 * than the first name and the employer (it is a desk, or it passed from one
 * John to the next), so it counts as the shared domain, not as one person.
 */
function firstNameMailbox(a: Prepared, b: Prepared): boolean {
  if (a.companyDomain === '' || a.emailBare !== a.first || b.emailBare !== b.first) return false;
  return a.last !== '' && b.last !== '' && nameLevel(a.last, b.last, a.lastMask, b.lastMask) === 3;
}

/** exact (a shared number) / partial (same last 7 digits) / far. */
export function phoneLevel(a: Prepared, b: Prepared): number {
  if (a.phones.length === 0 || b.phones.length === 0) return MISSING;
  let partial = false;
  for (let i = 0; i < a.phones.length; i++) {
    for (let k = 0; k < b.phones.length; k++) {
      if (a.phones[i] === b.phones[k]) return 0;
      if (a.phoneTails[i] === b.phoneTails[k]) partial = true;
    }
  }
  return partial ? 1 : 2;
}

/** exact / close (same number, street names alike) / partial (same number, or names alike) / far. */
export function addressLevel(a: Prepared, b: Prepared): number {
  if (!a.street || !b.street) return MISSING;
  if (a.street === b.street) return 0;
  const na = a.streetSquash;
  const nb = b.streetSquash;
  const numEq = a.streetNo !== '' && a.streetNo === b.streetNo;
  if (numEq && na === nb) return 0;
  const nameSim = na && nb ? jaroWinklerAtLeast(na, nb, 0.88) : 0;
  if (numEq && nameSim >= 0.88) return 1;
  const numNear = a.streetNo !== '' && b.streetNo !== '' && smallEdit(a.streetNo, b.streetNo) === 1;
  if (numNear && nameSim >= 0.96) return 1;
  if (numEq || nameSim >= 0.9) return 2;
  return 3;
}

function textLevel(x: string, y: string, close: number): number {
  if (!x || !y) return MISSING;
  if (x === y) return 0;
  return jaroWinklerAtLeast(x, y, close) >= close ? 1 : 2;
}

/**
 * exact (same letters, legal form included) / key (same name, legal form
 * differs or missing on one side; or the same words in another order) /
 * close (similarity ≥ 0.9) / partial (≥ 0.75) / contained (one name's tokens
 * inside the other's: "The Palm" / "Palm (Los Angeles)") / far. Similarity is
 * the rarity-weighted token-set similarity (a misspelt word counts only one
 * or two edits away), or the whole name letter by letter when that is higher
 * ("SchummPLC" / "Schumm PLC"). Two different legal forms ("Lynch LLC" /
 * "Lynch Ltd") make the same name at most partial: two companies may well
 * be meant. Names with different numbers are far.
 */
export function companyLevel(a: Prepared, b: Prepared, tokenCount: (t: string) => number = () => 1): number {
  if (!a.company || !b.company) return MISSING;
  if (a.companySquash === b.companySquash) return 0;
  if (numbersDiffer(a.company, b.company)) return 5;
  const level = nameAgreementLevel(a, b, tokenCount);
  return level < 3 && legalFormsConflict(a.companyForm, b.companyForm) ? 3 : level;
}

function nameAgreementLevel(a: Prepared, b: Prepared, tokenCount: (t: string) => number): number {
  if (a.company === b.company) return 1;
  // A misspelt word is one or two edits from its word, and one of the two is
  // rare in the run: two words both common here ("hill" / "hills") are two names.
  const typo = (x: string, y: string): boolean => closeSpelling(x, y) && Math.min(tokenCount(x), tokenCount(y)) <= 2;
  const t = tokenAgreement(a.companyTokens, b.companyTokens, a.companyWeights, b.companyWeights, 0.75, typo);
  let s = agreementSimilarity(t);
  if (s >= 1 && a.companyTokens.length === b.companyTokens.length) return 1; // the same words in another order
  if (t.fuzzy > 0 && t.unpaired === 0) return 2; // the same words, some misspelt
  const contained = agreementContainment(t);
  if (s < 0.9) s = Math.max(s, levenshteinRatio(a.companySquash, b.companySquash));
  if (s >= 0.9) return 2;
  if (s >= 0.75) return 3;
  return contained >= 0.9 ? 4 : 5;
}

/**
 * Both names carry numbers and not the same ones ("Store 12" / "Store 14",
 * "Company 0, Inc." / "Company 4, Inc."): two branches or two firms, as the
 * in-file folding holds (plan/fold-groups.ts); a typo seldom lands on a digit.
 */
export function numbersDiffer(x: string, y: string): boolean {
  const nx = x.match(/\d+/g);
  const ny = nx && y.match(/\d+/g);
  return nx !== null && ny !== null && nx.sort().join(' ') !== ny.sort().join(' ');
}

/** One edit apart (two in words of nine letters or more); two neighbouring letters swapped are one slip ("caterign"). */
export function closeSpelling(x: string, y: string): boolean {
  return editDistance(x, y) <= (Math.min(x.length, y.length) >= 9 ? 2 : 1) || swapsTwoNeighbours(x, y);
}

/** `x` is `y` with two neighbouring letters swapped. */
function swapsTwoNeighbours(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
}

/** {@link companyLevel} through `memo` when both companies are interned (ids ≥ 0). */
function memoCompanyLevel(memo: PairMemo, a: Prepared, b: Prepared, tokenCount: (t: string) => number): number {
  if (a.companyId < 0 || b.companyId < 0) return companyLevel(a, b, tokenCount);
  const hit = memo.get(a.companyId, b.companyId);
  if (hit >= 0) return hit;
  const level = companyLevel(a, b, tokenCount);
  memo.set(a.companyId, b.companyId, level);
  return level;
}

/**
 * The fields compared for a run, given which extra fields the records carry.
 * The comparators of one call share memos of name and company levels: call
 * it once per run (ids and company token weights belong to a run).
 */
export function buildFields(extraNames: readonly string[], companyTokenCount: (t: string) => number = () => 1): FieldSpec[] {
  const nameMemo = new PairMemo();
  const companyMemo = new PairMemo();
  const fields: FieldSpec[] = [
    {
      name: 'firstname',
      levels: NAME_LEVELS,
      priorM: [0.85, 0.07, 0.05, 0.03],
      compare: (a, b) => nameLevels(a, b, nameMemo).first,
      tfValue: (r) => r.first,
      identityFrom: 3,
      kind: 'name',
    },
    {
      name: 'lastname',
      levels: NAME_LEVELS,
      priorM: [0.85, 0.07, 0.05, 0.03],
      compare: (a, b) => nameLevels(a, b, nameMemo).last,
      tfValue: (r) => r.last,
      identityFrom: 3,
      kind: 'name',
    },
    {
      name: 'company',
      levels: ['exact', 'key', 'close', 'partial', 'contained', 'far'],
      priorM: [0.6, 0.15, 0.12, 0.06, 0.04, 0.03],
      compare: (a, b) => memoCompanyLevel(companyMemo, a, b, companyTokenCount),
      tfValue: (r) => r.companySquash,
      identityFrom: 4,
      kind: 'company',
    },
    {
      name: 'email',
      levels: ['exact', 'close', 'local', 'domain', 'far'],
      priorM: [0.8, 0.05, 0.05, 0.04, 0.06],
      compare: emailLevel,
      tfValue: (r) => r.email,
      identityFrom: 3,
      kind: 'email',
      contextLevel: 3,
    },
    {
      name: 'phone',
      kind: 'context',
      levels: ['exact', 'partial', 'far'],
      priorM: [0.85, 0.05, 0.1],
      compare: phoneLevel,
      tfValue: (r) => r.phones[0] ?? '',
    },
    {
      name: 'address',
      kind: 'context',
      levels: ['exact', 'close', 'partial', 'far'],
      priorM: [0.75, 0.1, 0.08, 0.07],
      compare: addressLevel,
      tfValue: (r) => r.street,
    },
    {
      name: 'address2',
      kind: 'context',
      levels: ['exact', 'close', 'far'],
      priorM: [0.8, 0.1, 0.1],
      compare: (a, b) => textLevel(a.address2, b.address2, 0.9),
      tfValue: (r) => r.address2,
    },
    {
      name: 'city',
      kind: 'context',
      levels: ['exact', 'close', 'far'],
      priorM: [0.85, 0.08, 0.07],
      compare: (a, b) => textLevel(a.city, b.city, 0.9),
      tfValue: (r) => r.city,
    },
    {
      name: 'state',
      kind: 'context',
      levels: ['exact', 'far'],
      priorM: [0.95, 0.05],
      compare: (a, b) => (!a.state || !b.state ? MISSING : a.state === b.state ? 0 : 1),
    },
    {
      name: 'zip',
      kind: 'context',
      levels: ['exact', 'close', 'far'],
      priorM: [0.88, 0.07, 0.05],
      compare: (a, b) => identifierLevel(a.zip, b.zip),
      tfValue: (r) => r.zip,
    },
  ];
  extraNames.forEach((name, i) => {
    fields.push({
      name: `extra.${name}`,
      kind: 'identifier',
      identityFrom: 2,
      levels: ['exact', 'close', 'far'],
      priorM: [0.85, 0.1, 0.05],
      compare: (a, b) => identifierLevel(a.extras[i] ?? '', b.extras[i] ?? ''),
      tfValue: (r) => r.extras[i] ?? '',
    });
  });
  return fields;
}
