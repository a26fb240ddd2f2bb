/**
 * The stale-plan check: just before writing, re-read the records the plan
 * will change — by list pages (100 customers by id[] per call, contacts per
 * owning customer or all contacts, whichever is fewer calls), never one GET
 * per record — and compare with the plan's before-images. A record changed
 * or deleted since planning becomes a conflict: nothing is clobbered.
 */
import type { Operation } from '../plan/schema.js';
import { CONTACTS_PER_PAGE, CUSTOMERS_PER_PAGE, staleCheckTargets } from '../plan/summary.js';
import type { SyncroClient } from '../syncro/client.js';

export interface StaleFinding {
  opId: string;
  reason: string;
}

export async function checkStale(ops: Operation[], client: SyncroClient, knownContactTotal: number): Promise<Map<string, string>> {
  const stale = new Map<string, string>();
  if (ops.length === 0) return stale;
  const { customerIds, contactOwnerIds } = staleCheckTargets(ops);

  const customers = new Map<number, string>();
  for (let i = 0; i < customerIds.length; i += CUSTOMERS_PER_PAGE) {
    const chunk = customerIds.slice(i, i + CUSTOMERS_PER_PAGE);
    for await (const c of client.customers({ id: chunk, include_disabled: true })) customers.set(c.id, c.updated_at);
  }
  const contacts = new Map<number, string>();
  if (contactOwnerIds.length > 0) {
    const allPages = Math.max(1, Math.ceil(knownContactTotal / CONTACTS_PER_PAGE));
    if (contactOwnerIds.length >= allPages) {
      for await (const k of client.contacts()) contacts.set(k.id, k.updated_at);
    } else {
      for (const owner of contactOwnerIds) for await (const k of client.contacts(owner)) contacts.set(k.id, k.updated_at);
    }
  }

  const compare = (opId: string, what: string, id: number, seen: Map<number, string>, before: unknown) => {
    const planned = (before as { updated_at?: string } | undefined)?.updated_at;
    const now = seen.get(id);
    if (now === undefined) stale.set(opId, `${what} #${id} was deleted (or moved) in Syncro after the plan was made`);
    // A plan made from an export file has no updated_at: then only existence is checked.
    else if (planned && now !== planned) stale.set(opId, `${what} #${id} was changed in Syncro after the plan was made (updated_at ${planned} → ${now}); plan again to see the new values`);
  };
  for (const op of ops) {
    if (op.kind === 'update-customer') compare(op.id, 'customer', op.targetId, customers, op.before);
    else if (op.kind === 'update-contact' || op.kind === 'move-contact' || op.kind === 'delete-contact') compare(op.id, 'contact', op.targetId, contacts, op.before);
    else if (op.kind === 'merge-customers') {
      for (const m of op.members) if (!stale.has(op.id)) compare(op.id, 'customer', m.id, customers, m.before);
    } else if (op.kind === 'merge-contacts') {
      for (const m of op.members) if (!stale.has(op.id)) compare(op.id, 'contact', m.id, contacts, m.before);
    }
  }
  return stale;
}
