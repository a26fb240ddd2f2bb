/**
 * The core of `syncro-etl dedupe`: records from one or more files are
 * clustered, and every input row that belongs with another becomes one row
 * of clusters.csv (cluster id, source file and row, score to the cluster's
 * best record, why) — rows the reader already read as one customer
 * (`grouped`), rows the matcher put together (`match`), and the maybes of
 * the review band (`review`, for a person to decide).
 */
import type { Contact } from '../model/contact.js';
import type { CustomerRecord, RowValues } from '../model/records.js';
import type { SourceRef } from '../model/source.js';
import { listClusterRows } from './dedupe-rows.js';
import type { DedupeCounts, DedupeItem, DedupeRow, ShownValues } from './dedupe-rows.js';
import { findDuplicates } from './duplicates.js';
import type { DuplicatesOptions } from './duplicates.js';
import { toMatchRecordFromContact, toMatchRecordFromCustomerWithContacts } from './records.js';
import type { DuplicatesResult, MatchRecord } from './types.js';

export type { DedupeCounts, DedupeRole, DedupeRow, ShownValues } from './dedupe-rows.js';

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
  /** Rows compared = rows in clusters + rows alone. */
  counts: DedupeCounts;
}

const keyOf = (s: SourceRef): string => [s.file, s.sheet ?? '', s.row].join('\u0000');

/** Why the reader read `source` as one customer with the record's first row. */
function groupedReason(record: CustomerRecord): (source: SourceRef) => string {
  const c = record.customer;
  const name = c.business_name || [c.firstname, c.lastname].filter(Boolean).join(' ');
  const fallback = c.id !== undefined ? `same Syncro id ${String(c.id)}` : `same company id or business name ("${name}")`;
  const folds = record.folds ?? [];
  return (source) => {
    const note = folds.find((f) => f.sources.some((s) => keyOf(s) === keyOf(source)));
    return `read as one customer: ${note?.evidence || fallback}`;
  };
}

/**
 * What each source row of a customer itself says: its own business name (or
 * person), email and phone — the customer's where the row gave them, else
 * those of the contact read from that row (a one-row-per-contact file puts
 * Email and Phone on the contact).
 */
function customerRowValues(record: CustomerRecord): (source: SourceRef) => ShownValues {
  const at = new Map(record.sources.map((s, i) => [keyOf(s), i]));
  const notes = record.rowValues ?? [];
  const own = (source: SourceRef): Omit<RowValues, 'from'> => {
    const i = at.get(keyOf(source)) ?? 0;
    return notes.findLast((v) => v.from <= i) ?? record.customer;
  };
  const contactAt = new Map<string, Contact>();
  for (const ct of record.contacts) for (const s of ct.sources) if (!contactAt.has(keyOf(s))) contactAt.set(keyOf(s), ct.contact);
  return (source) => {
    const v = own(source);
    const ct = contactAt.get(keyOf(source));
    return {
      name: v.business_name || [v.firstname, v.lastname].filter(Boolean).join(' '),
      email: v.email || ct?.email || '',
      phone: v.phone || v.mobile || ct?.phone || ct?.mobile || '',
    };
  };
}

/** Flatten the input into one matchable item per customer (or contact), keyed by its first source row. */
function itemsOf(
  records: readonly CustomerRecord[],
  entity: 'customers' | 'contacts',
): { items: DedupeItem[]; recordOf: Map<string, number> } {
  const items: DedupeItem[] = [];
  /** Item key → index of the customer record it came from. */
  const recordOf = new Map<string, number>();
  const seen = new Set<string>();
  const push = (sources: SourceRef[], build: (key: string) => MatchRecord, fields: Pick<DedupeItem, 'shownAt' | 'groupedReason'>): void => {
    const source = sources[0];
    if (!source) return;
    let key = keyOf(source);
    for (let n = 2; seen.has(key); n++) key = `${keyOf(source)}#${n}`; // several contacts on one row
    seen.add(key);
    recordOf.set(key, customerIndex);
    items.push({ sources, record: build(key), ...fields });
  };
  let customerIndex = -1;
  for (const r of records) {
    customerIndex++;
    const c = r.customer;
    const person = [c.firstname, c.lastname].filter(Boolean).join(' ');
    if (entity === 'customers') {
      const contacts = r.contacts.map((ct) => ct.contact);
      push(r.sources, (key) => toMatchRecordFromCustomerWithContacts(c, contacts, key), {
        shownAt: customerRowValues(r),
        groupedReason: groupedReason(r),
      });
      continue;
    }
    for (const ct of r.contacts) {
      const shown: ShownValues = {
        name: ct.contact.name ?? '',
        email: ct.contact.email ?? '',
        phone: ct.contact.phone || ct.contact.mobile || '',
      };
      push(ct.sources, (key) => toMatchRecordFromContact(ct.contact, key, c.business_name || person), {
        shownAt: () => shown,
        groupedReason: () => 'read as one contact',
      });
    }
  }
  return { items, recordOf };
}

/**
 * Which customer each contact is listed under: the customers clustered
 * first, so rows the reader kept as two records ("Copper Design Partners,
 * Inc." / "Cooper Design Partners Inc") that the matcher finds to be one
 * customer are one customer for their contacts too.
 */
function customersOfContacts(
  records: readonly CustomerRecord[],
  recordOf: ReadonlyMap<string, number>,
  options: DedupeOptions,
): Map<string, string> {
  const { items, recordOf: customerRecord } = itemsOf(records, 'customers');
  const { clusters } = findDuplicates(
    items.map((it) => it.record),
    {
      entity: 'customers',
      ...(options.thresholds && { thresholds: options.thresholds }),
      ...(options.seed !== undefined && { seed: options.seed }),
    },
  );
  const customerOf = new Map<number, string>();
  for (const c of clusters) for (const m of c.members) customerOf.set(customerRecord.get(m) ?? -1, c.centre);
  const out = new Map<string, string>();
  for (const [key, record] of recordOf) out.set(key, customerOf.get(record) ?? `record ${record}`);
  return out;
}

/**
 * Cluster the records of several files; one row per input row that belongs
 * with another, clusters in input order, each with its best record first.
 * @example const { rows, counts } = dedupeRecords([...fileA, ...fileB], { entity: 'customers' });
 */
export function dedupeRecords(records: readonly CustomerRecord[], options: DedupeOptions = {}): DedupeResult {
  const entity = options.entity ?? 'customers';
  const { items, recordOf } = itemsOf(records, entity);
  const contacts = entity === 'contacts';
  const customerOf = options.customerOf ?? (contacts ? customersOfContacts(records, recordOf, options) : undefined);
  const result = findDuplicates(
    items.map((it) => it.record),
    // Contacts of two customers are two contacts: the same mailbox under both is a finding to review.
    // The customer a contact is listed under is evidence (customer-evidence.ts).
    {
      ...options,
      entity,
      apartAcrossCompanies: options.apartAcrossCompanies ?? contacts,
      ...(customerOf && { customerOf }),
    },
  );
  const { rows, counts } = listClusterRows(items, result);
  return { rows, result, counts };
}
