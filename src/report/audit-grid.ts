/**
 * A duplicate cluster as a grid, the shape both audit views render: one
 * column per member (the proposed survivor first), one row per field, custom
 * field, date and linked count, each cell marked by how it differs from the
 * survivor's, and the value the proposal leaves after the merge. Pure.
 */
import { CONTACT_FIELDS, CUSTOMER_FIELDS } from '../model/fields.js';
import { isBlank, sameValue } from '../plan/equivalence.js';
import type { Operation, OperationOf } from '../plan/schema.js';
import { decisionOptions } from './decision-rules.js';
import { displayValue, evidenceText } from './format.js';
import { afterwardsText, membersSurvivorFirst, movesText } from './merge-facts.js';
import type { MergeOp } from './merge-facts.js';

/** `same`: as the survivor's; `format`: the same value written differently (e.g. a phone); `differs`: another value. */
export type CellDiff = 'same' | 'format' | 'differs';

export interface GridCell {
  text: string;
  diff: CellDiff;
}

export interface GridRow {
  /** `business_name`, `properties.Tier`, `created_at`, `linked.tickets`. */
  key: string;
  /** What the row is called in a report. */
  label: string;
  group: 'field' | 'custom' | 'date' | 'linked';
  /** One per member, survivor first. Dates and counts are never compared (`same`). */
  cells: GridCell[];
  /** The proposal's value after the merge; `changed` when it is not the survivor's value today. */
  after: { text: string; changed: boolean };
}

export interface ClusterGrid {
  op: MergeOp;
  /** 1-based, per kind: "Customer cluster 3". */
  number: number;
  title: string;
  members: Array<{ id: number; label: string; survivor: boolean }>;
  rows: GridRow[];
  score?: number;
  /** The match explanation in one line. */
  explanation: string;
  survivorReason: string;
  moves: string;
  afterwards: string;
  /** Both in one clause: "Merging moves 1 contact to the survivor, then would delete customer #7". */
  steps: string;
  /** The Decision choices, default (`merge`) first. */
  options: string[];
}

/** Fields shown even when every member leaves them blank (others only when some member has a value). */
const CUSTOMER_ALWAYS = new Set(['business_name', 'email', 'phone']);
const CONTACT_ALWAYS = new Set(['name', 'email', 'phone']);
const CUSTOMER_ROWS = CUSTOMER_FIELDS.filter((f) => f !== 'properties');
const CONTACT_ROWS = CONTACT_FIELDS.filter((f) => f !== 'properties' && f !== 'customer_id');
const LINKED_LABELS: Record<string, string> = { contacts: 'contacts', tickets: 'tickets', customer_assets: 'assets', invoices: 'invoices' };
const CUSTOMER_LINKED = ['contacts', 'tickets', 'customer_assets', 'invoices'];

type Rec = Record<string, unknown>;

