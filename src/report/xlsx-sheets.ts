/**
 * What goes in the Creates, Merges, Conflicts, Skipped and Rejects sheets:
 * columns and one filler per sheet, each reading only the plan (and the row
 * issues for Rejects).
 */
import type { Operation, OperationOf } from '../plan/schema.js';
import { decisionOptions, defaultDecision } from './decision-rules.js';
import {
  customerRefText,
  diffValue,
  displayValue,
  evidenceText,
  flattenPayload,
  foldedText,
  isTextField,
  KIND_LABELS,
  payloadValue,
  sourcesText,
} from './format.js';
import { afterwardsText, changesIfSurvives, countsText, membersSurvivorFirst, movesText } from './merge-facts.js';
import type { RejectRow } from './rejects.js';
import type { Column, ReportRow, ReportTable, Scalar } from './xlsx-layout.js';
import { COLORS, DECISION_HEADER, OP_ID_HEADER } from './xlsx-layout.js';
import { CONTACT_FIELDS, CUSTOMER_FIELDS } from '../model/fields.js';

type CreateOp = OperationOf<'create-customer' | 'create-contact'>;

const FIELD_ORDER: string[] = [...new Set<string>([...CUSTOMER_FIELDS, ...CONTACT_FIELDS])].filter(
  (f) => f !== 'properties' && f !== 'customer_id',
);

/** Payload fields of every create, canonical ones first, then custom properties by name. */
export function createFields(ops: Iterable<Operation>): string[] {
  const seen = new Set<string>();
  for (const op of ops) addCreateFields(seen, op);
  return orderCreateFields(seen);
}

/** Adds the payload fields of `op` (when it is a create) to `seen`. */
export function addCreateFields(seen: Set<string>, op: Operation): void {
  if (op.kind === 'create-customer' || op.kind === 'create-contact') for (const [k] of flattenPayload(op.payload)) seen.add(k);
}

/** The Creates sheet's field columns: canonical fields first, then custom properties by name. */
export function orderCreateFields(seen: ReadonlySet<string>): string[] {
  const known = FIELD_ORDER.filter((f) => seen.has(f));
  const rest = [...seen].filter((f) => !FIELD_ORDER.includes(f) && f !== 'customer_id').sort((a, b) => a.localeCompare(b));
  return [...known, ...rest];
}

export function createColumns(fields: readonly string[]): Column[] {
  return [
    { header: DECISION_HEADER, min: 12 },
    { header: OP_ID_HEADER, text: true },
    { header: 'Kind' },
    { header: 'Record', max: 44 },
    { header: 'Customer', max: 36 },
    { header: 'Source', max: 30 },
    ...fields.map((f) => ({ header: f, text: isTextField(f), max: 36 })),
    { header: 'Why', max: 60, wrap: true },
  ];
}

export async function fillCreates<R extends ReportRow>(
  table: ReportTable<R>,
  ops: Iterable<Operation>,
  fields: readonly string[],
  labels: ReadonlyMap<string, string>,
): Promise<void> {
  for (const op of ops) {
    if (op.kind !== 'create-customer' && op.kind !== 'create-contact') continue;
    const payload = (op as CreateOp).payload;
    const customer = op.kind === 'create-contact' ? customerRefText(op.customer, labels) : undefined;
    const why = op.kind === 'create-customer' ? [evidenceText(op.evidence), foldedText(op.folded)].filter(Boolean).join('\n') : '';
    const values: Scalar[] = [undefined, op.id, KIND_LABELS[op.kind], op.label, customer, sourcesText(op.sources)];
    for (const f of fields) values.push(displayValue(payloadValue(payload, f)));
    values.push(why);
    const row = table.add(values);
    table.decide(row, decisionOptions(op), defaultDecision(op) ?? 'apply');
    const wait = table.breathe();
    if (wait) await wait;
  }
}

export const MERGE_COLUMNS: readonly Column[] = [
  { header: DECISION_HEADER, min: 18 },
  { header: OP_ID_HEADER, text: true },
  { header: 'Kind' },
  { header: 'Member id', text: true },
  { header: 'Member', max: 40 },
  { header: 'Role', min: 12 },
  { header: 'Linked records', max: 36 },
  { header: 'Changes if it survives', max: 50, wrap: true },
  { header: 'Moves to survivor', max: 36, wrap: true },
  { header: 'Afterwards', max: 36 },
  { header: 'Score' },
  { header: 'Why', max: 60, wrap: true },
  { header: 'Survivor chosen for', max: 40, wrap: true },
];

/**
 * One row per cluster member, the proposed survivor first (it carries the
 * decision and the cluster's facts); each row says what changes if that
 * member survives.
 */
