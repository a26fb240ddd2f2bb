/**
 * A customer or contact being built from one row: typed fields, custom
 * fields, and lines bound for its notes (values with no field of their own).
 */
import type { RowIssue, SourceRef } from '../model/source.js';
import type { BoundRule } from '../templates/compile.js';

export interface Draft {
  fields: Record<string, unknown>;
  properties: Record<string, string>;
  /** "Label: value" lines appended to the notes. */
  noteLines: string[];
}

export const emptyDraft = (): Draft => ({ fields: {}, properties: {}, noteLines: [] });

/** The row being mapped: where it is from, the problems found so far, and both drafts. */
export interface RowState {
  source: SourceRef;
  issues: RowIssue[];
  customer: Draft;
  contact: Draft;
  /** Source company id (template target `key`). */
  key?: string;
  /** Customer type as written (template target `type`). */
  type?: string;
  /** Tax rate name or percentage as written (template target `tax_rate`). */
  taxRate?: string;
  /** Some contact rule read a non-empty cell. */
  contactHasData: boolean;
  /** Target → the source columns it was read from, for messages. */
  columnsOf: Map<string, string[]>;
}

export type Entity = 'customer' | 'contact';

/** Source column label for a target, for messages: "Email Address", else the target name. */
export function fieldLabel(state: RowState, entity: Entity, target: string): string {
  const cols = state.columnsOf.get(`${entity}.${target}`);
  return cols && cols.length > 0 ? cols.join(' + ') : target;
}

/** Add an issue unless the same code for the same field is already there. */
export function addIssue(state: RowState, issue: Omit<RowIssue, 'source'>): void {
  if (state.issues.some((i) => i.code === issue.code && i.field === issue.field)) return;
  state.issues.push({ source: state.source, ...issue });
}

export function recordColumns(state: RowState, entity: Entity, rule: BoundRule): void {
  if (rule.columns.length > 0) state.columnsOf.set(`${entity}.${rule.target}`, rule.columns);
}
