/**
 * How plan values read in a report: shared by the XLSX and HTML views so
 * both say the same thing. Pure functions, no I/O.
 */
import type { SourceRef } from '../model/source.js';
import type { CustomerRef, Evidence, Operation, OperationKind } from '../plan/schema.js';

/** "Create customer", "Merge contacts", … */
export const KIND_LABELS: Record<OperationKind, string> = {
  'create-customer': 'Create customer',
  'update-customer': 'Update customer',
  'create-contact': 'Create contact',
  'update-contact': 'Update contact',
  'move-contact': 'Move contact',
  'delete-contact': 'Delete contact',
  'merge-customers': 'Merge customers',
  'merge-contacts': 'Merge contacts',
  skip: 'Skip',
  conflict: 'Conflict',
  invalid: 'Invalid',
};

/** Fields whose values are text even when they look numeric (leading zeros, +, long digit runs). */
const TEXT_FIELD = /(^|_)id$|phone|mobile|fax|zip|postal|postcode|extension/i;

/** True for fields written as text cells (numFmt '@'): phones, zips, ids. */
export function isTextField(field: string): boolean {
  return TEXT_FIELD.test(field);
}

/** A value as one line of text: blank for null/undefined/'', yes/no for booleans, JSON for objects. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Blank values shown explicitly in diffs, so "cleared" is visible. */
export function diffValue(value: unknown): string {
  const text = displayValue(value);
  return text === '' ? '(blank)' : text;
}

/**
 * Source rows, grouped per file (its name, without the folder) and sheet:
 * "clients.csv row 4", "book.xlsx [Sites] rows 2, 5".
 */
export function sourcesText(sources: readonly SourceRef[]): string {
  if (sources.length === 1) {
    // The common case, without the grouping (a report writes this for every row).
    const s = sources[0]!;
    const file = baseName(s.file);
    return s.sheet === undefined ? `${file} row ${s.row}` : `${file} [${s.sheet}] row ${s.row}`;
  }
  const groups = new Map<string, number[]>();
  for (const s of sources) {
    const file = baseName(s.file);
    const key = s.sheet === undefined ? file : `${file} [${s.sheet}]`;
    const rows = groups.get(key) ?? [];
    rows.push(s.row);
    groups.set(key, rows);
  }
  return [...groups].map(([key, rows]) => `${key} ${rows.length === 1 ? 'row' : 'rows'} ${rows.join(', ')}`).join('; ');
}

/** A path's last part (after the last slash or backslash), or the path when that is empty. */
function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return (cut < 0 ? path : path.slice(cut + 1)) || path;
}

/** "#1042" or "the customer created by cc-… (label)". */
export function customerRefText(ref: CustomerRef, labels: ReadonlyMap<string, string>): string {
  if ('id' in ref) return `#${ref.id}`;
  const label = labels.get(ref.op);
  if (!label) return `new (${ref.op})`;
  return `new: ${label.startsWith('Customer ') ? label.slice('Customer '.length) : label} (${ref.op})`;
}

/** A signed weight: "+9.1", "-2.6", "0.0". */
export function signed(n: number): string {
  const fixed = n.toFixed(1);
  return n > 0 ? `+${fixed}` : fixed === '-0.0' ? '0.0' : fixed;
}

/** One line explaining a match: the planner's text, or one built from the field weights. */
export function evidenceText(e: Evidence | undefined): string {
  if (!e) return '';
  if (e.text) return e.rule === 'fuzzy' || e.rule === 'none' ? e.text : `${ruleLabel(e.rule)}: ${e.text}`;
  const parts = (e.fields ?? []).filter((f) => f.level !== 'missing').map((f) => `${f.field} ${f.level} ${signed(f.weight)}`);
  const score = e.score === undefined ? '' : ` = ${e.score.toFixed(1)}`;
  return parts.length ? `${parts.join(', ')}${score}` : `${ruleLabel(e.rule)}${score}`;
}

/** Why rows were taken as one customer: "rows 3, 4: same name; same phone …" per fold, one per line. */
export function foldedText(folded: ReadonlyArray<{ evidence: string; sources: readonly SourceRef[] }> | undefined): string {
  if (!folded?.length) return '';
  return folded.map((f) => `Folded in ${sourcesText(f.sources)}: ${f.evidence}`).join('\n');
}

export function ruleLabel(rule: Evidence['rule']): string {
  switch (rule) {
    case 'syncro-id':
      return 'Syncro id';
    case 'email':
      return 'same email';
    case 'business-name':
      return 'business name';
    case 'fuzzy':
      return 'fuzzy match';
    case 'in-file-duplicate':
      return 'duplicate in the file';
    case 'none':
      return 'no match';
  }
}

/** "7 s", "3 min 20 s", "1 h 05 min". */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The Syncro record an operation is about, when there is one. */
export function targetIdOf(op: Operation): number | undefined {
  switch (op.kind) {
    case 'update-customer':
    case 'update-contact':
    case 'move-contact':
    case 'delete-contact':
      return op.targetId;
    case 'merge-customers':
    case 'merge-contacts':
      return op.survivorId;
    case 'skip':
      return op.targetId;
    default:
      return undefined;
  }
}

/**
 * One field of a payload as `flattenPayload` names them ("properties.Name" for
 * a custom property), without flattening the whole payload.
 */
export function payloadValue(payload: Record<string, unknown>, field: string): unknown {
  if (field.startsWith('properties.')) {
    const props = payload.properties;
    if (props && typeof props === 'object' && !Array.isArray(props)) {
      const key = field.slice('properties.'.length);
      if (Object.hasOwn(props, key)) return (props as Record<string, unknown>)[key];
    }
  }
  if (field === 'properties') {
    const props = payload.properties;
    if (props && typeof props === 'object' && !Array.isArray(props)) return undefined;
  }
  return Object.hasOwn(payload, field) ? payload[field] : undefined;
}

/** Payload fields flattened for display: properties become "properties.Name". */
export function flattenPayload(payload: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out.push([`properties.${k}`, v]);
    } else out.push([key, value]);
  }
  return out;
}

/** Labels of every op by id, for cross references. */
export function labelsById(ops: readonly Operation[]): Map<string, string> {
  return new Map(ops.map((op) => [op.id, op.label]));
}

/**
 * Labels of the operations a customer reference can name (the creates of new
 * customers), by op id: what `customerRefText` needs, a fraction of every label.
 */
export function newCustomerLabels(ops: readonly Operation[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const op of ops) if (op.kind === 'create-customer') out.set(op.id, op.label);
  return out;
}

/** A record's name from its before-image: business name, person, or contact name. */
export function recordName(record: Record<string, unknown>): string {
  const pick = (k: string) => (typeof record[k] === 'string' && (record[k] as string).trim() ? (record[k] as string).trim() : '');
  const person = [pick('firstname'), pick('lastname')].filter(Boolean).join(' ');
  return pick('business_name') || pick('name') || person || pick('email') || (record.id === undefined ? '' : `#${displayValue(record.id)}`);
}

/** " · 2 vendor contacts (no customer; left alone)" after a snapshot's counts, or nothing when there are none. */
export function vendorCount(n: number | undefined): string {
  return n ? ` · ${n.toLocaleString('en-US')} vendor contact${n === 1 ? '' : 's'} (no customer; left alone)` : '';
}
