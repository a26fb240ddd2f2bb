/**
 * A customer or contact being built from one row: typed fields, custom
 * fields, and lines bound for its notes (values with no field of their own).
 */
import type { RowIssue, SourceRef } from '../model/source.js';
import type { BoundRule } from '../templates/compile.js';

/** A customer or contact being built. Its custom fields and note lines are made on first use (most rows have neither). */
export class Draft {
  fields: Record<string, unknown> = {};
  private props: Record<string, string> | undefined = undefined;
  private lines: string[] | undefined = undefined;

  get properties(): Record<string, string> {
    return (this.props ??= {});
  }

  /** "Label: value" lines appended to the notes. */
  get noteLines(): string[] {
    return (this.lines ??= []);
  }

  /** Add a note line (the first one makes a list of one: `[]` then push reserves room for 17). */
  addNote(line: string): void {
    if (this.lines === undefined) this.lines = [line];
    else this.lines.push(line);
  }

  /** Some custom field was set (without making the object). */
  get hasProperties(): boolean {
    for (const _ in this.props) return true;
    return false;
  }

  /** Some note line was added (without making the list). */
  get hasNoteLines(): boolean {
    return this.lines !== undefined && this.lines.length > 0;
  }
}

export const emptyDraft = (): Draft => new Draft();

/**
 * The customer draft of a row whose company part comes from the cache: that
 * row never builds a customer, so it gets this frozen stand-in instead of a
 * new draft (a write to it would throw, not pass unnoticed).
 */
export const UNUSED_DRAFT: Draft = Object.freeze(new Draft()) as Draft;

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

/** Some issue is an error (the row is rejected). */
export function hasError(issues: readonly RowIssue[]): boolean {
  for (let k = 0; k < issues.length; k++) if ((issues[k] as RowIssue).severity === 'error') return true;
  return false;
}

export function recordColumns(state: RowState, entity: Entity, rule: BoundRule): void {
  if (rule.columns.length > 0) state.columnsOf.set(`${entity}.${rule.target}`, rule.columns);
}
