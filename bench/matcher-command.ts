/**
 * Command-level accuracy of `dedupe`: each labelled set is written as a CSV
 * file a user could have, read through the same path the command takes
 * (loadRecords: read, map with the detected template, validate, group) and
 * clustered by dedupeRecords — the rows clusters.csv would hold. Pairwise
 * precision/recall/F1 over input rows: two rows are "put together" when they
 * share a cluster as decided members (roles best, match, grouped; `review`
 * rows are maybes for a person, not decisions).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRecords } from '../src/ingest/load.js';
import { dedupeRecords } from '../src/match/dedupe.js';
import type { DedupeRow } from '../src/match/dedupe.js';
import { generateMspData } from '../test/helpers/msp-data.js';
import { datasetsDir, loadCompanyNames, loadFebrl, loadRestaurants } from './matcher-data.js';
import type { Labelled } from './matcher-data.js';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export interface CommandSet {
  name: string;
  /** The file a user would hand to `dedupe`: header and data rows. */
  headers: string[];
  rows: string[][];
  entity: 'customers' | 'contacts';
  /** Per data row (row 2 is index 0): the true entity. */
  truth: string[];
  /** The same records for the engine alone (findDuplicates), where rows cannot simply be kept apart in the file. */
  labelled?: Labelled;
}

export interface PairCounts {
  precision: number;
  recall: number;
  f1: number;
  found: number;
  correct: number;
  truth: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Pairwise scores of a label per item against the true label per item. */
export function pairwise(predicted: readonly string[], truth: readonly string[]): PairCounts {
  const count = (labels: Iterable<string>): number => {
    const m = new Map<string, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    let s = 0;
    for (const n of m.values()) s += pairs(n);
    return s;
  };
  const found = count(predicted);
  const t = count(truth);
  const correct = count(predicted.map((l, i) => `${l}\u0000${truth[i]}`));
  const precision = found === 0 ? 1 : correct / found;
  const recall = t === 0 ? 1 : correct / t;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, found, correct, truth: t };
}

/** The decided cluster of each data row (rows not in one get a label of their own). */
export function rowLabels(rows: readonly DedupeRow[], dataRows: number, headerRow = 1): string[] {
  const labels = Array.from({ length: dataRows }, (_, i) => `alone:${i}`);
  for (const r of rows) {
    if (r.role === 'review') continue;
    const i = r.source_row - headerRow - 1;
    if (i >= 0 && i < dataRows) labels[i] = r.cluster_id;
  }
  return labels;
}

export interface CommandRun {
  acc: PairCounts;
  rows: number;
  ms: number;
  reviewRows: number;
}

/**
 * Write the set to a file, run the dedupe path on it, score the rows it
 * lists. `apart`: a unique "Company ID" on every row, so the reader groups
 * nothing and the matcher alone decides — the engine's own accuracy.
 */
export async function runCommandSet(set: CommandSet, apart = false): Promise<CommandRun> {
  const dir = mkdtempSync(join(tmpdir(), 'dedupe-bench-'));
  try {
    const file = join(dir, `${set.name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(file, setCsv(set, apart), 'utf8');
    const t = performance.now();
    const loaded = await loadRecords([file], { keepRowValues: true });
    const { rows } = dedupeRecords(loaded.customers, { entity: set.entity });
    const ms = performance.now() - t;
    const labels = rowLabels(rows, set.truth.length);
    return { acc: pairwise(labels, set.truth), rows: set.truth.length, ms, reviewRows: rows.filter((r) => r.role === 'review').length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The set as CSV text; `apart` adds a unique "Company ID" to every row. */
export function setCsv(set: CommandSet, apart = false): string {
  return apart
    ? csvOf(
        [...set.headers, 'Company ID'],
        set.rows.map((r, i) => [...r, `row${i}`]),
      )
    : csvOf(set.headers, set.rows);
}

type Row = Record<string, string>;
const q = (v: string): string => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvOf = (headers: string[], rows: string[][]): string => [headers, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';

function readShared(file: string): Row[] {
  const text = readFileSync(join(datasetsDir(), file), 'utf8');
  return Papa.parse<Row>(text, {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim(),
    transform: (v) =>
      v
        .trim()
        .replace(/^"(.*)"$/s, '$1')
        .replace(/^'(.*)'$/s, '$1'),
  }).data;
}

/** Restaurants as a customer list: Business Name, Address, City. */
export function restaurantsSet(): CommandSet {
  const data = readShared('restaurants.csv');
  return {
    name: 'restaurants',
    entity: 'customers',
    headers: ['Business Name', 'Address', 'City'],
    rows: data.map((r) => [r.name ?? '', r.address ?? '', r.city ?? '']),
    truth: data.map((r, i) => r.unique_id ?? `x${i}`),
    labelled: loadRestaurants(),
  };
}

/** FEBRL people as residential customers: First Name, Last Name, Address, Address 2, City, Zip, State. */
export function febrlSet(file: string): CommandSet {
  const data = readShared(file);
  return {
    name: file.replace(/\.csv$/, ''),
    entity: 'customers',
    headers: ['First Name', 'Last Name', 'Address', 'Address 2', 'City', 'Zip', 'State'],
    rows: data.map((r) => [
      r.given_name ?? '',
      r.surname ?? '',
      [r.street_number, r.address_1].filter(Boolean).join(' '),
      r.address_2 ?? '',
      r.suburb ?? '',
      r.postcode ?? '',
      r.state ?? '',
    ]),
    truth: data.map((r, i) => /^rec-(\d+)-/.exec(r.rec_id ?? '')?.[1] ?? `x${i}`),
    labelled: loadFebrl(file, false),
  };
}

/** Both company-name files in one name-only file; truth: the row index within its file. */
export function companyNamesSet(): CommandSet {
  const a = readShared('company_names_a.csv');
  const b = readShared('company_names_b.csv');
  const rows = [...a, ...b].map((r) => [r.company_name ?? '']);
  const [la, lb] = [loadCompanyNames('a', false), loadCompanyNames('b', false)];
  const labelled: Labelled = { records: [...la.records, ...lb.records], entity: new Map([...la.entity, ...lb.entity]) };
  return {
    name: 'company names a+b',
    entity: 'customers',
    headers: ['Business Name'],
    rows,
    truth: [...a.map((_, i) => String(i)), ...b.map((_, i) => String(i))],
    labelled,
  };
}

/** MSP-shaped rows of one seed (test/helpers/msp-data.ts), as customers or contacts. */
export function mspSet(seed: number, entity: 'customers' | 'contacts', customers = 600): CommandSet {
  const data = generateMspData({ seed, customers });
  return {
    name: `MSP ${entity} seed ${seed}`,
    entity,
    headers: data.headers,
    rows: data.rows.map((r) => data.headers.map((h) => r[h] ?? '')),
    truth: entity === 'customers' ? data.customerTruth : data.contactTruth,
  };
}
