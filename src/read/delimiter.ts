/**
 * Finds the delimiter and the line break of CSV text from a sample: the
 * candidate (`,` `;` tab `|`) that splits the first records into the same,
 * largest number of fields wins. Quotes are respected.
 */
import { SyncroEtlError } from '../errors.js';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const NAMED: Record<string, Delimiter> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
};

/** Turn a `--delimiter` value (the character or its name) into a delimiter, or throw INVALID_ARGUMENT. */
export function resolveDelimiter(value: string): Delimiter {
  const d = NAMED[value] ?? NAMED[value.trim().toLowerCase()];
  if (!d) {
    throw new SyncroEtlError(
      'INVALID_ARGUMENT',
      `Delimiter "${value}" is not supported: use , ; tab or | (or leave --delimiter out to detect it).`,
      { value },
    );
  }
  return d;
}

/** The first line break outside quotes: "\r\n", "\n" or "\r" (default "\n"). */
export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\n') return '\n';
    else if (!inQuotes && ch === '\r') return text[i + 1] === '\n' ? '\r\n' : text[i + 1] === undefined ? '\n' : '\r';
  }
  return '\n';
}

/**
 * Count each candidate delimiter outside quotes, record by record, over at most
 * `maxRecords` records of `sample`, and pick the most consistent one.
 * @example detectDelimiter('a;b;c\n1;2,5;3\n') // ";"
 */
export function detectDelimiter(sample: string, maxRecords = 50): Delimiter {
  const counts: number[][] = DELIMITERS.map(() => []);
  const current = DELIMITERS.map(() => 0);
  let inQuotes = false;
  let records = 0;
  let nonEmpty = false;
  const endRecord = () => {
    if (nonEmpty) {
      DELIMITERS.forEach((_, k) => counts[k]?.push(current[k] ?? 0));
      records++;
    }
    current.fill(0);
    nonEmpty = false;
  };
  for (let i = 0; i < sample.length && records < maxRecords; i++) {
    const ch = sample[i] as string;
    if (ch === '"') {
      inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (inQuotes) continue;
    else if (ch === '\n' || ch === '\r') endRecord();
    else {
      const k = (DELIMITERS as readonly string[]).indexOf(ch);
      if (k >= 0) current[k] = (current[k] ?? 0) + 1;
      if (ch.trim() !== '') nonEmpty = true;
    }
  }
  // The last record may be cut by the end of the sample: count it only when it is the only one.
  if (records === 0) endRecord();

  let best: Delimiter = ',';
  let bestScore = -1;
  DELIMITERS.forEach((d, k) => {
    const c = counts[k] ?? [];
    if (c.length === 0) return;
    const header = mode(c);
    if (header === 0) return;
    const agree = c.filter((n) => n === header).length / c.length;
    // Consistency first (two decimals), then more fields.
    const score = Math.round(agree * 100) * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  });
  return best;
}

/** The most frequent non-zero value (the larger one on a tie), or 0. */
function mode(values: number[]): number {
  const freq = new Map<number, number>();
  for (const v of values) if (v > 0) freq.set(v, (freq.get(v) ?? 0) + 1);
  let best = 0;
  let bestFreq = 0;
  for (const [v, f] of freq) {
    if (f > bestFreq || (f === bestFreq && v > best)) {
      best = v;
      bestFreq = f;
    }
  }
  return best;
}
