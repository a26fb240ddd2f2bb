/**
 * Company-name match keys: "The Smith & Jones Co., L.L.C." and
 * "smith and jones" get the same key. Keys are for matching only; the
 * name written to Syncro is the one the user typed.
 */

/** Legal-form words stripped from the end of a name (after punctuation removal). */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc', 'gmbh',
  'ag', 'sa', 'sarl', 'bv', 'nv', 'pty', 'pvt', 'srl', 'oy', 'ab', 'as', 'kg', 'llp', 'lp', 'pc', 'pllc',
  'lc', 'spa', 'sas', 'se', 'kk', 'ltda', 'bhd', 'sdn', 'aps', 'asa', 'oyj', 'ulc', 'lllp', 'pte',
]);
// Legal forms written with spaces between their letters ("L. L. C." → "l l c").
const SPACED_SUFFIXES = ['l l c', 'l l p', 'p l c', 'p l l c', 'l p', 'p c', 's a', 'b v', 'n v', 'g m b h', 's r l', 'a g'].map((x) => x.split(' '));

/** Lowercase and fold accents until stable (NFKD can reveal new capitals: "ℌ" → "H"). */
function fold(s: string): string {
  let out = s;
  for (let i = 0; i < 3; i++) {
    const next = out.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '');
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
  return s === '' ? [] : s.split(' ');
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
  const tokens = baseTokens(raw);
  while (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  for (;;) {
    const last = tokens[tokens.length - 1];
    if (tokens.length > 1 && last !== undefined && LEGAL_SUFFIXES.has(last)) tokens.pop();
    else if (tokens.length > 1 && last === 'and') tokens.pop(); // "Smith & Co" → "smith and" → "smith"
    else {
      const n = endsWithSpaced(tokens);
      if (n === 0) break;
      tokens.splice(tokens.length - n, n);
    }
  }
  return tokens.join(' ');
}

/**
 * The tokens of {@link companyMatchKey}.
 * @example companyTokens('Acme Widgets, Inc.') // ["acme", "widgets"]
 */
export function companyTokens(raw: string): string[] {
  const key = companyMatchKey(raw);
  return key === '' ? [] : key.split(' ');
}
