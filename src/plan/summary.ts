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
export function staleCheckTargets(ops: Iterable<Operation>): { customerIds: number[]; contactOwnerIds: number[] } {
  const counter = new SummaryCounter();
  for (const op of ops) counter.add(op);
  return counter.staleCheckTargets();
}

export function checkCallsFor(ops: Iterable<Operation>, index: SnapshotIndex): number {
  const counter = new SummaryCounter();
  for (const op of ops) counter.add(op);
  return counter.checkCalls(index);
}

/**
 * The plan's summary, counted one operation at a time: a planner that streams
 * its operations out keeps only the counts and the ids apply re-reads.
 */
export class SummaryCounter {
  private readonly counts: Record<string, number> = Object.fromEntries(OPERATION_KINDS.map((kind) => [kind, 0]));
  private writeCalls = 0;
  private readonly customers = new Set<number>();
  private readonly owners = new Set<number>();

  add(op: Operation): void {
    this.counts[op.kind] = (this.counts[op.kind] ?? 0) + 1;
    this.writeCalls += writeCallsOf(op);
    if (op.kind === 'update-customer') this.customers.add(op.targetId);
    if (op.kind === 'merge-customers') for (const m of op.members) this.customers.add(m.id);
    if (op.kind === 'merge-contacts') this.owners.add(op.customerId);
    if (op.kind === 'update-contact' || op.kind === 'move-contact' || op.kind === 'delete-contact')
      this.owners.add(Number(op.before.customer_id));
  }

  /** Operations counted so far. */
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  staleCheckTargets(): { customerIds: number[]; contactOwnerIds: number[] } {
    return { customerIds: [...this.customers].sort((a, b) => a - b), contactOwnerIds: [...this.owners].sort((a, b) => a - b) };
  }

  checkCalls(index: SnapshotIndex): number {
    const { customerIds, contactOwnerIds } = this.staleCheckTargets();
    const customerCalls = Math.ceil(customerIds.length / CUSTOMERS_PER_PAGE);
    const perOwner = contactOwnerIds.reduce((n, id) => n + Math.max(1, Math.ceil(index.contactsOf(id).length / CONTACTS_PER_PAGE)), 0);
    const allContacts = Math.max(1, Math.ceil(index.snapshot.contacts.length / CONTACTS_PER_PAGE));
    const contactCalls = contactOwnerIds.length === 0 ? 0 : Math.min(perOwner, allContacts);
    return customerCalls + contactCalls;
  }

  summary(rateLimit: number, index: SnapshotIndex): Plan['summary'] {
    const checkCalls = this.checkCalls(index);
    const writeCalls = this.writeCalls;
    return {
      counts: { ...this.counts },
      writeCalls,
      checkCalls,
      rateLimit,
      estimatedSeconds: Math.ceil(((writeCalls + checkCalls) * 60) / rateLimit),
    };
  }
}

export function summarize(ops: Iterable<Operation>, rateLimit: number, index: SnapshotIndex): Plan['summary'] {
  const counter = new SummaryCounter();
  for (const op of ops) counter.add(op);
  return counter.summary(rateLimit, index);
}

/**
 * What the import's in-file check did, in a sentence for the console and
 * the reports; undefined when the plan had no check (no fuzzy matching, or an audit).
 */
export function likenessText(summary: Plan['summary']): string | undefined {
  const l = summary.likeness;
  if (!l) return undefined;
  if (l.skipped) return `not run: ${l.skipped}`;
  if (l.held === 0) return `${l.customers} customers compared within the file: none alike beyond what exact evidence joined`;
  return `${l.customers} customers compared within the file: ${l.held} held as conflicts, each like an earlier one but not proven the same (create or skip each)`;
}
