/**
 * What Syncro holds now: every customer (disabled ones too) and every
 * contact, in the minimum number of list calls (100 customers and 50 contacts
 * a page). Kept in the run folder so a run reads Syncro once. Vendor
 * contacts (customer_id null) belong to no customer: they are counted, and
 * kept out of `contacts` so no customer logic (matching, email conflicts,
 * merges) ever sees them.
 */
import { createHash } from 'node:crypto';
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import type { SyncroClient } from './client.js';
import type { SyncroContact, SyncroCustomer } from './types.js';
import { isCustomerContact } from './types.js';

export interface Snapshot {
  takenAt: string;
  customers: SyncroCustomer[];
  contacts: SyncroContact[];
  /** Contacts with no customer (vendor contacts), left out of `contacts`. */
  vendorContacts?: number;
}

export async function takeSnapshot(
  client: SyncroClient,
  events: EventSink = silentSink,
  now: () => Date = () => new Date(),
): Promise<Snapshot> {
  const takenAt = now().toISOString();
  const customers: SyncroCustomer[] = [];
  events({ type: 'stage', stage: 'snapshot', status: 'start', detail: 'customers' });
  for await (const page of client.customerPages({ include_disabled: true })) {
    for (const c of page.items) customers.push({ ...c, contacts: [] });
    events({ type: 'progress', stage: 'snapshot customers', done: page.page, total: page.meta?.total_pages });
  }
  const contacts: SyncroContact[] = [];
  let vendorContacts = 0;
  for await (const page of client.contactPages()) {
    for (const k of page.items) {
      if (isCustomerContact(k)) contacts.push(k);
      else vendorContacts++;
    }
    events({ type: 'progress', stage: 'snapshot contacts', done: page.page, total: page.meta?.total_pages });
  }
  const vendors = vendorContacts ? `, ${vendorContacts} vendor contacts (no customer; left alone)` : '';
  events({
    type: 'stage',
    stage: 'snapshot',
    status: 'done',
    detail: `${customers.length} customers, ${contacts.length} contacts${vendors}`,
  });
  return { takenAt, customers, contacts, vendorContacts };
}

/** A digest of the records (not of when they were read), so the same data gives the same plan. */
export function snapshotDigest(snapshot: Snapshot): string {
  const h = createHash('sha256');
  for (const c of [...snapshot.customers].sort((a, b) => a.id - b.id)) h.update(`${c.id}|${c.updated_at}\n`);
  for (const c of [...snapshot.contacts].sort((a, b) => a.id - b.id)) h.update(`k${c.id}|${c.updated_at}\n`);
  return h.digest('hex');
}
