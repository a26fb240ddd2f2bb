/**
 * The rules of one entity (a row's company part or its contact part) as one
 * function, written out for the template once. Calling each compiled rule
 * in turn from a loop is a call through a site that sees every rule and
 * every store (megamorphic, never inlined): rows took a third longer to map
 * that way. The generated function does what that loop does,
 * rule after rule in template order: a column or join rule reads and trims
 * its cells in place and, without a value map, stores its text in place (a
 * field, a custom field or a note line); anything else (a value map, a
 * default, a name part, a constant, a store that converts or checks) calls
 * that rule's own compiled function or assigner, each from a site of its
 * own. test/ingest/generated.test.ts checks the mapper against the loop's.
 */
import type { BoundRule } from '../templates/compile.js';
import { stripProtectiveApostrophe } from '../templates/values.js';
import { storeOf } from './assign.js';
import type { Assign } from './assign.js';
import type { Entity } from './draft.js';
import { mapLookup, NOT_IN_MAP, readsText } from './rule.js';
import { comment, literal, readCode } from './rule-code.js';
import type { ApplyRule } from './rule.js';

/** One rule of the part, as map-row.ts compiles it. */
export interface PartRule {
  rule: BoundRule;
  /** Cell indexes of its columns. */
  cols: readonly number[];
  /** The rule on its own (compileRule): the same result, one call per rule. */
  apply: ApplyRule;
  /** Its store (assigner). */
  assign: Assign;
}

/** The part as the loop over its rules: what the generated function must equal, and what is used where code cannot be generated. */
export function partLoop(rules: readonly PartRule[]): ApplyRule {
  const applies = rules.map((r) => r.apply);
  return (state, cells) => {
    let hit = false;
    for (let k = 0; k < applies.length; k++) if ((applies[k] as ApplyRule)(state, cells)) hit = true;
    return hit;
  };
}

/** The statements of rule `k`: its value into `v`, then stored; `hit` set when a cell gave it. */
function ruleCode(entity: Entity, r: PartRule, k: number, strip: boolean): string {
  const { rule, cols } = r;
  if (!readsText(rule) || cols.length === 0) return `  if (apply[${k}](state, cells)) hit = true;`;
  const lines = [readCode(rule, cols, strip)];
  const draft = `state.${entity}`;
  const store = storeOf(entity, rule.target);
  let set = `assign[${k}](state, v);`;
  if (rule.map) set = `m = lookup[${k}](v); if (m !== null) { assign[${k}](state, m === NOT_IN_MAP ? v : m); hit = true; }`;
  else if (store.kind === 'field' && store.name !== '__proto__') set = `${draft}.fields[${literal(store.name)}] = v;`;
  else if (store.kind === 'property' && store.name !== '__proto__') set = `${draft}.properties[${literal(store.name)}] = v;`;
  else if (store.kind === 'note') set = `${draft}.addNote(${literal(store.prefix)} + v);`;
  const stored = rule.map ? set : `${set} hit = true;`;
  // An empty cell: the rule's default, if it has one, through the rule itself.
  const empty = rule.default === undefined ? '' : ` else if (apply[${k}](state, cells)) hit = true;`;
  lines.push(`  if (v !== '') { ${stored} }${empty}`);
  return `${comment(rule.target)}\n${lines.join('\n')}`;
}

/**
 * The part's rules as one function: true when some rule read a non-empty
 * cell, as for the loop. Falls back to the loop where code cannot be
 * generated (node --disallow-code-generation-from-strings).
 * @example compilePart('contact', rules, true)(state, row.cells)
 */
export function compilePart(entity: Entity, rules: readonly PartRule[], strip: boolean): ApplyRule {
  const lookups = rules.map((r) => (readsText(r.rule) && r.rule.map ? mapLookup(r.rule.map) : undefined));
  const body = rules.map((r, k) => ruleCode(entity, r, k, strip)).join('\n');
  const source = `return function part(state, cells) {\n  let hit = false, v, t, m, c;\n${body}\n  return hit;\n};`;
  try {
    return new Function('strip', 'apply', 'assign', 'lookup', 'NOT_IN_MAP', source)(
      stripProtectiveApostrophe,
      rules.map((r) => r.apply),
      rules.map((r) => r.assign),
      lookups,
      NOT_IN_MAP,
    ) as ApplyRule;
  } catch {
    return partLoop(rules);
  }
}
