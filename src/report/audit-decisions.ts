/**
 * The decisions of an edited audit.xlsx, read with the rules and vocabulary
 * of report.xlsx (`readDecisionsWith`): a merge takes `merge`, `skip` or
 * `survivor #<member id>` in its block's Decision cell; a person under
 * several customers only `skip` (shown for information; its row may go).
 */
import type { Operation, Plan } from '../plan/schema.js';
import { RUN_FILES } from '../run-folder.js';
import { ACROSS_OPTIONS, AUDIT_SHEETS } from './audit-xlsx.js';
import { decisionOptions, normalizeDecision } from './decision-rules.js';
import type { Normalized } from './decision-rules.js';
import { readDecisionsWith } from './decisions.js';
import type { DecisionLayout, DecisionsRead } from './decisions.js';

/** The sheet of audit.xlsx an operation is decided on. */
export function auditSheetOf(op: Operation): string | undefined {
  switch (op.kind) {
    case 'merge-customers':
      return AUDIT_SHEETS.customers;
    case 'merge-contacts':
      return AUDIT_SHEETS.contacts;
    case 'conflict':
      return AUDIT_SHEETS.across;
    default:
      return undefined;
  }
}

function options(op: Operation): string[] {
  return op.kind === 'conflict' ? [...ACROSS_OPTIONS] : decisionOptions(op);
}

function normalize(raw: string, op: Operation): Normalized {
  if (op.kind !== 'conflict') return normalizeDecision(raw, op);
  if (raw.trim().toLowerCase() === 'skip') return { ok: true, value: 'skip' };
  return {
    ok: false,
    message: `"${raw.trim()}" is not a decision here: the audit never merges a person across customers (only skip); merge their customers first, then audit again`,
  };
}

/** audit.xlsx: Customer clusters, Contact clusters, Across customers. */
export const AUDIT_LAYOUT: DecisionLayout = {
  file: RUN_FILES.auditXlsx,
  sheets: [AUDIT_SHEETS.customers, AUDIT_SHEETS.contacts, AUDIT_SHEETS.across],
  sheetOf: auditSheetOf,
  options,
  normalize,
  optional: (op) => op.kind === 'conflict',
};

/**
 * Reads the decisions in `xlsxPath` (an audit.xlsx written for `plan`):
 * every decision (defaults included), those changed, and the problems.
 *
 * @example
 * const { decisions, changed, problems } = await readAuditDecisions('run/audit.xlsx', plan);
 * if (problems.length) throw …; // never apply with problems
 */
export function readAuditDecisions(xlsxPath: string, plan: Plan): Promise<DecisionsRead> {
  return readDecisionsWith(xlsxPath, plan, AUDIT_LAYOUT);
}
