/**
 * The shared labelled data sets (../shared/datasets beside the repo) as
 * MatchRecords with their truth, and pairwise precision/recall/F1. Used by
 * the matcher bench and the accuracy tests; the files are read in place.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { toMatchRecordFromContact, toMatchRecordFromCustomer } from '../src/match/records.js';
import type { Cluster, MatchRecord } from '../src/match/types.js';

/** `../shared/datasets` relative to the repository root (found by walking up to package.json); SYNCRO_ETL_DATASETS overrides. */
export function datasetsDir(): string {
  if (process.env.SYNCRO_ETL_DATASETS) return process.env.SYNCRO_ETL_DATASETS;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, '../shared/datasets');
}

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  const text = readFileSync(join(datasetsDir(), file), 'utf8');
  const parsed = Papa.parse<Row>(text, {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim(),
    transform: (v) =>
      v
        .trim()
        .replace(/^"(.*)"$/s, '$1')
        .replace(/^'(.*)'$/s, '$1'),
  });
  return parsed.data;
}

/** A labelled set: records plus the entity each record belongs to. */
export interface Labelled {
  records: MatchRecord[];
  entity: Map<string, string>;
}

/**
 * Febrl as contacts: name = given_name + surname, address1 = street_number +
 * address_1, address2, city = suburb, zip = postcode, state. With
 * `identifiers`, date_of_birth and soc_sec_id ride along as extra fields.
 */
export function loadFebrl(file: string, identifiers: boolean): Labelled {
  const entity = new Map<string, string>();
  const records = readCsv(file).map((r) => {
    const key = r.rec_id ?? '';
    entity.set(key, /^rec-(\d+)-/.exec(key)?.[1] ?? key);
    const extra = identifiers ? { dob: r.date_of_birth ?? '', ssn: r.soc_sec_id ?? '' } : undefined;
    const contact = {
      name: [r.given_name, r.surname].filter(Boolean).join(' '),
      address1: [r.street_number, r.address_1].filter(Boolean).join(' '),
      address2: r.address_2,
      city: r.suburb,
      zip: r.postcode,
      state: r.state,
    };
    return toMatchRecordFromContact(contact, key, undefined, extra);
  });
  return { records, entity };
}

/** Fodor's/Zagat restaurants as customers (business name, address, city). */
export function loadRestaurants(): Labelled {
  const entity = new Map<string, string>();
  const records = readCsv('restaurants.csv').map((r, i) => {
    const key = `restaurants.csv:${i + 2}`;
    entity.set(key, r.unique_id ?? key);
    return toMatchRecordFromCustomer({ business_name: r.name, address: r.address, city: r.city }, key);
  });
  return { records, entity };
}

/** Company names a/b as customers; row i of a is row i of b. Country as an extra field when asked. */
export function loadCompanyNames(side: 'a' | 'b', country: boolean): Labelled {
  const entity = new Map<string, string>();
  const records = readCsv(`company_names_${side}.csv`).map((r, i) => {
    const key = `${side}:${i}`;
    entity.set(key, String(i));
    return toMatchRecordFromCustomer({ business_name: r.company_name }, key, country ? { country: r.country ?? '' } : undefined);
  });
  return { records, entity };
}

/** Number of true pairs (same entity) within one set. */
export function truePairsWithin(set: Labelled): number {
  const sizes = new Map<string, number>();
  for (const e of set.entity.values()) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  let n = 0;
  for (const s of sizes.values()) n += (s * (s - 1)) / 2;
  return n;
}

/** Number of true cross pairs between two sets. */
export function truePairsAcross(a: Labelled, b: Labelled): number {
  const sizes = new Map<string, number>();
  for (const e of b.entity.values()) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  let n = 0;
  for (const e of a.entity.values()) n += sizes.get(e) ?? 0;
  return n;
}

export interface Accuracy {
  found: number;
  correct: number;
  truth: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Pairwise precision, recall and F1 of `found` pairs against `truth` true pairs. */
export function accuracy(pairs: Iterable<[string, string]>, same: (a: string, b: string) => boolean, truth: number): Accuracy {
  let found = 0;
  let correct = 0;
  for (const [a, b] of pairs) {
    found++;
    if (same(a, b)) correct++;
  }
  const precision = found === 0 ? 0 : correct / found;
  const recall = truth === 0 ? 0 : correct / truth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { found, correct, truth, precision, recall, f1 };
}

/** Every pair inside each cluster. */
export function* clusterPairs(clusters: readonly Cluster[]): Generator<[string, string]> {
  for (const c of clusters) {
    for (let i = 0; i < c.members.length; i++) {
      for (let j = i + 1; j < c.members.length; j++) yield [c.members[i] ?? '', c.members[j] ?? ''];
    }
  }
}
