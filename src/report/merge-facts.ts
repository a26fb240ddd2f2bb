/**
 * What a merge operation (a cluster of duplicates) does, in words both
 * reports use: members survivor first, what each has linked, what moves,
 * what happens to the duplicates, and the field changes per survivor choice.
 */
import type { FieldChange, MergeMember, OperationOf } from '../plan/schema.js';

export type MergeOp = OperationOf<'merge-customers' | 'merge-contacts'>;

const NAMES: Record<string, [string, string]> = {
  contacts: ['contact', 'contacts'],
  tickets: ['ticket', 'tickets'],
  customer_assets: ['asset', 'assets'],
  invoices: ['invoice', 'invoices'],
};

/** "3 contacts, 2 tickets" from counts per resource; zeros left out. */
export function countsText(counts: Iterable<[string, number]>, none = 'nothing'): string {
  const parts = [...counts].filter(([, n]) => n > 0).map(([r, n]) => `${n} ${(NAMES[r] ?? [r, r])[n === 1 ? 0 : 1]}`);
  return parts.join(', ') || none;
}

/** Members with the proposed survivor first, the others in plan order. */
export function membersSurvivorFirst(op: MergeOp): Array<MergeMember & { survivor: boolean }> {
  const survivor = op.members.filter((m) => m.id === op.survivorId);
  const others = op.members.filter((m) => m.id !== op.survivorId);
  return [...survivor.map((m) => ({ ...m, survivor: true })), ...others.map((m) => ({ ...m, survivor: false }))];
}

/** The linked records apply moves onto the proposed survivor: "1 contact, 2 tickets". */
export function movesText(op: MergeOp): string {
  const owner = op.kind === 'merge-customers' ? 'customer_id' : 'contact_id';
  const counts = new Map<string, number>();
  for (const m of op.moves) if (Number(m.before[owner]) !== op.survivorId) counts.set(m.resource, (counts.get(m.resource) ?? 0) + 1);
  return countsText(counts, 'nothing to move');
}

/** What becomes of the duplicates: "disable customer #1101", "delete contacts #7, #9". */
export function afterwardsText(op: MergeOp): string {
  const ids = op.members.filter((m) => m.id !== op.survivorId).map((m) => `#${m.id}`);
  const noun = op.kind === 'merge-customers' ? 'customer' : 'contact';
  const verb = op.kind === 'merge-customers' ? op.finally : 'delete';
  return `${verb} ${noun}${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
}

/** Field changes on `survivorId` should it survive (undefined when the plan has none for it). */
export function changesIfSurvives(op: MergeOp, survivorId: number): FieldChange[] | undefined {
  return op.merged.find((m) => m.survivorId === survivorId)?.changes;
}
