/**
 * Survivorship: which record of a duplicate cluster lives on, and what its
 * fields become. Defaults (documented in the README):
 * - survivor: most linked records (contacts, tickets, assets, invoices), then
 *   the oldest, then the most complete, then the lowest id;
 * - fields: the survivor's value wins; its blanks are filled from the others
 *   (in survivor-rank order); notes are concatenated, each with its origin;
 *   custom fields are merged key by key (the survivor's value wins); a value
 *   of a duplicate that the survivor does not keep (another phone, custom
 *   field) is written in the notes under that duplicate's origin line, since
 *   the duplicate is deleted afterwards;
 * - per-field overrides: `survivor` (default), `newest` (from the most
 *   recently updated record that has a value), `fill` (only fill blanks —
 *   the same as survivor for single values, spelled out for clarity).
 */
import type { z } from 'zod';
import { isBlank, sameValue } from '../plan/equivalence.js';
import { SurvivorRuleSchema } from '../plan/schema.js';
import type { FieldChange, FieldRuleSchema } from '../plan/schema.js';

/** The rules and their names are the plan's (an audit plan records them in its options). */
export const SURVIVOR_RULES = SurvivorRuleSchema.options;
export type SurvivorRule = z.infer<typeof SurvivorRuleSchema>;
export type FieldRule = z.infer<typeof FieldRuleSchema>;

export interface Candidate {
  id: number;
  label: string;
  record: Record<string, unknown>;
  linked: number;
}

export interface SurvivorshipOptions {
  rules: SurvivorRule[];
  fields: Record<string, FieldRule>;
}

export const DEFAULT_SURVIVORSHIP: SurvivorshipOptions = { rules: ['linked', 'oldest', 'complete'], fields: {} };

function completeness(record: Record<string, unknown>, fields: readonly string[]): number {
  return fields.filter((f) => !isBlank(record[f])).length;
}

/** Members ranked best first, with the reason the first one won. */
export function rankMembers(
  members: Candidate[],
  fields: readonly string[],
  options: SurvivorshipOptions,
): { ranked: Candidate[]; reason: string } {
  const time = (c: Candidate) => Date.parse(String(c.record.created_at ?? '')) || Number.MAX_SAFE_INTEGER;
  const keyOf: Record<SurvivorRule, (c: Candidate) => number> = {
    linked: (c) => -c.linked,
    oldest: (c) => time(c),
    complete: (c) => -completeness(c.record, fields),
  };
  const ranked = [...members].sort((a, b) => {
    for (const rule of options.rules) {
      const d = keyOf[rule](a) - keyOf[rule](b);
      if (d !== 0) return d;
    }
    return a.id - b.id;
  });
  const [first, second] = ranked;
  let reason = 'lowest id (all else equal)';
  if (first && second) {
    const decisive = options.rules.find((rule) => keyOf[rule](first) !== keyOf[rule](second));
    if (decisive === 'linked') reason = `most linked records (${first.linked} vs ${second.linked})`;
    else if (decisive === 'oldest') reason = `oldest (created ${String(first.record.created_at).slice(0, 10)})`;
    else if (decisive === 'complete') reason = `most complete (${completeness(first.record, fields)} fields filled)`;
  }
  return { ranked, reason };
}

/**
 * The survivor's fields after the merge, as a PUT payload of what changes.
 * `ranked[0]` is the survivor.
 */
export function mergeFields(
  ranked: Candidate[],
  fields: readonly string[],
  options: SurvivorshipOptions,
): { payload: Record<string, unknown>; changes: FieldChange[] } {
  const [survivor, ...others] = ranked;
  if (!survivor) return { payload: {}, changes: [] };
  const payload: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  const set = (field: string, value: unknown) => {
    if (sameValue(field, value, survivor.record[field])) return;
    payload[field] = value;
    changes.push({ field, before: survivor.record[field] ?? null, after: value });
  };
  const newestFirst = [...ranked].sort((a, b) => String(b.record.updated_at ?? '').localeCompare(String(a.record.updated_at ?? '')));
  for (const field of fields) {
    if (field === 'notes' || field === 'properties') continue;
    const rule = options.fields[field] ?? 'survivor';
    if (rule === 'newest') {
      const source = newestFirst.find((c) => !isBlank(c.record[field]));
      if (source) set(field, source.record[field]);
    } else if (isBlank(survivor.record[field])) {
      const source = others.find((c) => !isBlank(c.record[field]));
      if (source) set(field, source.record[field]);
    }
  }
  const mine = (survivor.record.properties ?? {}) as Record<string, unknown>;
  const properties: Record<string, unknown> = { ...mine };
  if (fields.includes('properties')) {
    let grew = false;
    for (const c of others) {
      for (const [k, v] of Object.entries((c.record.properties ?? {}) as Record<string, unknown>)) {
        if (isBlank(properties[k]) && !isBlank(v)) {
          properties[k] = v;
          grew = true;
          changes.push({ field: `properties.${k}`, before: mine[k] ?? null, after: v });
        }
      }
    }
    if (grew) payload.properties = properties;
  }
  if (fields.includes('notes')) {
    const kept = (field: string): unknown => (field in payload ? payload[field] : survivor.record[field]);
    // What the survivor does not keep of a duplicate: its lines, so deleting the duplicate loses no value.
    const notKept = (c: Candidate): string[] => [
      ...fields
        .filter((f) => f !== 'notes' && f !== 'properties' && !isBlank(c.record[f]) && !sameValue(f, c.record[f], kept(f)))
        .map((f) => `${f}: ${String(c.record[f])}`),
      ...(fields.includes('properties') ? Object.entries((c.record.properties ?? {}) as Record<string, unknown>) : [])
        .filter(([k, v]) => !isBlank(v) && !sameValue(k, v, properties[k]))
        .map(([k, v]) => `${k}: ${String(v)}`),
    ];
    const extra = others
      .map((c) => ({ c, lines: [...(isBlank(c.record.notes) ? [] : [String(c.record.notes).trim()]), ...notKept(c)] }))
      .filter(({ lines }) => lines.length > 0)
      .map(({ c, lines }) => `--- merged from #${c.id} (${c.label}):\n${lines.join('\n')}`);
    if (extra.length) set('notes', [String(survivor.record.notes ?? '').trim(), ...extra].filter(Boolean).join('\n'));
  }
  return { payload, changes };
}
