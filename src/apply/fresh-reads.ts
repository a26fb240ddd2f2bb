/**
 * What apply re-reads from Syncro just before writing, read once and shared
 * by the checks that need it (the stale check of updates, the identity check
 * of creates): customers by id[] pages, or the whole customer list when that
 * is no dearer; contacts per owning customer, or all contacts, whichever is
 * fewer calls. Never one GET per record.
 */
import { CONTACTS_PER_PAGE, CUSTOMERS_PER_PAGE } from '../plan/summary.js';
import type { SyncroClient } from '../syncro/client.js';

export type FreshRecord = Record<string, unknown> & { id: number; updated_at?: string };
export type FreshContact = FreshRecord & { customer_id?: number | null };

export interface KnownSizes {
  /** Customers and contacts in the plan's snapshot: the first guess of what a full listing costs. */
  customers: number;
  contacts: number;
}

export class FreshReads {
  private everyCustomer: Map<number, FreshRecord> | undefined;
  private readonly byId = new Map<number, FreshRecord>();
  private readonly ownersListed = new Map<number, FreshContact[]>();
  private everyContact: FreshContact[] | undefined;
  private everyContactByOwner: Map<number, FreshContact[]> | undefined;
  private readonly requestsAtStart: number;
  /** A name filter the server answered as if it was not sent. */
  private filterIgnored = false;

  constructor(
    private readonly client: SyncroClient,
    private readonly known: KnownSizes,
  ) {
    this.requestsAtStart = client.http.requestsSent;
  }

  /** HTTP requests these reads have cost so far. */
  get requests(): number {
    return this.client.http.requestsSent - this.requestsAtStart;
  }

  /**
   * Every customer (disabled ones included), when listing them takes at most
   * `maxPages` pages; undefined when it would take more (then at most one
   * page was read to learn that).
   */
  async allCustomers(maxPages: number): Promise<FreshRecord[] | undefined> {
    if (this.everyCustomer) return [...this.everyCustomer.values()];
    if (pagesFor(this.known.customers, CUSTOMERS_PER_PAGE) > maxPages) return undefined;
    const all = new Map<number, FreshRecord>();
    for await (const page of this.client.customerPages({ include_disabled: true })) {
      if (page.page === 1 && (page.meta?.total_pages ?? 1) > maxPages) return undefined;
      for (const c of page.items) all.set(c.id, c);
    }
    this.everyCustomer = all;
    return [...all.values()];
  }

  /**
   * Customers matching a list filter (the caller decides what matches:
   * Syncro's filters are "like"). A filter the server ignores — known from
   * the client's profile, or seen here as a record that does not contain the
   * value — is not asked again: the whole list is read once and serves every
   * later look-up.
   */
  async customersWhere(query: Record<string, string>): Promise<FreshRecord[]> {
    const [field, value] = Object.entries(query)[0] ?? [];
    if (field === undefined || value === undefined) return [];
    if (this.lookupsIgnored) return this.wholeList();
    const out: FreshRecord[] = [];
    for await (const c of this.client.customers({ [field]: value, include_disabled: true })) {
      const record: FreshRecord = c;
      if (!contains(record[field], value)) {
        this.filterIgnored = true;
        return this.wholeList();
      }
      out.push(record);
    }
    return out;
  }

  /** True once a look-up filter is known to be ignored: look-ups then cost a full list each, so list once instead. */
  get lookupsIgnored(): boolean {
    return this.filterIgnored || this.client.profile?.filters?.['customers.email'] === 'ignored';
  }

  private async wholeList(): Promise<FreshRecord[]> {
    return (await this.allCustomers(Number.POSITIVE_INFINITY)) ?? [];
  }

  /** The customers with these ids that still exist (100 per id[] page; from the full list when it was read). */
  async customersById(ids: number[]): Promise<Map<number, FreshRecord>> {
    const out = new Map<number, FreshRecord>();
    const missing: number[] = [];
    for (const id of ids) {
      const known = this.everyCustomer?.get(id) ?? this.byId.get(id);
      if (known) out.set(id, known);
      else if (!this.everyCustomer) missing.push(id);
    }
    for (let i = 0; i < missing.length; i += CUSTOMERS_PER_PAGE) {
      const chunk = missing.slice(i, i + CUSTOMERS_PER_PAGE);
      for await (const c of this.client.customers({ id: chunk, include_disabled: true })) {
        this.byId.set(c.id, c);
        out.set(c.id, c);
      }
    }
    return out;
  }

  /**
   * Reads the contacts of these customers: all contacts at once when that is
   * no more pages than one listing per owner plus `extraBudget` (calls worth
   * spending to see every contact, e.g. for account-wide email checks).
   */
  async loadContacts(owners: number[], extraBudget = 0): Promise<void> {
    const todo = owners.filter((o) => !this.ownersListed.has(o));
    if (this.everyContact || (todo.length === 0 && extraBudget === 0)) return;
    const allPages = pagesFor(this.known.contacts, CONTACTS_PER_PAGE);
    if (allPages <= todo.length + extraBudget) {
      const all: FreshContact[] = [];
      const byOwner = new Map<number, FreshContact[]>();
      for await (const k of this.client.contacts()) {
        const contact: FreshContact = k;
        all.push(contact);
        if (typeof contact.customer_id !== 'number') continue; // a vendor contact: no customer's
        const list = byOwner.get(contact.customer_id);
        if (list) list.push(contact);
        else byOwner.set(contact.customer_id, [contact]);
      }
      this.everyContact = all;
      this.everyContactByOwner = byOwner;
      return;
    }
    for (const [i, owner] of todo.entries()) {
      // The customer_id filter ignored (a profile, or the client noticed): each owner would cost a full list.
      if (this.client.profile?.filters?.['contacts.customer_id'] === 'ignored')
        return this.loadContacts(todo.slice(i), Number.POSITIVE_INFINITY);
      const list: FreshContact[] = [];
      for await (const k of this.client.contacts(owner)) list.push(k);
      this.ownersListed.set(owner, list);
    }
  }

  /** A customer's contacts as read by loadContacts; undefined when they were not read. */
  contactsOf(owner: number): FreshContact[] | undefined {
    return this.everyContactByOwner ? (this.everyContactByOwner.get(owner) ?? []) : this.ownersListed.get(owner);
  }

  /** Every contact, when loadContacts read them all. */
  allContacts(): FreshContact[] | undefined {
    return this.everyContact;
  }

  /** Every contact read, by id (for the stale check). */
  contactsById(): Map<number, FreshContact> {
    const out = new Map<number, FreshContact>();
    for (const k of this.everyContact ?? [...this.ownersListed.values()].flat()) out.set(k.id, k);
    return out;
  }
}

/** Syncro's "like": the value, case aside, somewhere in the field. */
function contains(field: unknown, value: string): boolean {
  return typeof field === 'string' && field.toLowerCase().includes(value.trim().toLowerCase());
}

function pagesFor(count: number, perPage: number): number {
  return Math.max(1, Math.ceil(count / perPage));
}