export async function fillMerges<R extends ReportRow>(table: ReportTable<R>, ops: Iterable<Operation>): Promise<void> {
  for (const op of ops) {
    if (op.kind !== 'merge-customers' && op.kind !== 'merge-contacts') continue;
    let first = 0;
    for (const m of membersSurvivorFirst(op)) {
      const changes = changesIfSurvives(op, m.id);
      const values: Scalar[] = [
        undefined,
        op.id,
        KIND_LABELS[op.kind],
        m.id,
        m.label,
        m.survivor ? 'survivor (proposed)' : 'duplicate',
        countsText(Object.entries(m.linked)),
        changes === undefined
          ? '(not planned)'
          : changes.map((c) => `${c.field}: ${diffValue(c.before)} → ${diffValue(c.after)}`).join('\n') || 'none',
        first ? undefined : movesText(op),
        first ? undefined : afterwardsText(op),
        first || op.evidence.score === undefined ? undefined : round1(op.evidence.score),
        first ? undefined : evidenceText(op.evidence),
        first ? undefined : op.survivorReason,
      ];
      const row = table.add(values);
      if (m.survivor) table.style(row, 'Role', { bold: true });
      if (!first) {
        first = row.number;
        table.decide(row, decisionOptions(op), defaultDecision(op) ?? 'merge');
      } else table.pointTo(row, first);
    }
    const wait = table.breathe();
    if (wait) await wait;
  }
}

export const CONFLICT_COLUMNS: readonly Column[] = [
  { header: DECISION_HEADER, min: 14 },
  { header: OP_ID_HEADER, text: true },
  { header: 'Entity' },
  { header: 'Record', max: 40 },
  { header: 'Reason', max: 44, wrap: true },
  { header: 'Candidate id', text: true },
  { header: 'Candidate', max: 40 },
  { header: 'Score' },
  { header: 'Why', max: 70, wrap: true },
  { header: 'Incoming fields', max: 50, wrap: true },
  { header: 'Contacts that follow', max: 40, wrap: true },
  { header: 'Source', max: 30 },
];

export async function fillConflicts<R extends ReportRow>(
  table: ReportTable<R>,
  ops: Iterable<Operation>,
  labels: ReadonlyMap<string, string>,
): Promise<void> {
  for (const op of ops) {
    if (op.kind !== 'conflict') continue;
    const incoming = flattenPayload(op.payload)
      .map(([k, v]) => `${k}: ${displayValue(v)}`)
      .join('\n');
    const follows = op.contacts.map((c) => c.label).join('\n');
    const under = op.customer ? `\n(under customer ${customerRefText(op.customer, labels)})` : '';
    const candidates = op.candidates.length ? op.candidates : [undefined];
    let first = 0;
    for (const c of candidates) {
      const values: Scalar[] = [
        undefined,
        op.id,
        op.entity,
        op.label,
        first ? undefined : `${op.reason}${under}`,
        c?.id,
        c?.label ?? '(no candidate: decide create or skip)',
        c?.score === undefined ? undefined : round1(c.score),
        evidenceText(c?.evidence),
        first ? undefined : incoming,
        first ? undefined : follows,
        first ? undefined : sourcesText(op.sources),
      ];
      const row = table.add(values);
      if (!first) {
        first = row.number;
        table.decide(row, decisionOptions(op), defaultDecision(op) ?? 'skip');
      } else {
        table.pointTo(row, first);
      }
    }
    const wait = table.breathe();
    if (wait) await wait;
  }
}

export const SKIP_COLUMNS: readonly Column[] = [
  { header: OP_ID_HEADER, text: true },
  { header: 'Entity' },
  { header: 'Record', max: 44 },
  { header: 'Syncro id', text: true },
  { header: 'Reason', max: 60, wrap: true },
  { header: 'Source', max: 30 },
];

export async function fillSkips<R extends ReportRow>(table: ReportTable<R>, ops: Iterable<Operation>): Promise<void> {
  for (const op of ops) {
    if (op.kind !== 'skip') continue;
    table.add([
      op.id,
      op.entity,
      op.label,
      op.targetId,
      [op.reason, foldedText(op.folded)].filter(Boolean).join('\n'),
      sourcesText(op.sources),
    ]);
    const wait = table.breathe();
    if (wait) await wait;
  }
}

export const REJECT_COLUMNS: readonly Column[] = [
  { header: 'Severity' },
  { header: 'File', max: 30 },
  { header: 'Sheet', max: 20 },
  { header: 'Row', min: 6 },
  { header: 'Field' },
  { header: 'Value', text: true, max: 40 },
  { header: 'Code' },
  { header: 'Reason', max: 60, wrap: true },
  { header: OP_ID_HEADER, text: true },
];

export async function fillRejects<R extends ReportRow>(table: ReportTable<R>, rejects: readonly RejectRow[]): Promise<void> {
  for (const r of rejects) {
    const row = table.add([r.severity, r.source.file, r.source.sheet, r.source.row, r.field, r.value, r.code, r.message, r.opId]);
    table.style(row, 'Severity', { color: r.severity === 'error' ? COLORS.danger : COLORS.warn, bold: true });
    const wait = table.breathe();
    if (wait) await wait;
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
