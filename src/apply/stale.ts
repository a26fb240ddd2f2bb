/**
 * The stale-plan check: just before writing, the records the plan will
 * change are compared with the plan's before-images (read through
 * FreshReads: list pages, never one GET per record). A record changed or
 * deleted since planning becomes a conflict: nothing is clobbered.
 */
import type { Operation } from '../plan/schema.js';
import { staleCheckTargets } from '../plan/summary.js';
import type { FreshReads, FreshRecord } from './fresh-reads.js';

/** The contact owners whose contacts the stale check needs (for FreshReads.loadContacts). */
export function staleContactOwners(ops: Operation[]): number[] {
  return staleCheckTargets(ops).contactOwnerIds;
}

/** op id → why it is stale. Contacts of staleContactOwners(ops) must have been loaded into `reads`. */
export async function checkStale(ops: Operation[], reads: FreshReads): Promise<Map<string, string>> {
  const stale = new Map<string, string>();
  if (ops.length === 0) return stale;
  const customers = await reads.customersById(staleCheckTargets(ops).customerIds);
  const contacts = reads.contactsById();

  const compare = (opId: string, what: string, id: number, seen: Map<number, FreshRecord>, before: unknown) => {
    const planned = (before as { updated_at?: string } | undefined)?.updated_at;
    const now = seen.get(id)?.updated_at;
    if (!seen.has(id)) stale.set(opId, `${what} #${id} was deleted (or moved) in Syncro after the plan was made`);
    // A plan made from an export file has no updated_at: then only existence is checked.
    else if (planned && now !== planned)
      stale.set(
        opId,
        `${what} #${id} was changed in Syncro after the plan was made (updated_at ${planned} → ${now}); plan again to see the new values`,
      );
  };
  for (const op of ops) {
    if (op.kind === 'update-customer') compare(op.id, 'customer', op.targetId, customers, op.before);
    else if (op.kind === 'update-contact' || op.kind === 'move-contact' || op.kind === 'delete-contact')
      compare(op.id, 'contact', op.targetId, contacts, op.before);
    else if (op.kind === 'merge-customers') {
      for (const m of op.members) if (!stale.has(op.id)) compare(op.id, 'customer', m.id, customers, m.before);
    } else if (op.kind === 'merge-contacts') {
      for (const m of op.members) if (!stale.has(op.id)) compare(op.id, 'contact', m.id, contacts, m.before);
    }
  }
  return stale;
}
