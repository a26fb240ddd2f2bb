/**
 * Plays the switches of variants.ts around the resource handlers: the request
 * is reshaped before routing (filters dropped, fields dropped, phones reduced
 * to digits, a required field checked) and the answer after (a background
 * touch of `updated_at`, HTML or meta-less lists, flat or wrapped singles).
 * The handlers themselves stay the README's default behaviour.
 */
import { NOT_FOUND, unprocessable } from './api.js';
import type { ApiResult } from './api.js';
import { digitsOnly } from './fields.js';
import type { Params } from './params.js';
import type { SandboxStore, TableName } from './store.js';
import { parseVariants } from './variants.js';
import type { SandboxVariants, VariantResource } from './variants.js';

const TABLE_OF: Record<VariantResource, TableName> = {
  customers: 'customers',
  contacts: 'contacts',
  tickets: 'tickets',
  customer_assets: 'assets',
  invoices: 'invoices',
};
const ITEM_KEY: Record<VariantResource, string> = {
  customers: 'customer',
  contacts: 'contact',
  tickets: 'ticket',
  customer_assets: 'asset',
  invoices: 'invoice',
};

/** What a maintenance page behind a proxy looks like: status 200, not JSON. */
export const MAINTENANCE_HTML =
  '<!DOCTYPE html>\n<html><head><title>Down for maintenance</title></head>' +
  '<body><h1>We will be right back</h1><p>Syncro is down for scheduled maintenance.</p></body></html>\n';

function resourceIn(segments: readonly string[]): VariantResource | undefined {
  const first = segments[0];
  return first !== undefined && first in TABLE_OF ? (first as VariantResource) : undefined;
}

const isPut = (method: string) => method === 'PUT' || method === 'PATCH';
const fieldsOf = (refs: readonly string[] | undefined, resource: string): string[] =>
  (refs ?? []).filter((r) => r.startsWith(`${resource}.`)).map((r) => r.slice(resource.length + 1));

/** Params after the request-side switches, or an early answer (a 422 for a missing required field). */
export function variantRequest(
  v: SandboxVariants,
  method: string,
  segments: readonly string[],
  params: Params,
  store: SandboxStore,
): { params: Params; early?: ApiResult } {
  const resource = resourceIn(segments);
  if (!resource) return { params };
  const out: Params = { ...params };
  if (method === 'GET' && segments.length === 1) {
    for (const filter of v.ignoreFilters ?? []) {
      const [r, key = ''] = filter.split('.');
      if (r === resource) delete out[key];
    }
    return { params: out };
  }
  if (method !== 'POST' && !isPut(method)) return { params: out };
  for (const field of fieldsOf(v.ignoredFields, resource)) delete out[field];
  if ((v.digitPhones as readonly string[] | undefined)?.includes(resource)) {
    for (const key of ['phone', 'mobile']) if (typeof out[key] === 'string') out[key] = digitsOnly(out[key]) ?? '';
  }
  if (isPut(method) && segments.length === 2) {
    const missing = fieldsOf(v.requiredOnPut, resource).filter(
      (f) => out[f] === undefined || out[f] === null || String(out[f]).trim() === '',
    );
    if (missing.length > 0) {
      if (!store.exists(TABLE_OF[resource], Number(segments[1]))) return { params: out, early: NOT_FOUND };
      const messages = missing.map((f) => `${f[0]?.toUpperCase()}${f.slice(1).replace(/_/g, ' ')} can't be blank`);
      return { params: out, early: unprocessable(out, messages) };
    }
  }
  return { params: out };
}

function idInBody(body: unknown, itemKey: string): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const record = (typeof b[itemKey] === 'object' && b[itemKey] !== null ? b[itemKey] : b) as Record<string, unknown>;
  return typeof record.id === 'number' ? record.id : undefined;
}

/** The answer after the answer-side switches (and a background touch of what was written). */
export function variantAnswer(
  v: SandboxVariants,
  method: string,
  segments: readonly string[],
  result: ApiResult,
  store: SandboxStore,
): ApiResult {
  const resource = resourceIn(segments);
  if (!resource || result.status !== 200) return result;
  const itemKey = ITEM_KEY[resource];
  const touched = v.touchResources === undefined || v.touchResources.includes(resource);
  if ((v.touchUpdatedAtSeconds ?? 0) > 0 && touched && (method === 'POST' || isPut(method))) {
    const id = segments.length === 2 ? Number(segments[1]) : idInBody(result.body, itemKey);
    if (id !== undefined) store.touch(TABLE_OF[resource], id, (v.touchUpdatedAtSeconds ?? 0) * 1000);
  }
  if (method === 'GET' && segments.length === 1) {
    if (v.htmlLists?.includes(resource)) return { status: 200, body: MAINTENANCE_HTML, contentType: 'text/html; charset=utf-8' };
    if (v.listsWithoutMeta?.includes(resource)) {
      const { meta: _meta, ...rest } = result.body as Record<string, unknown>;
      return { ...result, body: rest };
    }
    return result;
  }
  if (method === 'DELETE') return result;
  const body = result.body as Record<string, unknown>;
  if (resource === 'contacts') return v.wrappedContacts ? { ...result, body: { contact: body } } : result;
  if ((v.flatSingles as readonly string[] | undefined)?.includes(resource) && itemKey in body) return { ...result, body: body[itemKey] };
  return result;
}

/** The switches in force; setting them adds the vendor contacts they ask for. */
export class VariantSwitches {
  private value: SandboxVariants;

  constructor(
    private readonly store: SandboxStore,
    initial: unknown,
  ) {
    this.value = parseVariants(initial);
  }

  get current(): SandboxVariants {
    return this.value;
  }

  /** Replaces every switch (unnamed ones go back to the default). */
  set(input: unknown): SandboxVariants {
    this.value = parseVariants(input);
    this.ensureVendorContacts();
    return this.value;
  }

  /** Adds vendor contacts (no customer) until the store holds `vendorContacts` of them. */
  ensureVendorContacts(): void {
    const wanted = this.value.vendorContacts ?? 0;
    const have = this.store.all('contacts').filter((r) => r.fields.customer_id === null || r.fields.customer_id === undefined).length;
    for (let i = have + 1; i <= wanted; i++) {
      this.store.insert('contacts', {
        customer_id: null,
        name: `Vendor Contact ${i}`,
        email: `vendor${i}@supplier.example`,
        vendor_id: i,
        properties: {},
      });
    }
  }
}
