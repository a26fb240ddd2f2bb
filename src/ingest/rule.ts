/**
 * A template rule compiled for one file: its columns resolved to cell
 * indexes, and one function that evaluates the rule on a row's cells and
 * stores the value (see {@link compileRule}). The general evaluation is
 * {@link ruleValue}; the common rules (a column or a join, no name part)
 * take a shorter path to the same result, which matters when it runs for
 * every rule of every row of a million-row file.
 */
import type { BoundRule, Scalar } from '../templates/compile.js';
import { valueKey } from '../templates/compile.js';
import { stripProtectiveApostrophe } from '../templates/values.js';
import type { Assign } from './assign.js';
import { addIssue } from './draft.js';
import type { Entity, RowState } from './draft.js';
import { personParts } from './person.js';
import { textMemo } from './text-memo.js';

/** Evaluate the rule on a row and store its value; true when the value came from a cell (not a default or constant). */
export type ApplyRule = (state: RowState, cells: readonly string[]) => boolean;

const tokens = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The cell at index `i` as rules read it ('' when missing; the protective apostrophe stripped when the template says so). */
export const cellText = (cells: readonly string[], i: number, strip: boolean): string => {
  const v = cells[i] ?? '';
  return strip ? stripProtectiveApostrophe(v) : v;
};

/** The trimmed text a column or join rule reads ('' when its cells are empty). */
function readText(cells: readonly string[], cols: readonly number[], separator: string, strip: boolean): string {
  if (cols.length === 1) return cellText(cells, cols[0] as number, strip).trim();
  let joined = '';
  for (let k = 0; k < cols.length; k++) {
    const s = cellText(cells, cols[k] as number, strip).trim();
    if (s !== '') joined = joined === '' ? s : joined + separator + s;
  }
  return joined;
}

/** Evaluate one rule for a row; undefined when it yields nothing. `hit.fromCell` says a cell was read. */
export function ruleValue(
  rule: BoundRule,
  cols: readonly number[],
  cells: readonly string[],
  strip: boolean,
  state: RowState,
  entity: Entity,
  hit: { fromCell: boolean },
): Scalar | undefined {
  let v: Scalar | undefined;
  hit.fromCell = false;
  if (rule.kind === 'column' || rule.kind === 'join') {
    const s = readText(cells, cols, rule.separator, strip);
    if (s !== '') {
      v = s;
      hit.fromCell = true;
    }
  } else if (rule.kind === 'const') v = rule.const;
  if (v === undefined) v = rule.default;
  if (v === undefined) return undefined;
  if (rule.part && hit.fromCell) {
    v = namePart(rule, String(v), state, entity);
    if (v === '') return undefined;
  }
  if (rule.map && typeof v === 'string') {
    const k = valueKey(v);
    if (rule.map.has(k)) {
      const m = rule.map.get(k);
      return m === null ? undefined : m;
    }
  }
  return v;
}

/** First or last name of a full-name cell; words the split leaves out are kept in the notes. */
function namePart(rule: BoundRule, full: string, state: RowState, entity: Entity): string {
  const p = personParts(full);
  const kept = new Set(tokens(`${p.first} ${p.last}`));
  const lost = tokens(full).filter((t) => !kept.has(t));
  if (lost.length > 0) {
    const draft = entity === 'customer' ? state.customer : state.contact;
    const line = `Full name in source: ${full}`;
    if (!draft.noteLines.includes(line)) draft.noteLines.push(line);
    addIssue(state, {
      field: rule.columns.join(' + '),
      value: full,
      code: 'NAME_PARTS_DROPPED',
      severity: 'warning',
      message: `"${full}" was split into first "${p.first}" and last "${p.last}" (${lost.join(', ')} left out); the full name was kept in the notes`,
    });
  }
  return rule.part === 'first' ? p.first : p.last;
}

/** What {@link mapLookup} answers for a text the map does not name (the text is kept). */
export const NOT_IN_MAP = Symbol('not in map');
const MAX_MEMO = 1_000;

/**
 * `rule.map` looked up for a cell text (what `ruleValue` does), remembered
 * per text (see textMemo): the lookup key costs a regex and a lowercase
 * copy each time.
 */
export function mapLookup(map: Map<string, Scalar | null>): (text: string) => Scalar | null | typeof NOT_IN_MAP {
  return textMemo((text) => {
    const k = valueKey(text);
    return map.has(k) ? (map.get(k) as Scalar | null) : NOT_IN_MAP;
  }, MAX_MEMO);
}

/** A column or join rule without a name part: its value is its cells' text, mapped (what {@link compileRule} and part.ts write out). */
export const readsText = (rule: BoundRule): boolean => (rule.kind === 'column' || rule.kind === 'join') && !rule.part;

/**
 * The rule as one function for this file's columns. Same result as
 * `ruleValue` then `assign` (and true when a cell was read and a value
 * stored): a column or join rule without a name part reads its text and
 * maps it directly; every other case (an empty cell, a constant, a name
 * part) goes through `ruleValue`.
 * @example compileRule(rule, 'contact', [3], true, assigner('contact', 'email'))(state, row.cells)
 */
export function compileRule(rule: BoundRule, entity: Entity, cols: readonly number[], strip: boolean, assign: Assign): ApplyRule {
  const hit = { fromCell: false };
  const general: ApplyRule = (state, cells) => {
    const v = ruleValue(rule, cols, cells, strip, state, entity, hit);
    if (v === undefined) return false;
    assign(state, v);
    return hit.fromCell;
  };
  if (!readsText(rule)) return general;
  const separator = rule.separator;
  const lookup = rule.map ? mapLookup(rule.map) : undefined;
  const noDefault = rule.default === undefined;
  return (state, cells) => {
    const text = readText(cells, cols, separator, strip);
    if (text === '') return noDefault ? false : general(state, cells);
    let v: Scalar = text;
    if (lookup) {
      const m = lookup(text);
      if (m === null) return false; // mapped to "leave empty"
      if (m !== NOT_IN_MAP) v = m;
    }
    assign(state, v);
    return true;
  };
}
