/**
 * Company-name match keys: "The Smith & Jones Co., L.L.C." and
 * "smith and jones" get the same key. Keys are for matching only; the
 * name written to Syncro is the one the user typed.
 */

/** Legal-form words stripped from the end of a name (after punctuation removal). */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sarl',
  'bv',
  'nv',
  'pty',
  'pvt',
  'srl',
  'oy',
  'ab',
  'as',
  'kg',
  'llp',
  'lp',
  'pc',
  'pllc',
  'lc',
  'spa',
  'sas',
  'se',
  'kk',
  'ltda',
  'bhd',
  'sdn',
  'aps',
  'asa',
  'oyj',
  'ulc',
  'lllp',
  'pte',
]);
// Legal forms written with spaces between their letters ("L. L. C." → "l l c").
const SPACED_SUFFIXES = ['l l c', 'l l p', 'p l c', 'p l l c', 'l p', 'p c', 's a', 'b v', 'n v', 'g m b h', 's r l', 'a g'].map((x) =>
  x.split(' '),
);

/** Abbreviations written out, so "Acme Svcs Intl" and "Acme Services International" share a key. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    svcs: 'services',
    svc: 'services',
    srvcs: 'services',
    intl: 'international',
    assoc: 'associates',
    assocs: 'associates',
    grp: 'group',
    mfg: 'manufacturing',
    bros: 'brothers',
    natl: 'national',
    mgmt: 'management',
    dept: 'department',
    ctr: 'center',
    centre: 'center',
    univ: 'university',
    hosp: 'hospital',
    dist: 'distribution',
    engr: 'engineering',
  }),
);

/** One spelling per legal form ("Incorporated" → "inc"), for telling two forms apart. */
const FORM_SPELLING: ReadonlyMap<string, string> = new Map(
  Object.entries({
    incorporated: 'inc',
    limited: 'ltd',
    corporation: 'corp',
    company: 'co',
  }),
);

const NON_ASCII = /[^\x00-\x7f]/;

/** Lowercase and fold accents until stable (NFKD can reveal new capitals: "ℌ" → "H"). */
function fold(s: string): string {
  // ASCII folds to its lowercase: NFKD changes nothing there (most names; this runs for every row).
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  let out = s;
  for (let i = 0; i < 3; i++) {
    const next = out
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Punctuation-free, lowercase tokens before any stripping. */
function baseTokens(raw: string): string[] {
  const s = fold(String(raw ?? ''))
    .replace(/[&+]/g, ' and ')
    .replace(/['\u2019.`]/g, '') // "O'Brien's" → "obriens", "L.L.C." → "llc"
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return s === '' ? [] : s.split(' ').map((t) => ABBREVIATIONS.get(t) ?? t);
}

function endsWithSpaced(tokens: string[]): number {
  for (const parts of SPACED_SUFFIXES) {
    if (tokens.length > parts.length && parts.every((p, i) => tokens[tokens.length - parts.length + i] === p)) {
      return parts.length;
    }
  }
  return 0;
}

/**
 * The key company names are matched on: lowercase, accents folded, `&`/`+`
 * as "and", a leading "The" and trailing legal forms (repeatedly: "Pty Ltd")
 * dropped, but never down to nothing ("LLC" stays "llc").
 * @example companyMatchKey('The Smith & Jones Co., L.L.C.') // "smith and jones"
 */
export function companyMatchKey(raw: string): string {
  return splitLegalForm(raw).name.join(' ');
}

/** The name's tokens without a leading "The" and its trailing legal forms, and those forms (one spelling each). */
function splitLegalForm(raw: string): { name: string[]; forms: string[] } {
  const tokens = baseTokens(raw);
  const forms: string[] = [];
  while (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  for (;;) {
    const last = tokens[tokens.length - 1];
    if (tokens.length > 1 && last !== undefined && LEGAL_SUFFIXES.has(last)) {
      forms.push(FORM_SPELLING.get(last) ?? last);
      tokens.pop();
    } else if (tokens.length > 1 && last === 'and')
      tokens.pop(); // "Smith & Co" → "smith and" → "smith"
    else {
      const n = endsWithSpaced(tokens);
      if (n === 0) break;
      forms.push(tokens.splice(tokens.length - n, n).join(''));
    }
  }
  return { name: tokens, forms };
}

/**
 * The legal forms a name ends with, one spelling each, sorted: "Acme
 * Widgets Co., L.L.C." → "co llc"; "" when it has none.
 * @example companyLegalForm('AKZO NOBEL N.V.') === companyLegalForm('Akzo Nobel NV') // "nv"
 */
export function companyLegalForm(raw: string): string {
  return [...new Set(splitLegalForm(raw).forms)].sort().join(' ');
}

/**
 * True when both names state a legal form and neither's forms include the
 * other's: "Lynch LLC" / "Lynch Ltd" (two companies, perhaps in two
 * countries), but not "Acme Co Ltd" / "Acme Ltd" nor "Acme Inc" / "Acme".
 */
export function legalFormsConflict(formA: string, formB: string): boolean {
  if (!formA || !formB || formA === formB) return false;
  const a = formA.split(' ');
  const b = formB.split(' ');
  return !a.every((f) => b.includes(f)) && !b.every((f) => a.includes(f));
}

/**
 * The tokens of {@link companyMatchKey}.
 * @example companyTokens('Acme Widgets, Inc.') // ["acme", "widgets"]
 */
export function companyTokens(raw: string): string[] {
  const key = companyMatchKey(raw);
  return key === '' ? [] : key.split(' ');
}
