/**
 * Filtered lists, verified rather than trusted. Every record of a filtered
 * answer must satisfy the filter; a record that does not means the server
 * ignores it (Syncro does not document `customer_id` on invoices, for one).
 * Then, once per filter and client, a warning is emitted and the list is
 * read the safe way: per-record GETs for `id[]`, the full list filtered
 * locally (bounded) for `customer_id`. `email` (a "like" that may match
 * more) drops what does not match and reads on. A profile that already says
 * "ignored" goes the safe way from the start.
 */
import type { EventSink } from '../events.js';
import { isEtlError } from '../errors.js';
import { SyncroApiError } from './errors.js';
import type { QueryValue, SyncroHttp } from './http.js';
import { pages } from './paging.js';
import type { FilterKey, ServerProfile } from './profile.js';
import type { ResourceName } from './types.js';

export type ListFilter = { param: 'customer_id'; value: number } | { param: 'id'; values: number[] } | { param: 'email'; value: string };

export interface FilterContext {
  http: SyncroHttp;
  events: EventSink;
  /** What is known of the server; a filter found ignored is recorded here. */
  profile: ServerProfile;
  /** Pages read at most for a full list filtered locally. */
  fullListMaxPages: number;
  /** One record by id, or undefined when it does not exist. */
  getOne: (resource: ResourceName, id: number) => Promise<Record<string, unknown> & { id: number }>;
  /** Full lists read the safe way, kept for callers that accept an answer up to `maxAgeMs` old. */
  fullLists: Map<string, { at: number; records: Array<Record<string, unknown> & { id: number }> }>;
}

export interface VerifiedListOptions {
  /**
   * When the filter is ignored, a full list read up to this long ago may
   * serve again (0: always read now). For read-only passes over many
   * customers (the audit), never for a merge's last look.
   */
  maxAgeMs?: number;
}

/** Does the record satisfy the filter (email: case-insensitive "contains", as Syncro's "like")? */
export function satisfies(record: Record<string, unknown>, filter: ListFilter): boolean {
  switch (filter.param) {
    case 'customer_id':
      return record.customer_id === filter.value;
    case 'id':
      return filter.values.includes(record.id as number);
    case 'email':
      return typeof record.email === 'string' && record.email.toLowerCase().includes(filter.value.trim().toLowerCase());
  }
}

function filterQuery(filter: ListFilter): Record<string, QueryValue> {
  return filter.param === 'id' ? { id: filter.values } : { [filter.param]: filter.value };
}

export async function* verifiedItems<T extends { id: number }>(
  ctx: FilterContext,
  resource: ResourceName,
  filter: ListFilter,
  rest: Record<string, QueryValue> = {},
  options: VerifiedListOptions = {},
): AsyncGenerator<T> {
  const key = `${resource}.${filter.param}` as FilterKey;
  if (filter.param === 'email' && ctx.profile.filters[key] !== 'ignored') {
    yield* emailFiltered<T>(ctx, resource, filter, rest);
    return;
  }
  const seen = new Set<number>();
  if (ctx.profile.filters[key] !== 'ignored') {
    let violated = false;
    outer: for await (const page of pages<T>(ctx.http, resource, { ...rest, ...filterQuery(filter) })) {
      const good = page.items.filter((r) => satisfies(r, filter));
      if (good.length < page.items.length) {
        violated = true;
        const stray = page.items.find((r) => !satisfies(r, filter))!;
        noteIgnored(ctx, key, resource, stray);
        break outer; // nothing of this page is yielded: the safe way below reads it again
      }
      for (const r of good) {
        seen.add(r.id);
        yield r;
      }
    }
    if (!violated) return;
  }
  yield* safeWay<T>(ctx, resource, filter, rest, seen, options.maxAgeMs ?? 0);
}

/**
 * Syncro's email filter is a "like" that might also match elsewhere (a
 * contact's email?): records that do not match are dropped here and paging
 * goes on — which, should the filter be ignored outright, reads the full
 * list (bounded) just as the safe way would, without a second pass.
 */
