/**
 * String similarity primitives: Jaro-Winkler, Levenshtein ratio, weighted
 * token-set similarity, Soundex. All return values in [0, 1] (1 = equal) and
 * are symmetric.
 */
import { distance } from 'fastest-levenshtein';

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/**
 * Jaro similarity.
 * @example jaro('martha', 'marhta') // 0.944…
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > lb || (la === lb && a > b)) return jaro(b, a); // symmetric: one fixed order
  const range = Math.max(0, Math.floor(lb / 2) - 1);
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
}

/**
 * Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4).
 * @example jaroWinkler('dwayne', 'duane') // 0.84
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 1 || j === 0) return j;
  const max = Math.min(4, a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return j + p * 0.1 * (1 - j);
}

/**
 * Jaro-Winkler when it can reach `min`, else 0 — a cheap letter count rules
 * most far pairs out first (JW ≥ min needs Jaro ≥ (min − 0.4)/0.6).
 */
export function jaroWinklerAtLeast(a: string, b: string, min: number): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  let maskA = 0;
  let maskB = 0;
  for (let i = 0; i < la; i++) maskA |= 1 << (a.charCodeAt(i) & 31);
  for (let i = 0; i < lb; i++) maskB |= 1 << (b.charCodeAt(i) & 31);
  let inB = 0;
  for (let i = 0; i < la; i++) if ((maskB & (1 << (a.charCodeAt(i) & 31))) !== 0) inB++;
  let inA = 0;
  for (let i = 0; i < lb; i++) if ((maskA & (1 << (b.charCodeAt(i) & 31))) !== 0) inA++;
  const m = Math.min(inA, inB);
  if ((m / la + m / lb + 1) / 3 < (min - 0.4) / 0.6) return 0;
  return jaroWinkler(a, b);
}

/**
 * 1 − Levenshtein distance / longer length.
 * @example levenshteinRatio('kitten', 'sitting') // 0.571…
 */
export function levenshteinRatio(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - distance(a, b) / n;
}

/** Levenshtein distance (fastest-levenshtein). */
export const editDistance = distance;

let usedScratch = new Uint8Array(16);
let orderScratch = new Int32Array(16);

/** Result of {@link tokenAgreement} (one shared object: read it before the next call). */
export interface TokenAgreement {
  /** Paired weight: Σ over paired tokens of similarity × (weight in a + weight in b). */
  agreed: number;
  totalA: number;
  totalB: number;
  /** Tokens paired with a partner spelt differently. */
  fuzzy: number;
  /** Tokens of either list left without a partner. */
  unpaired: number;
}
const agreement: TokenAgreement = { agreed: 0, totalA: 0, totalB: 0, fuzzy: 0, unpaired: 0 };

/**
 * Weight two token lists share: exact pairs first, then each remaining token
 * of `a` with its best partner in `b` by Jaro-Winkler (≥ `minTokenSim`).
 * `wa`/`wb` are the tokens' weights.
 */
