/**
 * Typed Syncro endpoints over one SyncroHttp (and so one limiter). Writes
 * return the record Syncro answered with; creates recover from lost answers
 * (see create-recovery.ts).
 */
import type { QueryValue } from './http.js';
import { SyncroHttp } from './http.js';
import type { HttpClientOptions } from './http.js';
import { isEtlError } from '../errors.js';
import { items, pages } from './paging.js';
import type { Page } from './paging.js';
import { RESOURCES } from './types.js';
import type { ResourceName, SyncroAsset, SyncroContact, SyncroCustomer, SyncroInvoice, SyncroTicket } from './types.js';
import { createWithRecovery, findCreatedContact, findCreatedCustomer } from './create-recovery.js';
import type { CreateResult } from './create-recovery.js';

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

export class SyncroClient {
  readonly http: SyncroHttp;

  constructor(options: HttpClientOptions | SyncroHttp) {
    this.http = options instanceof SyncroHttp ? options : new SyncroHttp(options);
  }

  /** Checks the key: resolves with the user, or throws API_UNAUTHORIZED. */
  async me(): Promise<Record<string, unknown>> {
    return (await this.http.request<Record<string, unknown>>('GET', 'me')).body;
  }

  // ---- customers
  customerPages(q: CustomerQuery = {}): AsyncGenerator<Page<SyncroCustomer>> {
    return pages<SyncroCustomer>(this.http, 'customers', 'customers', customerQuery(q));
  }
  customers(q: CustomerQuery = {}): AsyncGenerator<SyncroCustomer> {
    return items<SyncroCustomer>(this.http, 'customers', 'customers', customerQuery(q));
  }
  async getCustomer(id: number): Promise<SyncroCustomer> {
    return (await this.http.request<{ customer: SyncroCustomer }>('GET', `customers/${id}`)).body.customer;
  }
  async createCustomer(body: Record<string, unknown>): Promise<CreateResult<SyncroCustomer>> {
    return createWithRecovery(
      async () => (await this.http.request<{ customer: SyncroCustomer }>('POST', 'customers', { body })).body.customer,
      () => findCreatedCustomer(this, body),
    );
  }
  async updateCustomer(id: number, body: Record<string, unknown>): Promise<SyncroCustomer> {
    return (await this.http.request<{ customer: SyncroCustomer }>('PUT', `customers/${id}`, { body })).body.customer;
  }
  deleteCustomer(id: number): Promise<DeleteResult> {
    return this.delete(`customers/${id}`);
  }

  // ---- contacts
  contactPages(customerId?: number): AsyncGenerator<Page<SyncroContact>> {
    return pages<SyncroContact>(this.http, 'contacts', 'contacts', customerId === undefined ? {} : { customer_id: customerId });
  }
  contacts(customerId?: number): AsyncGenerator<SyncroContact> {
    return items<SyncroContact>(this.http, 'contacts', 'contacts', customerId === undefined ? {} : { customer_id: customerId });
  }
  async getContact(id: number): Promise<SyncroContact> {
    return (await this.http.request<SyncroContact>('GET', `contacts/${id}`)).body;
  }
  async createContact(body: Record<string, unknown>): Promise<CreateResult<SyncroContact>> {
    return createWithRecovery(
      async () => (await this.http.request<SyncroContact>('POST', 'contacts', { body })).body,
      () => findCreatedContact(this, body),
    );
  }
  async updateContact(id: number, body: Record<string, unknown>): Promise<SyncroContact> {
    return (await this.http.request<SyncroContact>('PUT', `contacts/${id}`, { body })).body;
  }
  deleteContact(id: number): Promise<DeleteResult> {
    return this.delete(`contacts/${id}`);
  }

  // ---- records that hang off a customer (tickets, assets, invoices)
  linked<R extends LinkedResource>(resource: R, customerId: number): AsyncGenerator<LinkedRecordTypes[R]> {
    const r = RESOURCES[resource];
    return items<LinkedRecordTypes[R]>(this.http, r.path, r.listKey, { customer_id: customerId });
  }
  async updateLinked<R extends LinkedResource>(resource: R, id: number, body: Record<string, unknown>): Promise<LinkedRecordTypes[R]> {
    const r = RESOURCES[resource];
    const res = await this.http.request<Record<string, unknown>>('PUT', `${r.path}/${id}`, { body });
    return res.body[r.itemKey] as LinkedRecordTypes[R];
  }

  /** Generic list for any resource (exports, snapshots). */
  list<T>(resource: ResourceName, query: Record<string, QueryValue> = {}): AsyncGenerator<Page<T>> {
    const r = RESOURCES[resource];
    return pages<T>(this.http, r.path, r.listKey, query);
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

function customerQuery(q: CustomerQuery): Record<string, QueryValue> {
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
