/**
 * A plan's fingerprint: the first 16 hex digits of the sha256 of plan.json's
 * bytes. The reports carry it so decisions are never read back against a
 * different plan than the one the person reviewed.
 */
import { createHash } from 'node:crypto';
import { planPieces } from '../plan/io.js';
import type { Plan } from '../plan/schema.js';

export function planFingerprint(plan: Plan): string {
  // Hashed piece by piece: the same bytes as serializePlan, never held whole.
  const hash = createHash('sha256');
  for (const piece of planPieces(plan)) hash.update(piece);
  return hash.digest('hex').slice(0, 16);
}
