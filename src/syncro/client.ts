/**
 * Typed Syncro endpoints over one SyncroHttp (and so one limiter). Every
 * answer is checked (schemas.ts); single records are taken wrapped or flat;
 * filtered lists are verified (filters.ts); creates recover from lost answers
 * without ever taking a record that existed before (create-recovery.ts).
 */
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { isEtlError } from '../errors.js';
import type { QueryValue } from './http.js';
import { SyncroHttp } from './http.js';
import type { HttpClientOptions } from './http.js';
import { items, pages } from './paging.js';
import type { Page } from './paging.js';
import { verifiedItems } from './filters.js';
import type { FilterContext, ListFilter, VerifiedListOptions } from './filters.js';
import { emptyProfile, ServerProfileSchema } from './profile.js';
import type { ServerProfile } from './profile.js';
import { badAnswer, parseSingle } from './schemas.js';
import type {
  ResourceName,
  SyncroAsset,
  SyncroContact,
  SyncroCustomer,
  SyncroInvoice,
  SyncroListedContact,
  SyncroTicket,
} from './types.js';
import { RESOURCES } from './types.js';
import { createWithRecovery, findCreatedContact, findCreatedCustomer } from './create-recovery.js';
import type { CreateResult, CreateWindow, RecoveryOptions } from './create-recovery.js';
import { ReadLog } from './read-log.js';

export interface CustomerQuery {
  query?: string;
  email?: string;
  business_name?: string;
  firstname?: string;
  lastname?: string;
  id?: number[];
  not_id?: number[];
  include_disabled?: boolean;
  sort?: string;
}

export type LinkedResource = 'tickets' | 'customer_assets' | 'invoices';
export interface LinkedRecordTypes {
  tickets: SyncroTicket;
  customer_assets: SyncroAsset;
  invoices: SyncroInvoice;
}

export type DeleteResult = { deleted: true } | { deleted: false; alreadyAbsent: true };

export interface ClientExtras {
  /** What `doctor` found on this account (a filter known to be ignored is never sent). */
  profile?: ServerProfile;
  /** Pages read at most when a filter is ignored and the full list is filtered here (default 2000). */
  fullListMaxPages?: number;
  events?: EventSink;
}

export class SyncroClient {
  readonly http: SyncroHttp;
  /** What is known of the server: the given profile, plus what this client found out (filters seen ignored). */
  readonly profile: ServerProfile;
  private readonly filterCtx: FilterContext;
  private readonly reads = new ReadLog();

  constructor(options: (HttpClientOptions & ClientExtras) | SyncroHttp, extras: ClientExtras = {}) {
    const all = options instanceof SyncroHttp ? extras : { ...options, ...extras };
    this.http = options instanceof SyncroHttp ? options : new SyncroHttp(options);
    this.profile = all.profile ? ServerProfileSchema.parse(structuredClone(all.profile)) : emptyProfile();
    this.filterCtx = {
      http: this.http,
      events: all.events ?? (options instanceof SyncroHttp ? silentSink : (options.events ?? silentSink)),
      profile: this.profile,
      fullListMaxPages: all.fullListMaxPages ?? 2000,
      getOne: (resource, id) => this.getOne(resource, id),
      fullLists: new Map(),
    };
  }

  /** Checks the key: resolves with the user, or throws API_UNAUTHORIZED. */
  async me(): Promise<Record<string, unknown>> {
    const res = await this.http.request<unknown>('GET', 'me');
    if (!res.body || typeof res.body !== 'object' || Array.isArray(res.body))
      throw badAnswer({ method: 'GET', url: res.url, apiKey: this.http.apiKey }, 'expected a JSON object', res.body);
    return res.body as Record<string, unknown>;
  }

  // ---- customers
  /** Pages of customers; only unverifiable filters here (free text, names, include_disabled). For id[] or email use customers(). */
  customerPages(q: Omit<CustomerQuery, 'id' | 'email'> = {}): AsyncGenerator<Page<SyncroCustomer>> {
    return this.logPages('customers', pages<SyncroCustomer>(this.http, 'customers', customerQuery(q)));
  }
  /** Customers; an `id` or `email` filter is verified record by record. */
  customers(q: CustomerQuery = {}): AsyncGenerator<SyncroCustomer> {
    const { id, email, ...rest } = q;
    if (id !== undefined && id.length === 0) return empty();
    const filter: ListFilter | undefined = id ? { param: 'id', values: id } : email ? { param: 'email', value: email } : undefined;
    const restQuery = customerQuery(id && email ? { ...rest, email } : rest);
    const source = filter
      ? verifiedItems<SyncroCustomer>(this.filterCtx, 'customers', filter, restQuery)
      : items<SyncroCustomer>(this.http, 'customers', restQuery);
    return this.logItems('customers', source);
  }
  getCustomer(id: number): Promise<SyncroCustomer> {
    return this.getOne<SyncroCustomer>('customers', id);
  }
  createCustomer(body: Record<string, unknown>, options: RecoveryOptions = {}): Promise<CreateResult<SyncroCustomer>> {
    return createWithRecovery(
      async () => this.single<SyncroCustomer>('customers', await this.http.request('POST', 'customers', { body })),
      (window) => findCreatedCustomer(this, body, window),
      this.openWindow('customers', options),
    );
  }
  async updateCustomer(id: number, body: Record<string, unknown>): Promise<SyncroCustomer> {
    return this.single<SyncroCustomer>('customers', await this.http.request('PUT', `customers/${id}`, { body }));
  }
  deleteCustomer(id: number): Promise<DeleteResult> {
    return this.delete(`customers/${id}`);
  }

