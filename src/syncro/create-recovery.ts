/**
 * Never create a record twice. When a create's answer is lost (timeout,
 * reset, 5xx that may have been stored), look the record up by what we sent
 * before trying again; only when it is not there is the POST repeated.
 */
import { SyncroApiError } from './errors.js';
import type { SyncroClient } from './client.js';
import type { SyncroContact, SyncroCustomer } from './types.js';

export interface CreateResult<T> {
  record: T;
  /** True when the answer was lost and the record was found by lookup instead. */
  recovered: boolean;
  /** POSTs sent (1 unless answers were lost and the record was not found). */
  posts: number;
}

export async function createWithRecovery<T>(
  post: () => Promise<T>,
  find: () => Promise<T | undefined>,
  maxPosts = 5,
): Promise<CreateResult<T>> {
  for (let posts = 1; ; posts++) {
    try {
      return { record: await post(), recovered: false, posts };
    } catch (err) {
      if (!(err instanceof SyncroApiError) || !err.ambiguous) throw err;
      const found = await find();
      if (found) return { record: found, recovered: true, posts };
      if (posts >= maxPosts) throw err;
    }
  }
}

/** Lowercased, trimmed text for comparing what we sent with what Syncro stored. */
function norm(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim().toLowerCase();
}

/** Every scalar field we sent is what the record holds (properties compared key by key). */
export function recordMatchesPayload(record: Record<string, unknown>, payload: Record<string, unknown>): boolean {
  for (const [key, sent] of Object.entries(payload)) {
    if (sent === undefined || key === 'api_key') continue;
    if (key === 'properties' && sent && typeof sent === 'object') {
      const stored = (record.properties ?? {}) as Record<string, unknown>;
      for (const [pk, pv] of Object.entries(sent)) if (norm(stored[pk]) !== norm(pv)) return false;
      continue;
    }
    if (key === 'title') {
      const stored = ((record.properties ?? {}) as Record<string, unknown>).title ?? record.title;
      if (norm(stored) !== norm(sent)) return false;
      continue;
    }
    if (!(key in record)) continue; // write-only fields Syncro does not echo
    if (typeof sent === 'boolean') {
      if (Boolean(record[key]) !== sent) return false;
    } else if (norm(record[key]) !== norm(sent)) return false;
  }
  return true;
}

const LOOKUP_PAGES = 5;

export async function findCreatedCustomer(client: SyncroClient, payload: Record<string, unknown>): Promise<SyncroCustomer | undefined> {
  const str = (k: string) => (typeof payload[k] === 'string' && (payload[k] as string).trim() ? (payload[k] as string).trim() : undefined);
  const filter = str('email')
    ? { email: str('email') }
    : str('business_name')
      ? { business_name: str('business_name') }
      : { firstname: str('firstname'), lastname: str('lastname') };
  let best: SyncroCustomer | undefined;
  let seen = 0;
  for await (const page of client.customerPages({ ...filter, include_disabled: true, sort: 'id DESC' })) {
    for (const c of page.items) {
      if (recordMatchesPayload(c as unknown as Record<string, unknown>, payload) && (!best || c.id > best.id)) best = c;
    }
    if (++seen >= LOOKUP_PAGES) break;
  }
  return best;
}

export async function findCreatedContact(client: SyncroClient, payload: Record<string, unknown>): Promise<SyncroContact | undefined> {
  const customerId = Number(payload.customer_id);
  if (!Number.isInteger(customerId)) return undefined;
  let best: SyncroContact | undefined;
  for await (const c of client.contacts(customerId)) {
    if (recordMatchesPayload(c as unknown as Record<string, unknown>, payload) && (!best || c.id > best.id)) best = c;
  }
  return best;
}
