/**
 * The first page of each list and one record of each: is the answer JSON
 * with its list key, does it carry `meta`, how many items a page holds, and
 * are single records wrapped (`{"asset": …}`) or flat.
 */
import type { ServerProfile } from '../syncro/profile.js';
import { RESOURCES } from '../syncro/types.js';
import type { ResourceName } from '../syncro/types.js';
import { asObject, describeAnswer } from './probe.js';
import type { Prober } from './probe.js';
import type { Findings } from './types.js';

export type Item = Record<string, unknown> & { id: number };

/** What page 1 of a list held; `items` is undefined when the answer was not a usable list. */
export interface ListSample {
  resource: ResourceName;
  items: Item[] | undefined;
  total: number | undefined;
}

export const LIST_RESOURCES: readonly ResourceName[] = ['customers', 'contacts', 'tickets', 'customer_assets', 'invoices'];

/** Reads page 1 of a list; undefined items when it is not JSON with the list key. */
export async function readList(
  prober: Prober,
  resource: ResourceName,
  query: Record<string, string | number | number[] | undefined> = {},
): Promise<{ items: Item[] | undefined; meta: Record<string, unknown> | undefined; answer: string }> {
  const { path, listKey } = RESOURCES[resource];
  const a = await prober.call('GET', path, { query });
  const body = asObject(a.json);
  const list = body?.[listKey];
  if (a.status !== 200 || !Array.isArray(list)) {
    return {
      items: undefined,
      meta: undefined,
      answer: body && a.status === 200 ? `JSON without "${listKey}" (keys: ${Object.keys(body).join(', ') || 'none'})` : describeAnswer(a),
    };
  }
  const items = list.filter((r): r is Item => typeof asObject(r)?.id === 'number');
  return { items, meta: asObject(body?.meta), answer: `HTTP 200, ${items.length} items` };
}

function pageSizeOf(resource: ResourceName, items: Item[], meta: Record<string, unknown> | undefined): number | undefined {
  if (typeof meta?.per_page === 'number' && meta.per_page > 0) return meta.per_page;
  const total = typeof meta?.total_entries === 'number' ? meta.total_entries : undefined;
  return total !== undefined && total > items.length && items.length > 0 ? items.length : undefined;
}

/** Lists and singles of every resource; fills `profile.pageSize`, `profile.singles`, `profile.vendorContacts`. */
export async function checkLists(prober: Prober, findings: Findings, profile: ServerProfile): Promise<Map<ResourceName, ListSample>> {
  const samples = new Map<ResourceName, ListSample>();
  for (const resource of LIST_RESOURCES) {
    const { listKey, pageSize: expected } = RESOURCES[resource];
    const { items, meta, answer } = await readList(prober, resource);
    const total = typeof meta?.total_entries === 'number' ? meta.total_entries : undefined;
    samples.set(resource, { resource, items, total });
    if (!items) {
      findings.add(
        'lists',
        `GET /${resource}`,
        'fail',
        'not a list',
        `${answer}; the client stops on such an answer (exit 3). Check the URL, the key's permissions, or whether Syncro is in maintenance.`,
      );
      continue;
    }
    findings.add(
      'shapes',
      `${resource} list`,
      meta ? 'ok' : 'differs',
      meta ? `"${listKey}" + meta` : `"${listKey}", no meta`,
      meta ? `${total ?? '?'} records in all` : 'no meta: pages are read until one comes back empty',
    );
    const size = pageSizeOf(resource, items, meta);
    if (size !== undefined) profile.pageSize[resource] = size;
    findings.add(
      'lists',
      `page size of ${resource}`,
      size === undefined ? 'unknown' : size === expected ? 'ok' : 'differs',
      size === undefined ? 'unknown' : String(size),
      size === undefined ? `fewer records than one page (${items.length})` : `expected ${expected}`,
    );
    if (resource === 'contacts') {
      const vendors = items.filter((k) => k.customer_id === null || k.customer_id === undefined).length;
      if (vendors > 0) profile.vendorContacts = true;
      findings.add(
        'shapes',
        'vendor contacts (customer_id null)',
        vendors > 0 ? 'info' : 'unknown',
        vendors > 0 ? `${vendors} on page 1` : 'none seen',
        vendors > 0 ? 'kept out of customer logic and counted in reports' : 'none on the first page',
      );
    }
    const first = items[0];
    if (first) await checkSingle(prober, findings, profile, resource, first.id);
    else findings.add('shapes', `single ${resource} record`, 'unknown', 'unknown', 'no record to read');
  }
  return samples;
}

async function checkSingle(prober: Prober, findings: Findings, profile: ServerProfile, resource: ResourceName, id: number): Promise<void> {
  const { path, itemKey } = RESOURCES[resource];
  const a = await prober.call('GET', `${path}/${id}`);
  const body = asObject(a.json);
  const wrappedKey = itemKey ?? 'contact';
  const inner = asObject(body?.[wrappedKey]);
  const shape = inner?.id === id ? 'wrapped' : body?.id === id ? 'unwrapped' : undefined;
  const expected = itemKey === null ? 'unwrapped' : 'wrapped';
  if (!shape) {
    findings.add(
      'shapes',
      `single ${resource} record`,
      'fail',
      'unreadable',
      `GET /${path}/${id}: ${describeAnswer(a)}${body ? ` (keys: ${Object.keys(body).slice(0, 6).join(', ')})` : ''}`,
    );
    return;
  }
  profile.singles[resource] = shape;
  findings.add(
    'shapes',
    `single ${resource} record`,
    shape === expected ? 'ok' : 'differs',
    shape === 'wrapped' ? `wrapped {"${wrappedKey}": …}` : 'flat',
    shape === expected ? `as assumed` : `assumed ${expected}; the client reads both`,
  );
}
