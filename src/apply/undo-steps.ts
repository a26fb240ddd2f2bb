/** How to reverse one finished write from the apply journal. */
import { isEtlError } from '../errors.js';
import type { SyncroClient } from '../syncro/client.js';
import { findCreatedContact, findCreatedCustomer } from '../syncro/create-recovery.js';
import type { JournalEntry } from './journal.js';
import type { Outcome } from './outcome.js';
import type { KnownIds } from './known-ids.js';
import type { RecordImages } from './record-images.js';
import { holdsValues } from './record-images.js';
import type { StepRunner } from './steps.js';

export interface UndoContext {
  client: SyncroClient;
  steps: StepRunner;
  remap: Map<number, number>;
  /** What this run (apply, then this undo) left on each record: a written field holding another value means someone else changed it. */
  images: RecordImages;
  /** Ids the apply journal names, per resource: a lost re-create answer is never recovered as one of them (issue 14.3). */
  knownIds?: KnownIds;
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
  const before = (entry.before ?? {}) as Rec;

  // Undone by an earlier attempt of this undo (its own journal says so): nothing to check or send again.
  const earlier = ctx.steps.state(key, step);
  if (earlier?.phase === 'done') return alreadyUndone(entry, earlier, ctx);

  if (entry.method === 'POST' && (resource === 'customers' || resource === 'contacts')) {
    const id = entry.resultId!;
    const fresh = await current(ctx, resource, id);
    if (!fresh) return { outcome: 'skipped:already-applied', message: `${resource} #${id} is already gone`, syncroId: id };
    const changed = ctx.images.changedFields(`${resource}/${id}`, fresh);
    if (changed.length) return changedSince(resource, id, changed);
    if (resource === 'customers') {
      const leftovers = await attachedRecords(ctx.client, id);
      if (leftovers)
        return {
          outcome: 'conflict',
          message: `customer #${id} now has ${leftovers}; not deleted (move or delete them first)`,
          syncroId: id,
        };
    }
    const r = await ctx.steps.run(key, {
      step,
      method: 'DELETE',
      path: `${resource}/${id}`,
      before: fresh,
      send: async () => (await del(ctx, resource, id), { resultId: id }),
    });
    return {
      outcome: r.sentNow ? 'applied' : 'skipped:already-applied',
      message: `deleted ${resource} #${id} that the run created`,
      syncroId: id,
    };
  }

  if (entry.method === 'PUT') {
    const id = Number(idText);
    const target = resource === 'customers' ? (ctx.remap.get(id) ?? id) : id;
    const fresh = await current(ctx, resource!, target);
    if (!fresh) return { outcome: 'conflict', message: `${resource} #${target} no longer exists; cannot restore it`, syncroId: target };
    const restore = restoreBody((entry.body ?? {}) as Rec, before, ctx.remap);
    const changed = ctx.images.changedFields(`${resource}/${id}`, fresh);
    // A restore in flight when an earlier attempt stopped may have landed: the record then holds what undo sent.
    const landed = earlier !== undefined && holdsValues(fresh, restore);
    if (changed.length && !landed) return changedSince(resource!, target, changed);
    const r = await ctx.steps.run(key, {
      step,
      method: 'PUT',
      path: `${resource}/${target}`,
      body: restore,
      before: fresh,
      send: async () => ({ resultId: target, after: await put(ctx, resource!, target, restore) }),
      verify: async () => (landed ? { resultId: target, after: fresh } : undefined),
    });
    ctx.images.leftBehind(`${resource}/${id}`, r.after);
    return {
      outcome: r.sentNow ? 'applied' : 'skipped:already-applied',
      message: `restored ${Object.keys(restore).join(', ')} of ${resource} #${target}`,
      syncroId: target,
    };
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
        const known = ctx.knownIds ? { knownIds: ctx.knownIds[resource] } : {};
        const created =
          resource === 'customers' ? await ctx.client.createCustomer(body, known) : await ctx.client.createContact(body, known);
        return { resultId: created.record.id, after: created.record };
      },
      verify: async () => {
        const known = ctx.knownIds ? { knownIds: ctx.knownIds[resource] } : {};
        const found =
          resource === 'customers' ? await findCreatedCustomer(ctx.client, body, known) : await findCreatedContact(ctx.client, body, known);
        return found ? { resultId: found.id, after: found } : undefined;
      },
    });
    if (resource === 'customers' && r.resultId !== undefined) ctx.remap.set(oldId, r.resultId);
    ctx.images.leftBehind(`${resource}/${oldId}`, r.after);
    return {
      outcome: r.sentNow ? 'applied' : 'skipped:already-applied',
      message: `re-created deleted ${resource} #${oldId} as #${r.resultId}`,
      syncroId: r.resultId,
    };
  }
  return { outcome: 'skipped:no-write', message: `nothing to undo for ${entry.method} ${entry.path}` };
}

/** An earlier attempt finished this step: carry what it left (remap, image) and report it as done. */
function alreadyUndone(entry: JournalEntry, earlier: JournalEntry, ctx: UndoContext): UndoOutcome {
  const [resource, idText] = (entry.path ?? '').split('/');
  if (entry.method === 'DELETE' && resource === 'customers' && earlier.resultId !== undefined)
    ctx.remap.set(Number(idText), earlier.resultId);
  if (entry.method !== 'POST') ctx.images.leftBehind(`${resource}/${idText}`, earlier.after);
  return {
    outcome: 'skipped:already-applied',
    message: 'already undone by an earlier attempt',
    ...(earlier.resultId === undefined ? {} : { syncroId: earlier.resultId }),
  };
}

/** The PUT that puts back what a write changed: the before-image's own values (null included); a field it did not have is blanked. */
function restoreBody(sent: Rec, before: Rec, remap: Map<number, number>): Rec {
  const restore: Rec = {};
  for (const field of Object.keys(sent)) {
    let value =
      field === 'title'
        ? (before.title ?? (before.properties as Rec | undefined)?.title ?? '')
        : field in before
          ? before[field]
          : typeof sent[field] === 'boolean'
            ? false
            : '';
    if (field === 'customer_id' && typeof value === 'number') value = remap.get(value) ?? value;
    restore[field] = value;
  }
  return restore;
}

function changedSince(resource: string, id: number, fields: string[]): UndoOutcome {
  return {
    outcome: 'conflict',
    message: `${resource} #${id} was changed in Syncro after this run wrote it (${fields.join(', ')}); left as it is`,
    syncroId: id,
  };
}

async function current(ctx: UndoContext, resource: string, id: number): Promise<Rec | undefined> {
  try {
    switch (resource) {
      case 'customers':
        return await ctx.client.getCustomer(id);
      case 'contacts':
        return await ctx.client.getContact(id);
      default: // wrapped or flat, checked (issue 13.2: a flat answer read as its first value gave the id number)
        return await ctx.client.getLinked(resource as 'tickets' | 'customer_assets' | 'invoices', id);
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

const RECREATE_SKIP = new Set([
  'id',
  'created_at',
  'updated_at',
  'fullname',
  'business_then_name',
  'business_and_full_name',
  'contacts',
  'processed_phone',
  'processed_mobile',
  'pdf_url',
  'online_profile_url',
  'location_name',
  'account_id',
]);

function recreateBody(before: Rec, resource: string): Rec {
  const body: Rec = {};
  for (const [k, v] of Object.entries(before)) if (!RECREATE_SKIP.has(k) && v !== null && v !== undefined) body[k] = v;
  if (resource === 'contacts' && before.properties && typeof before.properties === 'object') {
    const title = (before.properties as Rec).title;
    if (title) body.title = title;
  }
  return body;
}
