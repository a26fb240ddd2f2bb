/**
 * The rows a report lists as rejected or warned about: the loader's issues
 * plus those carried by `invalid` operations, each once, in file/row order.
 */
import type { RowIssue } from '../model/source.js';
import type { Operation } from '../plan/schema.js';

export interface RejectRow extends RowIssue {
  /** The invalid operation that carries this issue, when one does. */
  opId?: string;
}

function key(i: RowIssue): string {
  return JSON.stringify([i.source.file, i.source.sheet ?? '', i.source.row, i.field ?? '', i.code, i.message]);
}

/** Issues of the `invalid` operations among `operations` and `issues`, de-duplicated; errors before warnings within a row. */
export function collectRejects(operations: Iterable<Operation>, issues: readonly RowIssue[]): RejectRow[] {
  const byKey = new Map<string, RejectRow>();
  for (const op of operations) {
    if (op.kind !== 'invalid') continue;
    for (const issue of op.issues) if (!byKey.has(key(issue))) byKey.set(key(issue), { ...issue, opId: op.id });
  }
  for (const issue of issues) if (!byKey.has(key(issue))) byKey.set(key(issue), { ...issue });
  const severity = (i: RowIssue) => (i.severity === 'error' ? 0 : 1);
  return [...byKey.values()].sort(
    (a, b) =>
      a.source.file.localeCompare(b.source.file) ||
      (a.source.sheet ?? '').localeCompare(b.source.sheet ?? '') ||
      a.source.row - b.source.row ||
      severity(a) - severity(b),
  );
}