async function* emailFiltered<T extends { id: number }>(
  ctx: FilterContext,
  resource: ResourceName,
  filter: ListFilter,
  rest: Record<string, QueryValue>,
): AsyncGenerator<T> {
  let warned = false;
  for await (const page of pages<T>(ctx.http, resource, { ...rest, ...filterQuery(filter) })) {
    if (page.page > ctx.fullListMaxPages) throw tooLong(resource, filter, ctx.fullListMaxPages);
    for (const r of page.items) {
      if (satisfies(r, filter)) yield r;
      else if (!warned) {
        warned = true;
        ctx.events({
          type: 'notice',
          level: 'warn',
          message: `Syncro's email filter on ${resource} answered ${resource} #${r.id}, whose email does not contain the one asked for; such records are left out here.`,
        });
      }
    }
  }
}

function tooLong(resource: ResourceName, filter: ListFilter, max: number): SyncroApiError {
  return new SyncroApiError({
    code: 'API_BAD_ANSWER',
    status: 200,
    method: 'GET',
    path: resource,
    syncroMessage: `the ${filter.param} filter is not applied and the list is longer than ${max} pages, the most read to filter it here`,
  });
}

function noteIgnored(ctx: FilterContext, key: FilterKey, resource: ResourceName, stray: { id: number } & Record<string, unknown>): void {
  if (ctx.profile.filters[key] === 'ignored') return;
  ctx.profile.filters[key] = 'ignored';
  const param = key.split('.')[1];
  const how = param === 'id' ? 'reading each record by id instead' : 'reading the full list and filtering it here instead (slower)';
  const shown = param === 'id' ? '' : ` (${param}: ${JSON.stringify(stray[param!] ?? null)})`;
  ctx.events({
    type: 'notice',
    level: 'warn',
    message: `Syncro ignores the ${param} filter on ${resource}: it answered ${resource} #${stray.id}${shown}, which does not match; ${how}.`,
  });
}

async function* safeWay<T extends { id: number }>(
  ctx: FilterContext,
  resource: ResourceName,
  filter: ListFilter,
  rest: Record<string, QueryValue>,
  seen: Set<number>,
  maxAgeMs: number,
): AsyncGenerator<T> {
  if (filter.param === 'id') {
    for (const id of filter.values) {
      if (seen.has(id)) continue;
      try {
        yield (await ctx.getOne(resource, id)) as unknown as T;
      } catch (err) {
        if (!isEtlError(err, 'API_NOT_FOUND')) throw err;
      }
    }
    return;
  }
  const records = maxAgeMs > 0 ? await keptFullList(ctx, resource, rest, filter, maxAgeMs) : fullList<T>(ctx, resource, rest, filter);
  for await (const r of records) if (!seen.has(r.id) && satisfies(r, filter)) yield r as T;
}

async function keptFullList(
  ctx: FilterContext,
  resource: ResourceName,
  rest: Record<string, QueryValue>,
  filter: ListFilter,
  maxAgeMs: number,
) {
  const key = `${resource}?${JSON.stringify(rest)}`;
  const kept = ctx.fullLists.get(key);
  if (kept && Date.now() - kept.at <= maxAgeMs) return kept.records;
  const at = Date.now();
  const records: Array<Record<string, unknown> & { id: number }> = [];
  for await (const r of fullList(ctx, resource, rest, filter)) records.push(r);
  ctx.fullLists.set(key, { at, records });
  return records;
}

async function* fullList<T extends { id: number }>(
  ctx: FilterContext,
  resource: ResourceName,
  rest: Record<string, QueryValue>,
  filter: ListFilter,
): AsyncGenerator<T> {
  for await (const page of pages<T>(ctx.http, resource, rest)) {
    if (page.page > ctx.fullListMaxPages) throw tooLong(resource, filter, ctx.fullListMaxPages);
    yield* page.items;
  }
}
