/**
 * Counts per operation kind and what apply will cost: the write calls, the
 * read calls of the stale-plan check, and the time at the account's rate.
 */
import type { Operation, OperationOf, Plan } from './schema.js';
import { OPERATION_KINDS } from './schema.js';
import type { SnapshotIndex } from './snapshot-index.js';

export const CUSTOMERS_PER_PAGE = 100;
export const CONTACTS_PER_PAGE = 50;

export function writeCallsOf(op: Operation): number {
  switch (op.kind) {
    case 'create-customer':
    case 'update-customer':
    case 'create-contact':
    case 'update-contact':
    case 'move-contact':
    case 'delete-contact':
      return 1;
    case 'merge-customers':
    case 'merge-contacts':
      return mergeWriteCalls(op, op.survivorId);
    default:
      return 0;
  }
}

/** Writes a merge takes with the given survivor: moves off the others, the survivor's fields, one delete per duplicate. */
export function mergeWriteCalls(op: OperationOf<'merge-customers'> | OperationOf<'merge-contacts'>, survivorId: number): number {
  const owner = op.kind === 'merge-customers' ? 'customer_id' : 'contact_id';
  const moves = op.moves.filter((m) => Number(m.before[owner]) !== survivorId).length;
  const payload = op.merged.find((m) => m.survivorId === survivorId)?.payload ?? {};
  return moves + (Object.keys(payload).length ? 1 : 0) + (op.members.length - 1);
}

/** Customers and contacts whose before-images apply re-reads, and what that costs in list calls. */
export function staleCheckTargets(ops: Operation[]): { customerIds: number[]; contactOwnerIds: number[] } {
  const customers = new Set<number>();
  const owners = new Set<number>();
  for (const op of ops) {
    if (op.kind === 'update-customer') customers.add(op.targetId);
    if (op.kind === 'merge-customers') for (const m of op.members) customers.add(m.id);
    if (op.kind === 'merge-contacts') owners.add(op.customerId);
    if (op.kind === 'update-contact' || op.kind === 'move-contact' || op.kind === 'delete-contact')
      owners.add(Number(op.before.customer_id));
  }
  return { customerIds: [...customers].sort((a, b) => a - b), contactOwnerIds: [...owners].sort((a, b) => a - b) };
}

export function checkCallsFor(ops: Operation[], index: SnapshotIndex): number {
  const { customerIds, contactOwnerIds } = staleCheckTargets(ops);
  const customerCalls = Math.ceil(customerIds.length / CUSTOMERS_PER_PAGE);
  const perOwner = contactOwnerIds.reduce((n, id) => n + Math.max(1, Math.ceil(index.contactsOf(id).length / CONTACTS_PER_PAGE)), 0);
  const allContacts = Math.max(1, Math.ceil(index.snapshot.contacts.length / CONTACTS_PER_PAGE));
  const contactCalls = contactOwnerIds.length === 0 ? 0 : Math.min(perOwner, allContacts);
  return customerCalls + contactCalls;
}

export function summarize(ops: Operation[], rateLimit: number, index: SnapshotIndex): Plan['summary'] {
  const counts: Record<string, number> = {};
  for (const kind of OPERATION_KINDS) counts[kind] = 0;
  let writeCalls = 0;
  for (const op of ops) {
    counts[op.kind] = (counts[op.kind] ?? 0) + 1;
    writeCalls += writeCallsOf(op);
  }
  const checkCalls = checkCallsFor(ops, index);
  return { counts, writeCalls, checkCalls, rateLimit, estimatedSeconds: Math.ceil(((writeCalls + checkCalls) * 60) / rateLimit) };
}
