/**
 * One value → a typed XLSX cell or a CSV field, by column kind. Every text
 * that reaches a file passes {@link neutralizeFormula} (OWASP: a leading
 * = + - @ tab CR LF or NUL gets a `'`), so nothing exported runs as a formula.
 */
import { neutralizeFormula } from '../safe-cell.js';
import type { CellKind } from './columns.js';

export type XlsxValue = string | number | boolean | Date | null;

/** Excel keeps at most this many characters in a cell and cuts the rest on open. */
export const EXCEL_MAX_CELL = 32_767;

/** Number formats by kind: `@` (Text) keeps phones and zips as typed, even when edited in Excel. */
export const NUM_FMT: Record<CellKind, string | undefined> = {
  id: '0',
  date: 'yyyy-mm-dd hh:mm:ss',
  boolean: undefined,
  code: '@',
  text: '@',
};

/** What the writer could not keep exactly, for the export's notices. */
export interface CellTally {
  /** Texts longer than Excel's cell limit. */
  tooLong: number;
  /** Texts with control characters XML (and so XLSX) cannot hold; they are dropped from the cell. */
  controlChars: number;
}

export const newTally = (): CellTally => ({ tooLong: 0, controlChars: 0 });

// XML 1.0 has no place for these; exceljs drops them.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '';

function parseDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function parseId(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function parseBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

/**
 * The typed XLSX value: ids as numbers, timestamps as Dates (UTC), booleans as
 * TRUE/FALSE, everything else as formula-safe text. A value that does not fit
 * its kind is kept as text rather than lost.
 * @example xlsxValue('code', '+1 555 0100') // "'+1 555 0100"
 */
export function xlsxValue(kind: CellKind, value: unknown, tally?: CellTally): XlsxValue {
  if (isBlank(value)) return null;
  if (kind === 'id') {
    const n = parseId(value);
    if (n !== undefined) return n;
  } else if (kind === 'date') {
    const d = parseDate(value);
    if (d) return d;
  } else if (kind === 'boolean') {
    const b = parseBool(value);
    if (b !== undefined) return b;
  }
  const text = neutralizeFormula(asText(value));
  if (tally) {
    if (text.length > EXCEL_MAX_CELL) tally.tooLong++;
    if (XML_INVALID.test(text)) tally.controlChars++;
  }
  return text;
}

/**
 * The CSV text of a value (quoting and formula safety are csvLine's job):
 * booleans `True`/`False` as Syncro's own CSV writes them, timestamps as the
 * API sent them (ISO 8601 with the account's offset).
 * @example csvText('boolean', true) // "True"
 */
export function csvText(kind: CellKind, value: unknown): string {
  if (isBlank(value)) return '';
  if (kind === 'boolean') {
    const b = parseBool(value);
    if (b !== undefined) return b ? 'True' : 'False';
  }
  return asText(value);
}
