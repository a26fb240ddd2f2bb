/**
 * Reads what an export needs from Syncro in the fewest calls: the customer
 * list once (100 a page; with `query` and `include_disabled` as asked), then
 * the all-contacts list once (50 a page), never per customer. Contacts follow
 * their customers: only contacts of the customers read are kept, each with
 * its customer's business name from a small id → name map.
 */
import type { EventSink } from '../events.js';
import type { SyncroClient } from '../syncro/client.js';
import { propertiesOf, SHOWN_PROPERTIES } from './columns.js';
import type { ApiRecord, ContactContext, ExportEntity } from './columns.js';
import type { EntityLayout, SpooledRow } from './layout.js';
import type { RowSpool } from './spool.js';

export interface GatherInput {
  client: SyncroClient;
  layouts: Partial<Record<ExportEntity, EntityLayout>>;
  spools: Partial<Record<ExportEntity, RowSpool>>;
  query?: string;
  includeDisabled?: boolean;
  onEvent: EventSink;
}

export interface Gathered {
  customers: number;
  contacts: number;
  /** Contacts left out because their customer was not read (disabled, or not matched by `query`). */
  skippedContacts: number;
}

const NO_CONTEXT: ContactContext = { businessName: () => undefined };

/** One API record → its spooled row under `layout`. */
export function project(record: ApiRecord, layout: EntityLayout, ctx: ContactContext = NO_CONTEXT): SpooledRow {
  const v = layout.base.map((c) => {
    const value = c.read(record, ctx);
    return value === undefined ? null : value;
  });
  const shown = SHOWN_PROPERTIES[layout.entity];
  const keep = layout.properties;
  if (keep !== 'all' && keep.size === 0) return { v };
  const p: Record<string, string> = {};
  let any = false;
  for (const [key, value] of Object.entries(propertiesOf(record))) {
    if (shown.has(key) || (keep !== 'all' && !keep.has(key))) continue;
    p[key] = value;
    any = true;
  }
  return any ? { v, p } : { v };
}

/** Fills the spools from the API; emits `progress` per page (done/total pages) so a renderer can show an ETA. */
export async function gather(input: GatherInput): Promise<Gathered> {
  const { client, layouts, spools, onEvent } = input;
  const result: Gathered = { customers: 0, contacts: 0, skippedContacts: 0 };
  const wantContacts = layouts.contacts !== undefined;
  const names = new Map<number, string>();

  onEvent({ type: 'stage', stage: 'export customers', status: 'start' });
  const query = { ...(input.includeDisabled ? { include_disabled: true } : {}), ...(input.query ? { query: input.query } : {}) };
  for await (const page of client.customerPages(query)) {
    if (wantContacts) for (const c of page.items) names.set(c.id, c.business_name ?? '');
    if (layouts.customers && spools.customers) {
      await spools.customers.add(page.items.map((c) => project(c, layouts.customers!)));
    }
    result.customers += page.items.length;
    onEvent({ type: 'progress', stage: 'export customers', done: page.page, total: page.meta?.total_pages });
  }
  onEvent({ type: 'stage', stage: 'export customers', status: 'done', detail: `${result.customers} customers` });
  if (!layouts.customers) result.customers = 0;

  if (wantContacts && layouts.contacts && spools.contacts) {
    const ctx: ContactContext = { businessName: (id) => names.get(id) };
    onEvent({ type: 'stage', stage: 'export contacts', status: 'start' });
    for await (const page of client.contactPages()) {
      const rows: SpooledRow[] = [];
      for (const k of page.items) {
        if (k.customer_id !== null && names.has(k.customer_id)) rows.push(project(k, layouts.contacts, ctx));
        else result.skippedContacts++;
      }
      await spools.contacts.add(rows);
      result.contacts += rows.length;
      onEvent({ type: 'progress', stage: 'export contacts', done: page.page, total: page.meta?.total_pages });
    }
    onEvent({ type: 'stage', stage: 'export contacts', status: 'done', detail: `${result.contacts} contacts` });
  }
  return result;
}
