/**
 * The field policy a plan was made with, read back from `plan.options` so
 * that apply re-diffs (a conflict decided as "#id") exactly as the planner
 * diffed: blank and update modes, the country for phones and states, and
 * the per-field modes (`notes=never` must stay never at write time).
 */
import { z } from 'zod';
import type { DiffPolicy } from '../plan/diff.js';
import { DEFAULT_PLAN_OPTIONS } from '../plan/options.js';
import { SyncroEtlError } from '../errors.js';

const PolicySchema = z.object({
  blank: z.enum(['skip', 'clear']).default(DEFAULT_PLAN_OPTIONS.blank),
  update: z.enum(['fill', 'overwrite']).default(DEFAULT_PLAN_OPTIONS.update),
  fields: z.record(z.string(), z.enum(['fill', 'overwrite', 'never'])).optional(),
  country: z.string().default(DEFAULT_PLAN_OPTIONS.country ?? 'US'),
});

/** The plan's DiffPolicy; a policy apply cannot read is refused rather than guessed. */
export function planPolicy(options: Record<string, unknown>): DiffPolicy {
  const parsed = PolicySchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncroEtlError(
      'PLAN_INVALID',
      `plan.json options cannot be read as a field policy (${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}); plan again`,
    );
  }
  const { fields, ...rest } = parsed.data;
  return fields && Object.keys(fields).length ? { ...rest, fields } : rest;
}
