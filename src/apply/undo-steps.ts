/** How to reverse one finished write from the apply journal. */
import { isEtlError } from '../errors.js';
import type { SyncroClient } from '../syncro/client.js';
import { findCreatedContact, findCreatedCustomer } from '../syncro/create-recovery.js';
import type { JournalEntry } from './journal.js';
import type { Outcome } from './outcome.js';
import type { StepRunner } from './steps.js';

export interface UndoContext {
  client: SyncroClient;
  steps: StepRunner;
  remap: Map<number, number>;
  /** resource/id -> the updated_at our latest write left on it; a different one means someone else changed it. */
  expected: Map<string, string>;
}

export interface UndoOutcome {
  outcome: Outcome;
  message?: string;
  syncroId?: number;
}

type Rec = Record<string, unknown> & { updated_at?: string };

export async function undoEntry(entry: JournalEntry, ctx: UndoContext): Promise<UndoOutcome> {
  const [resource, idText] = (entry.path ?? '').split('/');
  const key = `${entry.seq}`;
  const step = entry.step;
  const after = (entry.after ?? {}) as Rec;
  const before = (entry.before ?? {}) as Rec;

  if (entry.method === 'POST' && (resource === 'customers' || resource === 'contacts')) {
    const id = entry.resultId!;
    const fresh = await current(ctx, resource, id);
    if (!fresh) return { outcome: 'skipped:already-applied', message: `${resource} #${id} is already gone`, syncroId: id };
    if (changed(ctx, resource, id, fresh, after)) return changedSince(resource, id);
    if (resource === 'customers') {
      const leftovers = await attachedRecords(ctx.client, id);
      if (leftovers) return { outcome: 'conflict', message: `customer #${id} now has ${leftovers}; not deleted (move or delete them first)`, syncroId: id };
    }
    const r = await ctx.steps.run(key, { step, method: 'DELETE', path: `${resource}/${id}`, before: fresh, send: async () => (await del(ctx, resource, id), { resultId: id }) });
    return { outcome: r.sentNow ? 'applied' : 'skipped:already-applied', message: `deleted ${resource} #${id} that the run created`, syncroId: id };
  }

  if (entry.method === 'PUT') {
    const id = Number(idText);
    const target = resource === 'customers' ? (ctx.remap.get(id) ?? id) : id;
    const fresh = await current(ctx, resource!, target);
    if (!fresh) return { outcome: 'conflict', message: `${resource} #${target} no longer exists; cannot restore it`, syncroId: target };
    if (changed(ctx, resource!, id, fresh, after)) return changedSince(resource!, target);
    const sent = (entry.body ?? {}) as Rec;
    const restore: Record<string, unknown> = {};
    for (const field of Object.keys(sent)) {
      // The before-image's own value (null included); a field it did not have is blanked.
      let value = field === 'title' ? (before.title ?? (before.properties as Rec | undefined)?.title ?? '') : field in before ? before[field] : typeof sent[field] === 'boolean' ? false : '';
      if (field === 'customer_id' && typeof value === 'number') value = ctx.remap.get(value) ?? value;
      restore[field] = value;
    }
    const r = await ctx.steps.run(key, {
      step,
      method: 'PUT',
      path: `${resource}/${target}`,
      body: restore,
      before: fresh,
      send: async () => ({ resultId: target, after: await put(ctx, resource!, target, restore) }),
    });
    const answered = (r.after as Rec | undefined)?.updated_at;
    if (answered) ctx.expected.set(`${resource}/${id}`, answered);
    return { outcome: r.sentNow ? 'applied' : 'skipped:already-applied', message: `restored ${Object.keys(restore).join(', ')} of ${resource} #${target}`, syncroId: target };
  }

  if (entry.method === 'DELETE' && (resource === 'customers' || resource === 'contacts')) {
    const oldId = Number(idText);
    const body = recreateBody(before, resource);
    const r = await ctx.steps.run(key, {
      step,
      method: 'POST',
      path: resource,
      body,
      send: async () => {
        const created = resource === 'customers' ? await ctx.client.createCustomer(body) : await ctx.client.createContact(body);
        return { resultId: created.record.id, after: created.record };
      },
      verify: async () => {
        const found = resource === 'customers' ? await findCreatedCustomer(ctx.client, body) : await findCreatedContact(ctx.client, body);
        return found ? { resultId: found.id, after: found } : undefined;
      },
    });
    if (resource === 'customers' && r.resultId !== undefined) ctx.remap.set(oldId, r.resultId);
    return { outcome: r.sentNow ? 'applied' : 'skipped:already-applied', message: `re-created deleted ${resource} #${oldId} as #${r.resultId}`, syncroId: r.resultId };
  }
  return { outcome: 'skipped:no-write', message: `nothing to undo for ${entry.method} ${entry.path}` };
}

