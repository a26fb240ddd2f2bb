/**
 * A decision a person took in a run's workbook (report.xlsx or audit.xlsx)
 * for one operation: parsed once when the workbook is read
 * (report/decisions.ts), then read by apply as data, never as text again.
 *
 * The workbook's vocabulary (report/decision-rules.ts) and this type are the
 * same set: `apply`, `skip`, `create`, `#<id>`, `merge`, `survivor #<id>`.
 */

export type Decision =
  /** A create, update, move or delete: write it (the default). */
  | { kind: 'apply' }
  /** Any decidable operation: leave it out of the run. */
  | { kind: 'skip' }
  /** A conflict: create a new record. */
  | { kind: 'create' }
  /** A conflict: the record is this existing one (`#<id>`); update it. */
  | { kind: 'existing'; id: number }
  /** A merge, with the plan's survivor (the default). */
  | { kind: 'merge' }
  /** A merge, with another member of the cluster surviving (`survivor #<id>`). */
  | { kind: 'survivor'; id: number };

export type DecisionKind = Decision['kind'];

/** The decisions of a run, by op id (operations absent take no decision or were left undecided). */
export type Decisions = ReadonlyMap<string, Decision>;

/** The text a workbook shows for a decision (the dropdown's value). */
export function decisionText(d: Decision): string {
  switch (d.kind) {
    case 'existing':
      return `#${d.id}`;
    case 'survivor':
      return `survivor #${d.id}`;
    default:
      return d.kind;
  }
}

/**
 * The decision a normalised workbook value stands for (the inverse of
 * `decisionText`); undefined for any other text.
 *
 * @example parseDecision('survivor #1101') // { kind: 'survivor', id: 1101 }
 */
export function parseDecision(text: string): Decision | undefined {
  switch (text) {
    case 'apply':
    case 'skip':
    case 'create':
    case 'merge':
      return { kind: text };
  }
  const existing = /^#(\d+)$/.exec(text);
  if (existing) return { kind: 'existing', id: Number(existing[1]) };
  const survivor = /^survivor #(\d+)$/.exec(text);
  if (survivor) return { kind: 'survivor', id: Number(survivor[1]) };
  return undefined;
}

/** The one test of "left out by its decision" (a conflict left at skip stays a conflict: apply reports it undecided). */
export function isSkipped(d: Decision | undefined): boolean {
  return d?.kind === 'skip';
}
