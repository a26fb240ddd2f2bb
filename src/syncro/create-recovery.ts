/**
 * Never create a record twice, and never take someone else's record for ours.
 * When a create's answer is lost (timeout, reset, 5xx that may have been
 * stored), look the record up by what we sent before trying again; only when
 * it is not there is the POST repeated. A record found is ours only when
 * - its identifying fields agree with what we sent, compared as Syncro may
 *   store them (compare.ts: phone digits, email case, whitespace, name key);
 * - it did not exist before the POST: its id is not among the ids the caller
 *   knows (snapshot, journal) nor among those this client read before the
 *   POST, and its created_at is not earlier than the POST's start on the
 *   server's clock (estimated from the Date header) less a small tolerance.
 * Issue 14.3: the survivor of a merge has the same name and email as the
 * duplicate undo re-creates; it existed long before, so it is never taken.
 */
import type { CountryCode } from 'libphonenumber-js';
import { SyncroApiError } from './errors.js';
import { matchesIdentity } from './compare.js';
import type { SyncroContact, SyncroCustomer } from './types.js';

/**
 * The reads a look-up needs. SyncroClient has them; they are named here so
 * that client.ts can build on this file without the two importing each other.
 */
export interface RecoveryReads {
  customers(q: {
    email?: string;
    business_name?: string;
    firstname?: string;
    lastname?: string;
    include_disabled?: boolean;
    sort?: string;
  }): AsyncIterable<SyncroCustomer>;
  contacts(customerId: number): AsyncIterable<SyncroContact>;
  /** True when this client read the record before its read counter stood at `readSeq`. */
  readBefore(resource: 'customers' | 'contacts', id: number, readSeq: number | undefined): boolean;
  readonly http: { readonly serverClockOffsetMs: number | undefined };
}

export interface CreateResult<T> {
  record: T;
  /** True when the answer was lost and the record was found by lookup instead. */
  recovered: boolean;
  /** POSTs sent (1 unless answers were lost and the record was not found). */
  posts: number;
}

/** What the caller knows about records that existed before the create. */
export interface RecoveryOptions {
  /** Ids that existed before (snapshot, journal, the survivor of a merge): never taken as the created record. */
  knownIds?: ReadonlySet<number>;
  /** Country for reading phones without a country code. */
  country?: CountryCode;
}

/** When the create started, locally and in this client's own reads. */
export interface CreateWindow extends RecoveryOptions {
  /** Local time (ms) just before the first POST. */
  startedAt?: number;
  /** The client's read counter just before the first POST (ids first read later may be ours). */
  readSeq?: number;
  /** The highest id of the resource this client had read before the POST. */
  maxIdRead?: number;
}

/** Milliseconds a created_at may lie before the estimated POST start (Date-header resolution and latency). */
export const CREATED_AT_TOLERANCE_MS = 3_000;
/** The same when the server sent no Date header and its clock is unknown. */
export const UNKNOWN_CLOCK_TOLERANCE_MS = 10 * 60_000;

export async function createWithRecovery<T>(
  post: () => Promise<T>,
  find: (window: CreateWindow) => Promise<T | undefined>,
  window: CreateWindow,
  maxPosts = 5,
): Promise<CreateResult<T>> {
  for (let posts = 1; ; posts++) {
    try {
      return { record: await post(), recovered: false, posts };
    } catch (err) {
      if (!(err instanceof SyncroApiError) || !err.ambiguous) throw err;
      const found = await find(window);
      if (found) return { record: found, recovered: true, posts };
      if (posts >= maxPosts) throw err;
    }
  }
}

