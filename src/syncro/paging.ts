/**
 * Pages through a Syncro list. Stops at `meta.total_pages` and also on an
 * empty page (Syncro answers 200 `[]` past the end), so a wrong or missing
 * `meta` never loops forever or stops short.
 */
import type { QueryValue, SyncroHttp } from './http.js';
import type { ListMeta } from './types.js';

export interface Page<T> {
  items: T[];
  page: number;
  meta?: ListMeta;
}

export async function* pages<T>(
  http: SyncroHttp,
  path: string,
  listKey: string,
  query: Record<string, QueryValue> = {},
): AsyncGenerator<Page<T>> {
  for (let page = 1; ; page++) {
    const { body } = await http.request<Record<string, unknown>>('GET', path, { query: { ...query, page } });
    const items = (body[listKey] ?? []) as T[];
    const meta = body.meta as ListMeta | undefined;
    if (items.length === 0) return;
    yield meta ? { items, page, meta } : { items, page };
    if (meta && page >= meta.total_pages) return;
  }
}

/** Every item of a list, page by page. */
export async function* items<T>(http: SyncroHttp, path: string, listKey: string, query?: Record<string, QueryValue>): AsyncGenerator<T> {
  for await (const page of pages<T>(http, path, listKey, query)) yield* page.items;
}
