/**
 * The user's tax-rate table (`--tax-rates FILE`): Syncro stores a customer's
 * tax rate as `tax_rate_id`, so a name ("Texas") or a percentage ("8.25%")
 * from the source is looked up here. Unknown rates are refused, never guessed.
 *
 * File formats: JSON `[{"id": 3, "name": "Texas", "rate": 8.25}]` or
 * `{"Texas": 3, "8.25%": 3}`; CSV with columns `id`, `name`, `rate`.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { SyncroEtlError } from '../errors.js';
import { valueKey } from './compile.js';
import { jsonSyntaxProblem } from '../json-syntax.js';

export interface TaxRateEntry {
  id: number;
  name?: string;
  /** Percent, e.g. 8.25. */
  rate?: number;
}

export interface TaxRateTable {
  file: string;
  entries: TaxRateEntry[];
  /** The tax_rate_id for a name or percentage, or undefined when the table has no such rate. */
  lookup(value: string): number | undefined;
}

const PERCENT = /^\s*(-?\d+(?:[.,]\d+)?)\s*%?\s*$/;

function percentOf(text: string): number | undefined {
  const m = PERCENT.exec(text);
  return m ? Number((m[1] as string).replace(',', '.')) : undefined;
}

function toEntry(raw: Record<string, unknown>, file: string, where: string): TaxRateEntry {
  const lower = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const id = Number(String(lower.id ?? lower.tax_rate_id ?? '').trim());
  if (!Number.isInteger(id) || id <= 0) {
    throw new SyncroEtlError('CONFIG_INVALID', `Tax-rate table ${file}, ${where}: "id" must be a Syncro tax_rate_id (a positive whole number).`, { file });
  }
  const entry: TaxRateEntry = { id };
  const name = lower.name === undefined || lower.name === null ? '' : String(lower.name).trim();
  if (name) entry.name = name;
  const rate = lower.rate === undefined || lower.rate === null || lower.rate === '' ? undefined : percentOf(String(lower.rate));
  if (rate !== undefined) entry.rate = rate;
  if (entry.name === undefined && entry.rate === undefined) {
    throw new SyncroEtlError('CONFIG_INVALID', `Tax-rate table ${file}, ${where}: give a "name" or a "rate" for id ${id}.`, { file });
  }
  return entry;
}

/** Build a table from entries (exposed for tests and library callers). */
export function taxRateTable(entries: TaxRateEntry[], file = '(inline)'): TaxRateTable {
  const byName = new Map<string, number>();
  for (const e of entries) if (e.name) byName.set(valueKey(e.name), e.id);
  return {
    file,
    entries,
    lookup(value) {
      const named = byName.get(valueKey(value));
      if (named !== undefined) return named;
      const p = percentOf(value);
      if (p === undefined) return undefined;
      const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
      const hit = entries.find((e) => e.rate !== undefined && near(e.rate, p));
      if (hit) return hit.id;
      // "0.0825" written as a fraction, when no rate matches it as a percentage.
      if (!value.includes('%') && p > 0 && p < 1) return entries.find((e) => e.rate !== undefined && near(e.rate, p * 100))?.id;
      return undefined;
    },
  };
}

/**
 * Read a tax-rate table file (JSON or CSV). Throws FILE_NOT_FOUND or CONFIG_INVALID.
 * @example (await loadTaxRates('rates.csv')).lookup('8.25%') // 3
 */
export async function loadTaxRates(file: string): Promise<TaxRateTable> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
  } catch (err) {
    throw new SyncroEtlError('FILE_NOT_FOUND', `Tax-rate table ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`, { file }, { cause: err });
  }
  const entries: TaxRateEntry[] = [];
  if (/^\s*[[{]/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new SyncroEtlError('CONFIG_INVALID', `Tax-rate table ${file} is ${jsonSyntaxProblem(err, text)}`, { file });
    }
    if (Array.isArray(json)) {
      json.forEach((item, i) => entries.push(toEntry((item ?? {}) as Record<string, unknown>, file, `entry ${i + 1}`)));
    } else if (json && typeof json === 'object') {
      for (const [k, v] of Object.entries(json)) {
        const rate = k.includes('%') ? percentOf(k) : undefined;
        entries.push(toEntry(rate !== undefined ? { id: v, rate } : { id: v, name: k }, file, `key "${k}"`));
      }
    }
  } else {
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
    parsed.data.forEach((row, i) => entries.push(toEntry(row, file, `row ${i + 2}`)));
  }
  if (entries.length === 0) throw new SyncroEtlError('CONFIG_INVALID', `Tax-rate table ${file} has no rates.`, { file });
  return taxRateTable(entries, file);
}
