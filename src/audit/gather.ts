/**
 * Reads what hangs off the customers in clusters — tickets, assets and
 * invoices — and only for those (list calls by customer_id, 25 a page), so
 * the audit's cost grows with the duplicates found, not with the account.
 */
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import type { SyncroClient } from '../syncro/client.js';
import type { LinkedRecords } from './assemble.js';

/**
 * `customerIds`: customers in clusters (tickets, assets and invoices read);
 * `ticketOwnerIds`: customers with duplicate contacts (only tickets read, to repoint them).
 */
/** Where Syncro ignores the customer_id filter, one full list serves every customer of the audit (merges re-read before moving). */
const READ_ONCE = { maxAgeMs: 10 * 60_000 };

export async function gatherLinked(
  client: SyncroClient,
  customerIds: number[],
  ticketOwnerIds: number[] = [],
  events: EventSink = silentSink,
): Promise<Map<number, LinkedRecords>> {
  const out = new Map<number, LinkedRecords>();
  const full = new Set(customerIds);
  const ids = [...new Set([...customerIds, ...ticketOwnerIds])].sort((a, b) => a - b);
  for (const [i, id] of ids.entries()) {
    const linked: LinkedRecords = { tickets: [], customer_assets: [], invoices: [] };
    for await (const t of client.linked('tickets', id, READ_ONCE)) linked.tickets.push(t);
    if (full.has(id)) {
      for await (const a of client.linked('customer_assets', id, READ_ONCE)) linked.customer_assets.push(a);
      for await (const v of client.linked('invoices', id, READ_ONCE)) linked.invoices.push(v);
    }
    out.set(id, linked);
    events({ type: 'progress', stage: 'linked records', done: i + 1, total: ids.length });
  }
  return out;
}