  // ---- contacts (customer_id null: a vendor contact, owned by no customer)
  /** Every contact, vendor contacts (customer_id null) included. */
  contactPages(): AsyncGenerator<Page<SyncroListedContact>> {
    return this.logPages('contacts', pages<SyncroListedContact>(this.http, 'contacts'));
  }
  /** One customer's contacts (that filter verified record by record), or every contact, vendor contacts included. */
  contacts(customerId: number): AsyncGenerator<SyncroContact>;
  contacts(): AsyncGenerator<SyncroListedContact>;
  contacts(customerId?: number): AsyncGenerator<SyncroListedContact> {
    const source =
      customerId === undefined
        ? items<SyncroListedContact>(this.http, 'contacts')
        : verifiedItems<SyncroContact>(this.filterCtx, 'contacts', { param: 'customer_id', value: customerId });
    return this.logItems('contacts', source);
  }
  /** One contact; customer_id null for a vendor contact. */
  getContact(id: number): Promise<SyncroListedContact> {
    return this.getOne<SyncroListedContact>('contacts', id);
  }
  createContact(body: Record<string, unknown>, options: RecoveryOptions = {}): Promise<CreateResult<SyncroContact>> {
    return createWithRecovery(
      async () => this.single<SyncroContact>('contacts', await this.http.request('POST', 'contacts', { body })),
      (window) => findCreatedContact(this, body, window),
      this.openWindow('contacts', options),
    );
  }
  async updateContact(id: number, body: Record<string, unknown>): Promise<SyncroContact> {
    return this.single<SyncroContact>('contacts', await this.http.request('PUT', `contacts/${id}`, { body }));
  }
  deleteContact(id: number): Promise<DeleteResult> {
    return this.delete(`contacts/${id}`);
  }

  // ---- records that hang off a customer (tickets, assets, invoices)
  /** One customer's records; the customer_id filter verified record by record (`maxAgeMs`: see VerifiedListOptions). */
  linked<R extends LinkedResource>(
    resource: R,
    customerId: number,
    options: VerifiedListOptions = {},
  ): AsyncGenerator<LinkedRecordTypes[R]> {
    return verifiedItems<LinkedRecordTypes[R]>(this.filterCtx, resource, { param: 'customer_id', value: customerId }, {}, options);
  }
  getLinked<R extends LinkedResource>(resource: R, id: number): Promise<LinkedRecordTypes[R]> {
    return this.getOne<LinkedRecordTypes[R]>(resource, id);
  }
  async updateLinked<R extends LinkedResource>(resource: R, id: number, body: Record<string, unknown>): Promise<LinkedRecordTypes[R]> {
    return this.single<LinkedRecordTypes[R]>(resource, await this.http.request('PUT', `${RESOURCES[resource].path}/${id}`, { body }));
  }

  /** Generic list for any resource (exports, snapshots); no filter verification. */
  list<T extends { id: number }>(resource: ResourceName, query: Record<string, QueryValue> = {}): AsyncGenerator<Page<T>> {
    return pages<T>(this.http, resource, query);
  }

  // ---- what this client has read (for create recovery)
  /** True when this client read the record before `readSeq` (so it existed then). */
  readBefore(resource: 'customers' | 'contacts', id: number, readSeq: number | undefined): boolean {
    return readSeq !== undefined && this.reads.readBefore(resource, id, readSeq);
  }

  private openWindow(resource: 'customers' | 'contacts', options: RecoveryOptions): CreateWindow {
    return { ...options, startedAt: Date.now(), readSeq: this.reads.seq, maxIdRead: this.reads.maxId(resource) };
  }

  private async getOne<T = Record<string, unknown> & { id: number }>(resource: ResourceName, id: number): Promise<T> {
    return this.single<T>(resource, await this.http.request('GET', `${RESOURCES[resource].path}/${id}`));
  }

  private single<T>(resource: ResourceName, res: { body: unknown; url: string }): T {
    const record = parseSingle<T & { id: number }>(resource, res.body, { method: 'answer to', url: res.url, apiKey: this.http.apiKey });
    if (resource === 'customers' || resource === 'contacts') this.reads.note(resource, [record]);
    return record;
  }

  private async *logPages<T extends { id: number }>(
    resource: 'customers' | 'contacts',
    source: AsyncGenerator<Page<T>>,
  ): AsyncGenerator<Page<T>> {
    for await (const page of source) {
      this.reads.note(resource, page.items);
      yield page;
    }
  }

  private async *logItems<T extends { id: number }>(resource: 'customers' | 'contacts', source: AsyncGenerator<T>): AsyncGenerator<T> {
    for await (const item of source) {
      this.reads.note(resource, [item]);
      yield item;
    }
  }

  private async delete(path: string): Promise<DeleteResult> {
    try {
      await this.http.request('DELETE', path);
      return { deleted: true };
    } catch (err) {
      // A retried DELETE whose first answer was lost finds the record gone: that is success.
      if (isEtlError(err, 'API_NOT_FOUND')) return { deleted: false, alreadyAbsent: true };
      throw err;
    }
  }
}

async function* empty<T>(): AsyncGenerator<T> {}

function customerQuery(q: Omit<CustomerQuery, 'id'> & { id?: number[] }): Record<string, QueryValue> {
  return {
    query: q.query,
    email: q.email,
    business_name: q.business_name,
    firstname: q.firstname,
    lastname: q.lastname,
    id: q.id,
    not_id: q.not_id,
    include_disabled: q.include_disabled === undefined ? undefined : String(q.include_disabled),
    sort: q.sort,
  };
}
