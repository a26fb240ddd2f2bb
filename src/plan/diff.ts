/**
 * Field-level diff of an incoming record against the Syncro record it matched,
 * under the user's field policy. Returns the exact PUT payload and the
 * before → after list the reports show. Blank cells never erase unless asked.
 */
import { fieldKind, isBlank, sameValue } from './equivalence.js';
import type { FieldChange } from './schema.js';

export type BlankPolicy = 'skip' | 'clear';
export type UpdatePolicy = 'fill' | 'overwrite';
export type FieldMode = UpdatePolicy | 'never';

export interface DiffPolicy {
  blank: BlankPolicy;
  update: UpdatePolicy;
  /** Per-field modes (from the template or flags), e.g. { notes: 'fill', email: 'never' }. */
  fields?: Record<string, FieldMode>;
  country?: string;
}

export interface FieldDiff {
  payload: Record<string, unknown>;
  changes: FieldChange[];
  /** Differences the policy kept from being written (fill mode, 'never'), shown for review. */
  held: FieldChange[];
}

export function diffFields(
  fields: readonly string[],
  incoming: Record<string, unknown>,
  existing: Record<string, unknown>,
  policy: DiffPolicy,
): FieldDiff {
  const out: FieldDiff = { payload: {}, changes: [], held: [] };
  for (const field of fields) {
    if (field === 'properties') continue;
    const decision = decide(field, incoming[field], existing[field], policy);
    if (decision === 'write') {
      const after = incoming[field] === undefined ? '' : writtenValue(field, incoming[field], existing[field]);
      out.payload[field] = after;
      out.changes.push({ field, before: existing[field] ?? null, after });
    } else if (decision === 'held') {
      out.held.push({ field, before: existing[field] ?? null, after: incoming[field] });
    }
  }
  diffProperties(incoming.properties, existing.properties, policy, out);
  return out;
}

type Decision = 'write' | 'held' | 'same';

function decide(field: string, inc: unknown, cur: unknown, policy: DiffPolicy): Decision {
  const mode = policy.fields?.[field] ?? policy.update;
  if (isBlank(inc)) {
    // undefined = the file has no value for it; '' = an explicitly blank cell.
    if (policy.blank === 'clear' && inc === '' && !isBlank(cur)) return mode === 'never' ? 'held' : 'write';
    return 'same';
  }
  if (sameValue(field, inc, cur, policy.country)) return 'same';
  if (fieldKind(field) === 'notes' && !isBlank(cur) && notesToAdd(String(cur), String(inc)).length === 0) return 'same';
  if (mode === 'never') return 'held';
  if (mode === 'fill' && !isBlank(cur)) return 'held';
  return 'write';
}

/**
 * What is written for a field the policy lets through. Notes are never
 * replaced: Syncro's text stays and the file's lines it does not hold yet
 * are added under it (a migration's "Website: …" lines must not wipe what a
 * technician wrote); an explicit clear (`--blank clear`) still empties them.
 */
function writtenValue(field: string, inc: unknown, cur: unknown): unknown {
  if (fieldKind(field) !== 'notes' || isBlank(cur) || isBlank(inc)) return inc;
  const current = String(cur).replace(/\r\n/g, '\n').trimEnd();
  return `${current}\n${notesToAdd(current, String(inc)).join('\n')}`;
}

/** The lines of `inc` that `cur` does not hold (spacing and case aside), in order. */
function notesToAdd(cur: string, inc: string): string[] {
  const key = (line: string): string => line.trim().replace(/\s+/g, ' ').toLowerCase();
  const held = new Set(cur.split(/\r?\n/).map(key));
  const seen = new Set<string>();
  return inc
    .split(/\r?\n/)
    .filter((line) => {
      const k = key(line);
      if (!k || held.has(k) || seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((line) => line.trim());
}

/** Custom fields: compared key by key; the payload carries the whole merged set so none is lost. */
function diffProperties(inc: unknown, cur: unknown, policy: DiffPolicy, out: FieldDiff): void {
  if (!inc || typeof inc !== 'object') return;
  const current = (cur && typeof cur === 'object' ? cur : {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...current };
  let changed = false;
  for (const [key, value] of Object.entries(inc as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
    const field = `properties.${key}`;
    const decision = decide(field, value, current[key], {
      ...policy,
      fields: { [field]: policy.fields?.[field] ?? policy.fields?.properties ?? policy.update },
    });
    if (decision === 'write') {
      merged[key] = value ?? '';
      changed = true;
      out.changes.push({ field, before: current[key] ?? null, after: value ?? '' });
    } else if (decision === 'held') {
      out.held.push({ field, before: current[key] ?? null, after: value });
    }
  }
  if (changed) out.payload.properties = merged;
}
