/**
 * A plan's fingerprint: the first 16 hex digits of the sha256 of plan.json's
 * bytes. The reports carry it so decisions are never read back against a
 * different plan than the one the person reviewed.
 */
import { createHash } from 'node:crypto';
import { planPieces } from '../plan/io.js';
import type { PlanLayout } from '../plan/io.js';
import type { Plan } from '../plan/schema.js';

export function planFingerprint(plan: Plan, layout: PlanLayout = 'lines'): string {
  // Hashed piece by piece: the same bytes as serializePlan, never held whole.
  const hash = createHash('sha256');
  for (const piece of planPieces(plan, layout)) hash.update(piece);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Whether `fingerprint` is `plan`'s, in the layout plan.json is written in now
 * (`current`, when the caller has it already) or the indented one of plans
 * written before (a report of such a run, reviewed before this version, still
 * fits its plan). The older layout is hashed only when the current one differs.
 */
export function isPlanFingerprint(fingerprint: string, plan: Plan, current = planFingerprint(plan)): boolean {
  return fingerprint === current || fingerprint === planFingerprint(plan, 'indented');
}
