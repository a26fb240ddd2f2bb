/**
 * The field policy a plan was made with, read back from `plan.options` so
 * that apply re-diffs (a conflict decided as "#id") exactly as the planner
 * diffed: blank and update modes, the country for phones and states, and
 * the per-field modes (`notes=never` must stay never at write time). The plan
 * schema has already refused options it cannot type (plan/schema.ts).
 */
import type { DiffPolicy } from '../plan/diff.js';
import { DEFAULT_PLAN_OPTIONS } from '../plan/options.js';
import type { Plan } from '../plan/schema.js';

/** The plan's DiffPolicy. An audit plan diffs by no field policy of its own (its merges carry their merged fields): the defaults. */
export function planPolicy(plan: Plan): DiffPolicy {
  const { blank, update, fields, country } = plan.command === 'import' ? plan.options : DEFAULT_PLAN_OPTIONS;
  const policy: DiffPolicy = { blank, update, country: country ?? DEFAULT_PLAN_OPTIONS.country ?? 'US' };
  return fields && Object.keys(fields).length ? { ...policy, fields } : policy;
}
