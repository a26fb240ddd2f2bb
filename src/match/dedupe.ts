/**
 * The core of `syncro-etl dedupe`: records from one or more files are
 * clustered, and every record in a cluster of two or more becomes one row
 * (cluster id, source file and row, score to the cluster's best record, why).
 */
import type { CustomerRecord } from '../model/records.js';
import type { SourceRef } from '../model/source.js';
import { findDuplicates } from './duplicates.js';
import type { DuplicatesOptions } from './duplicates.js';
import { toMatchRecordFromContact, toMatchRecordFromCustomer } from './records.js';
import { explanationText } from './scoring.js';
import type { DuplicatesResult, MatchRecord, Outcome } from './types.js';

/** One line of clusters.csv / clusters.xlsx. */
export interface DedupeRow {
  cluster_id: string;
  source_file: string;
  source_sheet: string;
  source_row: number;
  name: string;
  email: string;
  phone: string;
  /** Score (log2 odds) to the cluster's best record; undefined on the best record itself. */
  score: number | undefined;
  /** `best` for the cluster's best record, else the outcome of its score. */
  role: 'best' | Outcome;
  explanation: string;
}

export const DEDUPE_COLUMNS = [
  'cluster_id',
  'source_file',
  'source_sheet',
  'source_row',
  'name',
  'email',
  'phone',
  'score',
  'role',
  'explanation',
] as const satisfies readonly (keyof DedupeRow)[];

export interface DedupeOptions extends DuplicatesOptions {
  /** Cluster the customers themselves (default) or the contacts listed under them. */
  entity?: 'customers' | 'contacts';
}

export interface DedupeResult {
  rows: DedupeRow[];
  result: DuplicatesResult;
}

interface Item {
  source: SourceRef;
  record: MatchRecord;
  name: string;
  email: string;
  phone: string;
}

const keyOf = (s: SourceRef): string => [s.file, s.sheet ?? '', s.row].join('\u0000');

/** Flatten the input into one matchable item per customer (or contact), keyed by its first source row. */
function itemsOf(records: readonly CustomerRecord[], entity: 'customers' | 'contacts'): Item[] {
  const items: Item[] = [];
  const seen = new Set<string>();
  const push = (sources: SourceRef[], build: (key: string) => MatchRecord, name: string, email?: string, phone?: string): void => {
    const source = sources[0];
    if (!source) return;
    let key = keyOf(source);
    for (let n = 2; seen.has(key); n++) key = `${keyOf(source)}#${n}`; // several contacts on one row
    seen.add(key);
    items.push({ source, record: build(key), name, email: email ?? '', phone: phone ?? '' });
  };
  for (const r of records) {
    const c = r.customer;
    const person = [c.firstname, c.lastname].filter(Boolean).join(' ');
    if (entity === 'customers') {
      push(r.sources, (key) => toMatchRecordFromCustomer(c, key), c.business_name || person, c.email, c.phone ?? c.mobile);
      continue;
    }
    for (const ct of r.contacts) {
      push(ct.sources, (key) => toMatchRecordFromContact(ct.contact, key, c.business_name), ct.contact.name ?? '', ct.contact.email, ct.contact.phone ?? ct.contact.mobile);
    }
  }
  return items;
}

/**
 * Cluster the records of several files; one row per record in a cluster of
 * two or more, clusters in input order, each with its best record first.
 * @example const { rows } = dedupeRecords([...fileA, ...fileB], { entity: 'customers' });
 */
export function dedupeRecords(records: readonly CustomerRecord[], options: DedupeOptions = {}): DedupeResult {
  const entity = options.entity ?? 'customers';
  const items = itemsOf(records, entity);
  const byKey = new Map(items.map((it) => [it.record.key, it]));
  const result = findDuplicates(
    items.map((it) => it.record),
    { ...options, entity },
  );
  const rows: DedupeRow[] = [];
  result.clusters.forEach((cluster, n) => {
    const id = `C${String(n + 1).padStart(4, '0')}`;
    for (const key of cluster.members) {
      const it = byKey.get(key);
      if (!it) continue;
      const isBest = key === cluster.centre;
      const pair = isBest ? undefined : cluster.links[key];
      rows.push({
        cluster_id: id,
        source_file: it.source.file,
        source_sheet: it.source.sheet ?? '',
        source_row: it.source.row,
        name: it.name,
        email: it.email,
        phone: it.phone,
        score: pair?.score,
        role: isBest ? 'best' : (pair?.outcome ?? 'review'),
        explanation: pair ? explanationText(pair.explanation) : 'best record of the cluster',
      });
    }
  });
  return { rows, result };
}
