/**
 * Renders a cell's number the way Excel shows it, so phones, zips and ids
 * read as text exactly as a person sees them: "00000" keeps a zip's leading
 * zero, "(###) ###-####" makes a phone, and General never uses an exponent
 * for an integer (15551234567, not 1.5551234567E10). Dates become ISO dates.
 */

// Made on first use: a number format costs a CSV read (which loads this module and formats no number) a fiftieth of a second.
let general: Intl.NumberFormat | undefined;

/** Excel's General format without exponents: at most 15 significant digits. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isSafeInteger(n)) return String(n);
  return (general ??= new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 })).format(n);
}

/** True for a number format that shows a date or a time. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare.replace(/General/gi, ''));
}

/** An Excel serial day number as an ISO date ("2024-03-05") or date-time ("2024-03-05T14:30:00"). */
export function serialToIso(serial: number, date1904 = false): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const ms = Math.round((serial * 86_400_000) / 1000) * 1000;
  return dateToIso(new Date(epoch + ms));
}

/** A Date read from a sheet (UTC clock = the sheet's wall clock) as an ISO date or date-time. */
export function dateToIso(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000);
  const iso = rounded.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Split a format into its `;` sections, ignoring `;` inside quotes and brackets. */
function sections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] as string;
    if (ch === '\\' && !quoted) {
      cur += ch + (fmt[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const CONDITION = /\[(<=|>=|<>|<|>|=)(-?\d+(?:\.\d+)?)]/;

function test(op: string, a: number, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '=':
      return a === b;
    default:
      return a !== b;
  }
}

/** Pick the section for `n`; `negative` says the section has no sign of its own, so "-" must be added. */
function pickSection(fmt: string, n: number): { section: string; abs: boolean; addMinus: boolean } {
  const parts = sections(fmt);
  if (parts.some((p) => CONDITION.test(p))) {
    for (let i = 0; i < parts.length; i++) {
      const m = CONDITION.exec(parts[i] as string);
      if (!m || test(m[1] as string, n, Number(m[2]))) return { section: parts[i] as string, abs: false, addMinus: false };
    }
    return { section: parts[parts.length - 1] as string, abs: false, addMinus: false };
  }
  if (n < 0 && parts.length >= 2) return { section: parts[1] as string, abs: true, addMinus: false };
  if (n === 0 && parts.length >= 3) return { section: parts[2] as string, abs: true, addMinus: false };
  return { section: parts[0] as string, abs: true, addMinus: n < 0 };
}

interface Token {
  kind: 'digit' | 'lit' | 'dot' | 'comma' | 'percent';
  ch: string;
}

function tokenize(section: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] as string;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const lit = section.slice(i + 1, end < 0 ? undefined : end);
      for (const c of lit) tokens.push({ kind: 'lit', ch: c });
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      tokens.push({ kind: 'lit', ch: section[i + 1] ?? '' });
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      const currency = /^\$([^-\]]*)/.exec(inner);
      if (currency) for (const c of currency[1] ?? '') tokens.push({ kind: 'lit', ch: c });
      i = end < 0 ? section.length : end;
    } else if (ch === '_') {
      tokens.push({ kind: 'lit', ch: ' ' });
      i++;
    } else if (ch === '*') {
      i++;
    } else if (ch === '0' || ch === '#' || ch === '?') tokens.push({ kind: 'digit', ch });
    else if (ch === '.') tokens.push({ kind: 'dot', ch });
    else if (ch === ',') tokens.push({ kind: 'comma', ch });
    else if (ch === '%') tokens.push({ kind: 'percent', ch });
    else if (/[eE/@]/.test(ch))
      return undefined; // scientific, fractions, text: shown as General
    else tokens.push({ kind: 'lit', ch });
  }
  return tokens;
}

/**
 * Format `n` with an Excel number format (the subset that matters for
 * contact data: digit placeholders, literals, grouping, decimals, percent,
 * sections and conditions). Anything else falls back to General.
 * @example formatNumber(2134, '00000') // "02134"
 * @example formatNumber(5551234567, '[<=9999999]###-####;(###) ###-####') // "(555) 123-4567"
 */
export function formatNumber(n: number, fmt: string | undefined): string {
  if (!fmt || /^(General|@)$/i.test(fmt.trim())) return formatGeneral(n);
  if (isDateFormat(fmt)) return formatGeneral(n);
  const { section, abs, addMinus } = pickSection(fmt, n);
  const tokens = tokenize(section);
  if (!tokens || !tokens.some((t) => t.kind === 'digit')) return formatGeneral(n);
  let value = abs ? Math.abs(n) : n;
  if (tokens.some((t) => t.kind === 'percent')) value *= 100;
  const firstDigit = tokens.findIndex((t) => t.kind === 'digit');
  let lastDigit = -1;
  tokens.forEach((t, i) => {
    if (t.kind === 'digit') lastDigit = i;
  });
  const dot = tokens.findIndex((t, i) => t.kind === 'dot' && i > firstDigit && i <= lastDigit + 1);
  const intTokens = tokens.slice(firstDigit, dot >= 0 ? dot : lastDigit + 1);
  const decTokens = dot >= 0 ? tokens.slice(dot + 1, lastDigit + 1).filter((t) => t.kind === 'digit') : [];
  const fixed = Math.abs(value).toFixed(Math.min(decTokens.length, 20));
  const [intDigitsRaw = '0', decDigits = ''] = fixed.split('.');
  const negative = value < 0;

  const intPart = renderInteger(intDigitsRaw === '0' ? '' : intDigitsRaw, intTokens);
  let decPart = '';
  if (decTokens.length > 0) {
    let d = '';
    decTokens.forEach((t, i) => {
      const digit = decDigits[i] ?? '0';
      d += t.ch === '0' ? digit : t.ch === '?' ? digit : digit;
    });
    // '#' and '?' do not show trailing zeros.
    let end = d.length;
    while (end > 0 && d[end - 1] === '0' && decTokens[end - 1]?.ch !== '0') end--;
    decPart = d.slice(0, end);
  }
  const prefix = tokens
    .slice(0, firstDigit)
    .map((t) => (t.kind === 'comma' ? ',' : t.ch))
    .join('');
  const suffix = tokens
    .slice(lastDigit + 1)
    .filter((t) => t.kind !== 'dot' || dot < 0)
    .map((t) => t.ch)
    .join('');
  const body = `${intPart}${dot >= 0 && (decPart !== '' || decTokens.length > 0) ? '.' : ''}${decPart}`;
  return `${negative || addMinus ? '-' : ''}${prefix}${body}${suffix}`;
}

/** Fill integer placeholders right to left; literals stay in place; leftover digits go first. */
function renderInteger(digits: string, tokens: Token[]): string {
  const hasLiterals = tokens.some((t) => t.kind === 'lit');
  const grouping = tokens.some((t) => t.kind === 'comma');
  const placeholders = tokens.filter((t) => t.kind === 'digit');
  if (!hasLiterals) {
    const zeros = placeholders.filter((t) => t.ch === '0').length;
    let d = digits.padStart(zeros, '0');
    if (grouping) d = d.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return d;
  }
  let out = '';
  let k = digits.length;
  let remainingPlaceholders = placeholders.length;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (t.kind === 'digit') {
      remainingPlaceholders--;
      if (remainingPlaceholders === 0 && k > 1) {
        out = digits.slice(0, k) + out;
        k = 0;
      } else if (k > 0) out = digits[--k] + out;
      else out = (t.ch === '0' ? '0' : t.ch === '?' ? ' ' : '') + out;
    } else if (t.kind === 'lit') out = t.ch + out;
  }
  return out;
}
