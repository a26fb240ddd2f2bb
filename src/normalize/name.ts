/**
 * Person names: tidy the case of SHOUTED or lowercase names, split a full
 * name into first and last, and join them back.
 */

const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'di',
  'du',
  'del',
  'della',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'st',
]);
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'rev', 'sir', 'dame', 'fr', 'hon']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'dds', 'esq', 'cpa', 'mba', 'rn', 'jd']);

/** Whitespace (including no-break spaces) collapsed to single spaces, trimmed. */
export function collapseSpaces(raw: string): string {
  return String(raw ?? '')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/** Upper-case one character only when the mapping is one-to-one and reversible (ß stays ß). */
function upper1(ch: string): string {
  const u = ch.toUpperCase();
  return u.length === ch.length && u.toLowerCase() === ch ? u : ch;
}

function lower1(ch: string): string {
  const l = ch.toLowerCase();
  return l.length === ch.length && l.toUpperCase() === ch ? l : ch;
}

const lowerAll = (s: string): string => [...s].map(lower1).join('');

/** "o'neil" → "O'Neil", "mcdonald" → "McDonald", "mary-jane" → "Mary-Jane". */
function titleWord(word: string, first: boolean): string {
  if (!first && PARTICLES.has(word)) return word;
  let out = '';
  let startOfPart = true;
  for (const ch of word) {
    out += startOfPart ? upper1(ch) : ch;
    startOfPart = ch === '-' || ch === "'" || ch === '\u2019' || ch === '.';
  }
  if (/^Mc\p{Ll}{2,}/u.test(out)) out = 'Mc' + upper1(out.charAt(2)) + out.slice(3);
  return out;
}

/**
 * Collapse whitespace and fix the case of names typed ALL CAPS or all lower;
 * mixed case is the person's own choice and is left alone.
 * @example normalizePersonName('  JOHN   O\'NEIL ') // "John O'Neil"
 */
export function normalizePersonName(raw: string): string {
  const s = collapseSpaces(raw);
  const hasUpper = s !== lowerAll(s);
  const hasLower = [...s].some((ch) => ch !== upper1(ch));
  if (hasUpper && hasLower) return s;
  if (!hasUpper && !hasLower) return s; // no cased letters at all
  return lowerAll(s)
    .split(' ')
    .map((w, i) => titleWord(w, i === 0))
    .join(' ');
}

/** Lowercase token without dots, for title/suffix lookup. */
const bare = (t: string): string => t.toLowerCase().replace(/[.,]/g, '');

/** Result of {@link splitFullName}: `middle` holds given names after the first. */
export interface SplitName {
  first: string;
  last: string;
  middle?: string;
}

/**
 * Split a full name into first and last: "John Smith", "Smith, John",
 * "Dr. John A. Smith Jr." (titles and suffixes dropped, middle names kept
 * apart), "Ludwig van Beethoven" (particles stay with the last name).
 * A single word is taken as the first name.
 * @example splitFullName('Smith, John') // { first: 'John', last: 'Smith' }
 */
export function splitFullName(raw: string): SplitName {
  const s = collapseSpaces(raw);
  const commaParts = s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  // "Smith Jr., John" / "John Smith, Jr." — a comma part that is only suffixes is not a name.
  const nameParts = commaParts.filter((p) => !p.split(' ').every((t) => SUFFIXES.has(bare(t))));
  const clean = (part: string): string[] => {
    const tokens = part.split(' ').filter((t) => t !== '' && !/^[.,]+$/.test(t));
    while (tokens.length > 1 && TITLES.has(bare(tokens[0] ?? ''))) tokens.shift();
    while (tokens.length > 1 && SUFFIXES.has(bare(tokens[tokens.length - 1] ?? ''))) tokens.pop();
    return tokens;
  };
  if (nameParts.length >= 2) {
    const last = clean(nameParts[0] ?? '').join(' ');
    const given = clean(nameParts.slice(1).join(' '));
    return withMiddle(given[0] ?? '', last, given.slice(1));
  }
  const tokens = clean(nameParts[0] ?? '');
  if (tokens.length === 0) return { first: '', last: '' };
  if (tokens.length === 1) return { first: tokens[0] ?? '', last: '' };
  let lastStart = tokens.length - 1;
  while (lastStart > 1 && PARTICLES.has((tokens[lastStart - 1] ?? '').toLowerCase())) lastStart--;
  return withMiddle(tokens[0] ?? '', tokens.slice(lastStart).join(' '), tokens.slice(1, lastStart));
}

function withMiddle(first: string, last: string, middle: string[]): SplitName {
  return middle.length > 0 ? { first, last, middle: middle.join(' ') } : { first, last };
}

/**
 * "John" + "Smith" → "John Smith"; empty parts are skipped.
 * @example joinFullName(' John ', '') // "John"
 */
export function joinFullName(first: string | undefined, last: string | undefined): string {
  return [collapseSpaces(first ?? ''), collapseSpaces(last ?? '')].filter(Boolean).join(' ');
}
