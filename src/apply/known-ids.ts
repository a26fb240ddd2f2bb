/**
 * Every customer and contact id a journal names, per resource: records that
 * existed (or that this run made) before an undo re-creates a deleted record.
 * A lost re-create answer must never be "recovered" as one of them — the
 * survivor of a merge has the duplicate's name and email (issue 14.3).
 * Kept apart by resource: customer #23 and contact #23 are different records,
 * and a contact id taken for a known customer id would make recovery post again.
 */
import type { JournalEntry } from './journal.js';

type Rec = Record<string, unknown>;

export interface KnownIds {
  customers: Set<number>;
  contacts: Set<number>;
}

export function idsInJournal(entries: Iterable<JournalEntry>): KnownIds {
  const known: KnownIds = { customers: new Set(), contacts: new Set() };
  const add = (set: Set<number> | undefined, v: unknown) => {
    const n = Number(v);
    if (set && v !== null && v !== undefined && Number.isInteger(n) && n > 0) set.add(n);
  };
  for (const e of entries) {
    const [resource, id] = (e.path ?? '').split('/');
    const own = resource === 'customers' ? known.customers : resource === 'contacts' ? known.contacts : undefined;
    add(own, id);
    add(own, e.resultId);
    for (const image of [e.before, e.after, e.body]) {
      if (!image || typeof image !== 'object') continue;
      const r = image as Rec;
      add(own, r.id);
      add(known.customers, r.customer_id);
      add(known.contacts, r.contact_id);
    }
  }
  return known;
}
