/**
 * The Updates sheet: one row per changed field (before → after, highlighted),
 * held differences greyed with "kept by field policy", moves and deletes as
 * rows of their own. The decision sits on each operation's first row; its
 * other rows point back to it.
 */
import type { Operation, OperationOf } from '../plan/schema.js';
import { decisionOptions, defaultDecision } from './decision-rules.js';
import { customerRefText, diffValue, displayValue, evidenceText, foldedText, KIND_LABELS, recordName, sourcesText } from './format.js';
import type { Column, ReportRow, ReportTable, Scalar } from './xlsx-layout.js';
import { COLORS, DECISION_HEADER, OP_ID_HEADER } from './xlsx-layout.js';

export const UPDATE_COLUMNS: readonly Column[] = [
  { header: DECISION_HEADER, min: 12 },
  { header: OP_ID_HEADER, text: true },
  { header: 'Kind' },
  { header: 'Record', max: 44 },
  { header: 'Syncro id', text: true },
  { header: 'Field' },
  { header: 'Before', text: true, max: 40, wrap: true },
  { header: 'After', text: true, max: 40, wrap: true },
  { header: 'Status' },
  { header: 'Note', max: 40 },
  { header: 'Matched by', max: 60, wrap: true },
  { header: 'Source', max: 30 },
];

type UpdateLike = OperationOf<'update-customer' | 'update-contact' | 'move-contact' | 'delete-contact'>;

export function isUpdateLike(op: Operation): op is UpdateLike {
  return op.kind === 'update-customer' || op.kind === 'update-contact' || op.kind === 'move-contact' || op.kind === 'delete-contact';
}

interface Line {
  field: string;
  before: string;
  after: string;
  status: 'change' | 'held' | 'move' | 'delete' | 'none';
  note: string;
}

/** The rows an operation contributes, in the order they are shown. */
export function updateLines(op: UpdateLike, labels: ReadonlyMap<string, string>): Line[] {
  const lines: Line[] = [];
  if (op.kind === 'move-contact') {
    lines.push({
      field: 'customer',
      before: `#${displayValue(op.before.customer_id)}`,
      after: customerRefText(op.toCustomer, labels),
      status: 'move',
      note: 'contact moves to another customer',
    });
  }
  if (op.kind === 'delete-contact') {
    lines.push({
      field: '(whole record)',
      before: recordName(op.before),
      after: '(deleted)',
      status: 'delete',
      note: 'contact is deleted; its before-image is kept for undo',
    });
    return lines;
  }
  for (const c of op.changes)
    lines.push({ field: c.field, before: diffValue(c.before), after: diffValue(c.after), status: 'change', note: '' });
  if (op.kind !== 'move-contact') {
    for (const h of op.held)
      lines.push({ field: h.field, before: diffValue(h.before), after: diffValue(h.after), status: 'held', note: 'kept by field policy' });
  }
  if (lines.length === 0) lines.push({ field: '', before: '', after: '', status: 'none', note: 'no field changes' });
  return lines;
}

export async function fillUpdates<R extends ReportRow>(
  table: ReportTable<R>,
  ops: Iterable<Operation>,
  labels: ReadonlyMap<string, string>,
): Promise<void> {
  for (const op of ops) {
    if (!isUpdateLike(op)) continue;
    const evidence =
      op.kind === 'update-customer'
        ? [evidenceText(op.evidence), foldedText(op.folded)].filter(Boolean).join('\n')
        : op.kind === 'update-contact'
          ? evidenceText(op.evidence)
          : '';
    let first = 0;
    for (const line of updateLines(op, labels)) {
      const values: Scalar[] = [
        undefined,
        op.id,
        KIND_LABELS[op.kind],
        op.label,
        op.targetId,
        line.field,
        line.before,
        line.after,
        line.status,
        line.note,
        first ? undefined : evidence,
        first ? undefined : sourcesText(op.sources),
      ];
      const row = table.add(values);
      if (!first) {
        first = row.number;
        table.decide(row, decisionOptions(op), defaultDecision(op) ?? 'apply');
      } else {
        table.pointTo(row, first);
      }
      if (line.status === 'held') {
        for (const h of ['Field', 'Before', 'After', 'Status', 'Note']) table.style(row, h, { color: COLORS.muted, italic: true });
      } else if (line.status !== 'none') {
        table.style(row, 'Before', { fill: COLORS.before, ...(line.status === 'delete' ? { strike: true } : {}) });
        table.style(row, 'After', { fill: COLORS.after });
      }
    }
    const wait = table.breathe();
    if (wait) await wait;
  }
}
