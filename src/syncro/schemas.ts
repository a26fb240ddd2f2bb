/**
 * What we rely on in Syncro's answers, checked on every answer: a list holds
 * its list key (an array of records), a record has an id, and a record that
 * hangs off a customer says which (or null). Anything else a record carries
 * passes through untouched; `null` and `""` are accepted where a value may be
 * missing. An answer that fails is an API_BAD_ANSWER naming the URL and what
 * came back (never the key): read as "nothing", it would plan a whole account
 * as new.
 */
import { z } from 'zod';
import { SyncroApiError } from './errors.js';
import { RESOURCES } from './types.js';
import type { ListMeta, ResourceName } from './types.js';

const id = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);
/** A record's customer: a positive id, or null (vendor contacts; `""` and a missing key read as null). */
const ownerId = z
  .union([id, z.null(), z.literal('')])
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

const plain = z.looseObject({ id });
const owned = z.looseObject({ id, customer_id: ownerId });

export const RECORD_SCHEMAS: Record<ResourceName, z.ZodType<Record<string, unknown> & { id: number }>> = {
  customers: plain,
  contacts: owned,
  tickets: owned,
  customer_assets: owned,
  invoices: owned,
};

/** The common case without zod's copy: a positive integer id (and customer_id a number or null). */
function plainlyValid(resource: ResourceName, item: unknown): item is Record<string, unknown> & { id: number } {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return false;
  const r = item as Record<string, unknown>;
  if (typeof r.id !== 'number' || !Number.isInteger(r.id) || r.id <= 0) return false;
  if (resource === 'customers') return true;
  return r.customer_id === null || (typeof r.customer_id === 'number' && Number.isInteger(r.customer_id) && r.customer_id > 0);
}

const meta = z
  .looseObject({ total_pages: z.coerce.number().int().min(0).optional(), page: z.coerce.number().optional() })
  .nullish()
  .catch(undefined);

/** Where an answer came from, for the error message. */
export interface AnswerSource {
  method: string;
  url: string;
  apiKey: string;
}

/** The first 200 characters of a body, on one line, with the key (should a server echo it) masked. */
export function excerpt(body: unknown, apiKey: string): string {
  let text: string;
  try {
    text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
  } catch {
    text = String(body);
  }
  if (apiKey) text = text.split(apiKey).join('[key]');
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || '(empty)';
}

/** The URL as shown in messages: any `api_key` parameter masked. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.searchParams.has('api_key')) u.searchParams.set('api_key', '[key]');
    return decodeURI(u.href);
  } catch {
    return url;
  }
}

export function badAnswer(src: AnswerSource, what: string, body: unknown): SyncroApiError {
  return new SyncroApiError({
    code: 'API_BAD_ANSWER',
    status: 200,
    method: src.method,
    path: shownUrl(src.url),
    syncroMessage: `${what}; it answered: ${excerpt(body, src.apiKey)}`,
  });
}

/** The records of one list page, each checked; throws API_BAD_ANSWER when the page is not a list of records. */
export function parseListPage<T>(resource: ResourceName, body: unknown, src: AnswerSource): { items: T[]; meta?: ListMeta } {
  const listKey = RESOURCES[resource].listKey;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badAnswer(src, `expected a JSON object with a "${listKey}" list`, body);
  const raw = (body as Record<string, unknown>)[listKey];
  if (!Array.isArray(raw)) throw badAnswer(src, `the answer has no "${listKey}" list`, body);
  const schema = RECORD_SCHEMAS[resource];
  const items: T[] = [];
  for (const [i, item] of raw.entries()) {
    if (plainlyValid(resource, item)) {
      items.push(item as T);
      continue;
    }
    const parsed = schema.safeParse(item);
    if (!parsed.success) throw badAnswer(src, `${listKey}[${i}] is not a record with an id${ownerHint(resource)}`, item);
    items.push(parsed.data as T);
  }
  const m = meta.parse((body as Record<string, unknown>).meta);
  return m && typeof m.total_pages === 'number' ? { items, meta: m as unknown as ListMeta } : { items };
}

/** One record, wrapped (`{"asset": …}`) or not; throws API_BAD_ANSWER when neither holds a record with an id. */
/** The key a single record may come wrapped in (contacts: documented flat, accepted wrapped too). */
const WRAP_KEYS: Record<ResourceName, string> = {
  customers: 'customer',
  contacts: 'contact',
  tickets: 'ticket',
  customer_assets: 'asset',
  invoices: 'invoice',
};

export function parseSingle<T>(resource: ResourceName, body: unknown, src: AnswerSource): T {
  const itemKey = WRAP_KEYS[resource];
  const schema = RECORD_SCHEMAS[resource];
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const wrapped = itemKey ? (body as Record<string, unknown>)[itemKey] : undefined;
    if (wrapped && typeof wrapped === 'object') {
      if (plainlyValid(resource, wrapped)) return wrapped as T;
      const parsed = schema.safeParse(wrapped);
      if (parsed.success) return parsed.data as T;
    }
    if (plainlyValid(resource, body)) return body as T;
    const flat = schema.safeParse(body);
    if (flat.success) return flat.data as T;
  }
  throw badAnswer(
    src,
    `expected one ${resource} record with an id${itemKey ? ` (flat or under "${itemKey}")` : ''}${ownerHint(resource)}`,
    body,
  );
}

function ownerHint(resource: ResourceName): string {
  return resource === 'customers' ? '' : ' and a customer_id (a number or null)';
}
