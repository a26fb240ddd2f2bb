/**
 * Pages through a Syncro list, every page checked (schemas.ts). Stops at
 * `meta.total_pages` and also on an empty page (Syncro answers 200 `[]` past
 * the end), so a wrong or missing `meta` never stops short; a server that
 * ignores `page` (the same records again) is an API_BAD_ANSWER, never a loop.
 */
import type { QueryValue, SyncroHttp } from './http.js';
import { badAnswer, parseListPage } from './schemas.js';
import type { ListMeta, ResourceName } from './types.js';
import { RESOURCES } from './types.js';

export interface Page<T> {
  items: T[];
  page: number;
  meta?: ListMeta;
}

export async function* pages<T extends { id: number }>(
  http: SyncroHttp,
  resource: ResourceName,
  query: Record<string, QueryValue> = {},
): AsyncGenerator<Page<T>> {
  let previous = '';
  for (let page = 1; ; page++) {
    const res = await http.request<unknown>('GET', RESOURCES[resource].path, { query: { ...query, page } });
    const src = { method: 'GET', url: res.url, apiKey: http.apiKey };
    const { items, meta } = parseListPage<T>(resource, res.body, src);
    if (items.length === 0) return;
    const ids = items.map((r) => r.id).join(',');
    if (ids === previous) throw badAnswer(src, `page ${page} repeats page ${page - 1} (the page parameter is ignored)`, res.body);
    previous = ids;
    yield meta ? { items, page, meta } : { items, page };
    if (meta && page >= meta.total_pages) return;
  }
}

/** Every item of a list, page by page. */
export async function* items<T extends { id: number }>(
  http: SyncroHttp,
  resource: ResourceName,
  query?: Record<string, QueryValue>,
): AsyncGenerator<T> {
  for await (const page of pages<T>(http, resource, query)) yield* page.items;
}
