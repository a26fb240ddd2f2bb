/**
 * The Decision column's vocabulary: which operations take a decision, the
 * choices each offers (the dropdown), the default, and how a typed value is
 * normalised and checked. Shared by the XLSX writer and `readDecisions`.
 *
 * Normalised values: `apply`, `skip` (creates, updates, moves, deletes);
 * `skip`, `create`, `#<candidate id>` (conflicts); `merge`, `skip`,
 * `survivor #<member id>` (merges; naming the proposed survivor is plain `merge`).
 */
import type { Operation } from '../plan/schema.js';

/** The report sheet each decidable kind is decided on. */
export const DECISION_SHEETS = {
  'create-customer': 'Creates',
  'create-contact': 'Creates',
  'update-customer': 'Updates',
  'update-contact': 'Updates',
  'move-contact': 'Updates',
  'delete-contact': 'Updates',
  'merge-customers': 'Merges',
  'merge-contacts': 'Merges',
  conflict: 'Conflicts',
} as const;
export type DecisionSheet = (typeof DECISION_SHEETS)[keyof typeof DECISION_SHEETS];

/** The sheet an operation's decision lives on, or undefined when it takes none (skip, invalid). */
export function decisionSheetOf(op: Operation): DecisionSheet | undefined {
  return (DECISION_SHEETS as Record<string, DecisionSheet>)[op.kind];
}

/** The dropdown's choices for `op`, default first; [] when it takes no decision. */
export function decisionOptions(op: Operation): string[] {
  switch (op.kind) {
    case 'conflict':
      return ['skip', 'create', ...op.candidates.map((c) => `#${c.id}`)];
    case 'merge-customers':
    case 'merge-contacts':
      return ['merge', 'skip', ...op.members.filter((m) => m.id !== op.survivorId).map((m) => `survivor #${m.id}`)];
    default:
      return decisionSheetOf(op) ? ['apply', 'skip'] : [];
  }
}

/** What apply does when nobody changed the cell. */
export function defaultDecision(op: Operation): string | undefined {
  // decisionOptions(op)[0], without building the list (a report asks this for every operation).
  switch (op.kind) {
    case 'conflict':
      return 'skip';
    case 'merge-customers':
    case 'merge-contacts':
      return 'merge';
    default:
      return decisionSheetOf(op) ? 'apply' : undefined;
  }
}

/** Text of the Decision cell on an operation's second and later rows. */
export function seeRowText(row: number): string {
  return `(see row ${row})`;
}

export function isSeeRowText(text: string): boolean {
  return /^\(see row \d+\)$/i.test(text.trim());
}

export type Normalized = { ok: true; value: string } | { ok: false; message: string };

/**
 * Normalises a typed decision ("  Skip", "#1042", "1042", "Survivor 1101")
 * and checks it is one of `op`'s choices.
 *
 * @example normalizeDecision(' 1042 ', conflictOp) // { ok: true, value: '#1042' }
 */
export function normalizeDecision(raw: string, op: Operation): Normalized {
  const options = decisionOptions(op);
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  let value = text;
  const id = /^#? ?(\d+)$/.exec(text);
  const survivor = /^survivor ?#? ?(\d+)$/.exec(text);
  if (op.kind === 'conflict' && id) value = `#${id[1]}`;
  if ((op.kind === 'merge-customers' || op.kind === 'merge-contacts') && (survivor || id)) {
    const n = Number((survivor ?? id)![1]);
    value = n === op.survivorId ? 'merge' : `survivor #${n}`;
  }
  if (options.includes(value)) return { ok: true, value };
  const named = (survivor ?? id)?.[1];
  const hint =
    op.kind === 'conflict' && id
      ? ` (#${id[1]} is not one of its candidates)`
      : (op.kind === 'merge-customers' || op.kind === 'merge-contacts') && named
        ? ` (#${named} is not a member of this cluster)`
        : '';
  return { ok: false, message: `"${raw.trim()}" is not a decision for this operation${hint}; choose one of ${options.join(', ')}` };
}