export function tokenAgreement(
  a: readonly string[],
  b: readonly string[],
  wa: ArrayLike<number>,
  wb: ArrayLike<number>,
  minTokenSim = 0.85,
  /** A further test a fuzzy pair of tokens must pass (e.g. few edits apart). */
  fuzzyOk?: (x: string, y: string) => boolean,
): TokenAgreement {
  let totalA = 0;
  let totalB = 0;
  for (let i = 0; i < a.length; i++) totalA += wa[i] ?? 0;
  for (let k = 0; k < b.length; k++) totalB += wb[k] ?? 0;
  if (usedScratch.length < b.length) usedScratch = new Uint8Array(b.length * 2);
  const used = usedScratch;
  used.fill(0, 0, b.length);
  let agreed = 0;
  let paired = 0;
  let fuzzy = 0;
  let fuzzyLeft = false;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] as string;
    let k = 0;
    while (k < b.length && (used[k] === 1 || b[k] !== t)) k++;
    if (k < b.length) {
      used[k] = 1;
      paired++;
      agreed += (wa[i] ?? 0) + (wb[k] ?? 0);
    } else fuzzyLeft = true;
  }
  if (fuzzyLeft) {
    // Tokens of `a` meet partners in the order of their spelling, not their place: the
    // greedy pairing must not depend on word order ("r rda" / "rda r" against "rd").
    if (orderScratch.length < a.length) orderScratch = new Int32Array(a.length * 2);
    const order = orderScratch;
    for (let i = 0; i < a.length; i++) {
      let p = i;
      while (p > 0 && (a[order[p - 1] as number] as string) > (a[i] as string)) {
        order[p] = order[p - 1] as number;
        p--;
      }
      order[p] = i;
    }
    for (let n = 0; n < a.length; n++) {
      const i = order[n] as number;
      const t = a[i] as string;
      if (b.includes(t)) continue;
      let best = -1;
      let bestSim = minTokenSim;
      for (let k = 0; k < b.length; k++) {
        if (used[k] === 1) continue;
        const sim = jaroWinklerAtLeast(t, b[k] as string, bestSim);
        if (sim >= bestSim && (fuzzyOk === undefined || fuzzyOk(t, b[k] as string))) {
          bestSim = sim;
          best = k;
        }
      }
      if (best >= 0) {
        used[best] = 1;
        paired++;
        fuzzy++;
        agreed += bestSim * ((wa[i] ?? 0) + (wb[best] ?? 0));
      }
    }
  }
  agreement.agreed = agreed;
  agreement.totalA = totalA;
  agreement.totalB = totalB;
  agreement.fuzzy = fuzzy;
  agreement.unpaired = a.length + b.length - 2 * paired;
  return agreement;
}

/** Dice-style share of an agreement: paired weight over both lists' weight. */
export function agreementSimilarity(t: TokenAgreement): number {
  return t.totalA + t.totalB === 0 ? 0 : Math.min(1, t.agreed / (t.totalA + t.totalB));
}

/** How much of the lighter list the agreement covers. */
export function agreementContainment(t: TokenAgreement): number {
  const smaller = Math.min(t.totalA, t.totalB);
  return smaller === 0 ? 0 : Math.min(1, t.agreed / (2 * smaller));
}

/**
 * Similarity of two token lists where each token carries a weight (rarer =
 * heavier): tokens are paired greedily by Jaro-Winkler (≥ `minTokenSim`), and
 * the score is 2·Σ(paired weight × similarity) / (Σ weights of both). Order of
 * tokens does not matter ("Group Quitzon" = "Quitzon Group").
 */
export function weightedTokenSetSimilarity(
  a: readonly string[],
  b: readonly string[],
  weight: (token: string) => number,
  minTokenSim = 0.85,
): number {
  if (a.length === 0 || b.length === 0) return 0;
  return agreementSimilarity(tokenAgreement(a, b, a.map(weight), b.map(weight), minTokenSim));
}

/**
 * How much of the lighter token list the other one contains (weighted):
 * "The Palm" inside "Palm (Los Angeles)" → 1.
 */
export function weightedTokenContainment(
  a: readonly string[],
  b: readonly string[],
  weight: (token: string) => number,
  minTokenSim = 0.85,
): number {
  if (a.length === 0 || b.length === 0) return 0;
  return agreementContainment(tokenAgreement(a, b, a.map(weight), b.map(weight), minTokenSim));
}

const SOUNDEX_CODES = '01230120022455012623010202'; // a..z

/**
 * American Soundex of the letters a–z in `s` ("robert" → "R163"); '' when
 * there are none.
 */
export function soundex(s: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < s.length && out.length < 4; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) continue;
    const code = SOUNDEX_CODES.charAt(c - 97);
    if (out === '') {
      out = String.fromCharCode(c - 32);
      last = code;
      continue;
    }
    if (code !== '0' && code !== last) out += code;
    if (c !== 104 && c !== 119) last = code; // h and w do not separate equal codes
  }
  return out === '' ? '' : out.padEnd(4, '0');
}