/** Has someone other than this run (apply, then this undo) changed the record since? */
function changed(ctx: UndoContext, resource: string, id: number, fresh: Rec, after: Rec): boolean {
  const expected = ctx.expected.get(`${resource}/${id}`) ?? after.updated_at;
  return expected !== undefined && fresh.updated_at !== expected;
}

/** What the latest apply write on each record left as its updated_at. */
export function expectedStamps(appliedAscending: JournalEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of appliedAscending) {
    const stamp = (e.after as Rec | undefined)?.updated_at;
    if (!stamp || !e.path) continue;
    const [resource, id] = e.path.split('/');
    out.set(`${resource}/${id ?? e.resultId}`, stamp);
  }
  return out;
}

function changedSince(resource: string, id: number): UndoOutcome {
  return { outcome: 'conflict', message: `${resource} #${id} was changed in Syncro after this run wrote it; left as it is`, syncroId: id };
}

async function current(ctx: UndoContext, resource: string, id: number): Promise<Rec | undefined> {
  try {
    switch (resource) {
      case 'customers':
        return (await ctx.client.getCustomer(id)) as unknown as Rec;
      case 'contacts':
        return (await ctx.client.getContact(id)) as unknown as Rec;
      default: {
        const { body } = await ctx.client.http.request<Record<string, Rec>>('GET', `${resource}/${id}`);
        return Object.values(body)[0];
      }
    }
  } catch (err) {
    if (isEtlError(err, 'API_NOT_FOUND')) return undefined;
    throw err;
  }
}

async function put(ctx: UndoContext, resource: string, id: number, body: Rec): Promise<unknown> {
  if (resource === 'customers') return ctx.client.updateCustomer(id, body);
  if (resource === 'contacts') return ctx.client.updateContact(id, body);
  return ctx.client.updateLinked(resource as 'tickets' | 'customer_assets' | 'invoices', id, body);
}

async function del(ctx: UndoContext, resource: 'customers' | 'contacts', id: number): Promise<void> {
  await (resource === 'customers' ? ctx.client.deleteCustomer(id) : ctx.client.deleteContact(id));
}

async function attachedRecords(client: SyncroClient, customerId: number): Promise<string | undefined> {
  const found: string[] = [];
  for (const resource of ['tickets', 'customer_assets', 'invoices'] as const) {
    for await (const _ of client.linked(resource, customerId)) {
      found.push(resource);
      break;
    }
  }
  for await (const _ of client.contacts(customerId)) {
    found.push('contacts');
    break;
  }
  return found.length ? found.join(', ') : undefined;
}

const RECREATE_SKIP = new Set(['id', 'created_at', 'updated_at', 'fullname', 'business_then_name', 'business_and_full_name', 'contacts', 'processed_phone', 'processed_mobile', 'pdf_url', 'online_profile_url', 'location_name', 'account_id']);

function recreateBody(before: Rec, resource: string): Rec {
  const body: Rec = {};
  for (const [k, v] of Object.entries(before)) if (!RECREATE_SKIP.has(k) && v !== null && v !== undefined) body[k] = v;
  if (resource === 'contacts' && before.properties && typeof before.properties === 'object') {
    const title = (before.properties as Rec).title;
    if (title) body.title = title;
  }
  return body;
}