/** The grid of one merge operation; `number` is its place among clusters of its kind. */
export function clusterGrid(op: MergeOp, number: number): ClusterGrid {
  const members = membersSurvivorFirst(op);
  const survivor = members[0]!;
  const proposal = op.merged.find((m) => m.survivorId === op.survivorId)?.payload ?? {};
  const customers = op.kind === 'merge-customers';
  const rows: GridRow[] = [];

  const always = customers ? CUSTOMER_ALWAYS : CONTACT_ALWAYS;
  for (const field of customers ? CUSTOMER_ROWS : CONTACT_ROWS) {
    const values = members.map((m) => m.before[field]);
    const shown = always.has(field) || values.some((v) => !isBlank(v) && v !== false) || field in proposal;
    if (shown) rows.push(compared(field, field, 'field', values, field in proposal ? proposal[field] : survivor.before[field]));
  }

  const props = members.map((m) => propsOf(m.before));
  const mergedProps = propsOf(proposal);
  const keys = [...new Set([...props.flatMap((p) => Object.keys(p)), ...Object.keys(mergedProps)])]
    .filter((k) => customers || k !== 'title')
    .sort((a, b) => a.localeCompare(b));
  for (const k of keys)
    rows.push(
      compared(
        `properties.${k}`,
        `custom: ${k}`,
        'custom',
        props.map((p) => p[k]),
        k in mergedProps ? mergedProps[k] : props[0]![k],
      ),
    );

  for (const field of ['created_at', 'updated_at']) {
    const cells = members.map((m) => ({ text: dateText(m.before[field]), diff: 'same' as const }));
    rows.push({ key: field, label: field, group: 'date', cells, after: { text: cells[0]!.text, changed: false } });
  }

  for (const resource of customers ? CUSTOMER_LINKED : ['tickets']) {
    const counts = members.map((m) => m.linked[resource] ?? 0);
    const total = counts.reduce((a, b) => a + b, 0);
    rows.push({
      key: `linked.${resource}`,
      label: `linked ${LINKED_LABELS[resource] ?? resource}`,
      group: 'linked',
      cells: counts.map((n) => ({ text: String(n), diff: 'same' })),
      after: { text: String(total), changed: total !== counts[0] },
    });
  }

  const moves = movesText(op);
  const afterwards = afterwardsText(op);
  return {
    op,
    number,
    title: `${customers ? 'Customer' : 'Contact'} cluster ${number}`,
    members: members.map((m) => ({ id: m.id, label: m.label, survivor: m.survivor })),
    rows,
    ...(op.evidence.score === undefined ? {} : { score: op.evidence.score }),
    explanation: evidenceText(op.evidence),
    survivorReason: op.survivorReason,
    moves,
    afterwards,
    steps:
      moves === 'nothing to move'
        ? `Nothing to move; merging would ${afterwards}`
        : `Merging moves ${moves} to the survivor, then would ${afterwards}`,
    options: decisionOptions(op),
  };
}

/** The grids of every merge of `kind` in `ops`, numbered in plan order. */
export function clusterGrids(ops: readonly Operation[], kind: MergeOp['kind']): ClusterGrid[] {
  const merges = ops.filter((op): op is MergeOp => op.kind === kind);
  return merges.map((op, i) => clusterGrid(op, i + 1));
}

/** How `value` differs from the survivor's value of `field`. */
export function cellDiff(field: string, value: unknown, survivorValue: unknown): CellDiff {
  const a = displayValue(value).trim();
  const b = displayValue(survivorValue).trim();
  if (a === b) return 'same';
  const compareAs = field.startsWith('properties.') ? 'custom' : field;
  return sameValue(compareAs, value, survivorValue) ? 'format' : 'differs';
}

/** A timestamp as "2023-04-11 09:30" (UTC as Syncro sends it); other values as they are. */
export function dateText(value: unknown): string {
  const text = displayValue(value);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(text);
  return m ? `${m[1]} ${m[2]}` : text;
}

/** The person under several customers: who, under which customers, why. */
export interface AcrossRow {
  op: OperationOf<'conflict'>;
  person: string;
  customers: string[];
  reason: string;
  explanation: string;
  score?: number;
}

export function acrossRows(ops: readonly Operation[]): AcrossRow[] {
  return ops
    .filter((op): op is OperationOf<'conflict'> => op.kind === 'conflict')
    .map((op) => {
      const evidence = op.candidates[0]?.evidence;
      return {
        op,
        person: op.label.replace(/^Contact /, '').replace(/ under \d+ customers$/, ''),
        customers: op.candidates.map((c) => `#${c.id} ${c.label}`),
        reason: op.reason,
        explanation: evidenceText(evidence),
        ...(evidence?.score === undefined ? {} : { score: evidence.score }),
      };
    });
}

function compared(key: string, label: string, group: GridRow['group'], values: unknown[], after: unknown): GridRow {
  const base = values[0];
  const afterText = displayValue(after);
  return {
    key,
    label,
    group,
    cells: values.map((v, i) => ({ text: displayValue(v), diff: i === 0 ? 'same' : cellDiff(key, v, base) })),
    after: { text: afterText, changed: afterText.trim() !== displayValue(base).trim() },
  };
}

function propsOf(record: Rec): Rec {
  const p = record.properties;
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Rec) : {};
}