/** True when the record cannot have existed before the create started. */
export function isNewSince(
  client: RecoveryReads,
  resource: 'customers' | 'contacts',
  record: { id: number; created_at?: unknown },
  window: CreateWindow,
): boolean {
  if (window.knownIds?.has(record.id)) return false;
  if (client.readBefore(resource, record.id, window.readSeq)) return false;
  if (window.startedAt === undefined) return true;
  const created = typeof record.created_at === 'string' ? Date.parse(record.created_at) : NaN;
  if (Number.isNaN(created)) return window.maxIdRead !== undefined && record.id > window.maxIdRead; // Syncro's ids only grow
  const offset = client.http.serverClockOffsetMs;
  const notBefore =
    offset === undefined ? window.startedAt - UNKNOWN_CLOCK_TOLERANCE_MS : window.startedAt + offset - CREATED_AT_TOLERANCE_MS;
  return created >= notBefore;
}

/** Newest records carrying the looked-for values read at most. */
const LOOKUP_LIMIT = 500;
/**
 * Records read at most in all. The name filters (business_name, firstname,
 * lastname) and `sort` are not verified elsewhere: a server ignoring them
 * answers every customer, oldest first, and only records that carry the
 * values count towards LOOKUP_LIMIT. Past this, the look-up gives up with an
 * error rather than post again.
 */
const SCAN_LIMIT = 200_000;

/** The record carries every value of the look-up filter (Syncro's filters are case-insensitive "contains"). */
function carries(record: Record<string, unknown>, filter: Record<string, string | undefined>): boolean {
  return Object.entries(filter).every(
    ([k, v]) => v === undefined || (typeof record[k] === 'string' && (record[k] as string).toLowerCase().includes(v.toLowerCase())),
  );
}

function identityFilter(payload: Record<string, unknown>): {
  email?: string;
  business_name?: string;
  firstname?: string;
  lastname?: string;
} {
  const str = (k: string) => (typeof payload[k] === 'string' && (payload[k] as string).trim() ? (payload[k] as string).trim() : undefined);
  if (str('email')) return { email: str('email')! };
  if (str('business_name')) return { business_name: str('business_name')! };
  const out: { firstname?: string; lastname?: string } = {};
  if (str('firstname')) out.firstname = str('firstname')!;
  if (str('lastname')) out.lastname = str('lastname')!;
  return out;
}

/** The customer a create with this payload made, if it landed after the window opened. */
export async function findCreatedCustomer(
  client: RecoveryReads,
  payload: Record<string, unknown>,
  window: CreateWindow = {},
): Promise<SyncroCustomer | undefined> {
  const filter = identityFilter(payload);
  const candidates: SyncroCustomer[] = [];
  let relevant = 0;
  let read = 0;
  for await (const c of client.customers({ ...filter, include_disabled: true, sort: 'id DESC' })) {
    if (matchesIdentity(c, payload, window.country) && isNewSince(client, 'customers', c, window)) candidates.push(c);
    if (carries(c, filter) && ++relevant >= LOOKUP_LIMIT) break;
    if (++read >= SCAN_LIMIT && !candidates.length)
      throw new SyncroApiError({
        code: 'API_BAD_ANSWER',
        status: 200,
        method: 'GET',
        path: 'customers',
        syncroMessage: `looking for a created customer whose answer was lost, ${read} customers were read without the filter (${Object.keys(filter).join(', ')}) narrowing them; not posted again`,
      });
  }
  return lowestId(candidates);
}

/** The contact a create with this payload made, if it landed after the window opened. */
export async function findCreatedContact(
  client: RecoveryReads,
  payload: Record<string, unknown>,
  window: CreateWindow = {},
): Promise<SyncroContact | undefined> {
  const customerId = Number(payload.customer_id);
  if (!Number.isInteger(customerId)) return undefined;
  const candidates: SyncroContact[] = [];
  for await (const c of client.contacts(customerId)) {
    if (matchesIdentity(c, payload, window.country) && isNewSince(client, 'contacts', c, window)) candidates.push(c);
  }
  return lowestId(candidates);
}

/** The earliest of several matches: our first POST, should two have landed. */
function lowestId<T extends { id: number }>(records: T[]): T | undefined {
  return records.reduce<T | undefined>((best, r) => (!best || r.id < best.id ? r : best), undefined);
}
