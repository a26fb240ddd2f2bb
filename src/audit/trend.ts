/**
 * Audit trend: compares this audit's clusters with the previous audit's run
 * folder — how many clusters it found, how many of those are merged now
 * (fewer than two of their records remain), and how many are new since.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUDIT_FILE = 'audit.json';

export interface AuditRecord {
  createdAt: string;
  customerClusters: number[][];
  contactClusters: number[][];
}

export interface AuditTrend {
  previousRun: string;
  previousCreatedAt: string;
  previousClusters: number;
  mergedSince: number;
  stillOpen: number;
  newSince: number;
}

export function previousAudit(runsRoot: string, currentDir: string): { dir: string; record: AuditRecord } | undefined {
  if (!existsSync(runsRoot)) return undefined;
  const dirs = readdirSync(runsRoot)
    .filter((n) => /-audit(-\d+)?$/.test(n) && join(runsRoot, n) !== currentDir && existsSync(join(runsRoot, n, AUDIT_FILE)))
    .sort();
  const last = dirs[dirs.length - 1];
  if (!last) return undefined;
  return { dir: join(runsRoot, last), record: JSON.parse(readFileSync(join(runsRoot, last, AUDIT_FILE), 'utf8')) as AuditRecord };
}

/** `existing` tells whether a customer/contact id still exists now. */
export function compareAudits(
  previous: { dir: string; record: AuditRecord },
  current: AuditRecord,
  existing: { customers: Set<number>; contacts: Set<number> },
): AuditTrend {
  const key = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');
  const prevKeys = new Set([
    ...previous.record.customerClusters.map((c) => `c${key(c)}`),
    ...previous.record.contactClusters.map((c) => `k${key(c)}`),
  ]);
  const overlapsPrevious = (ids: number[], kind: 'c' | 'k') => {
    const list = kind === 'c' ? previous.record.customerClusters : previous.record.contactClusters;
    return prevKeys.has(`${kind}${key(ids)}`) || list.some((p) => p.some((id) => ids.includes(id)));
  };
  const merged = (ids: number[], pool: Set<number>) => ids.filter((id) => pool.has(id)).length < 2;
  const prev = [
    ...previous.record.customerClusters.map((c) => ({ ids: c, pool: existing.customers })),
    ...previous.record.contactClusters.map((c) => ({ ids: c, pool: existing.contacts })),
  ];
  const mergedSince = prev.filter((p) => merged(p.ids, p.pool)).length;
  const newSince =
    current.customerClusters.filter((c) => !overlapsPrevious(c, 'c')).length +
    current.contactClusters.filter((c) => !overlapsPrevious(c, 'k')).length;
  return {
    previousRun: previous.dir,
    previousCreatedAt: previous.record.createdAt,
    previousClusters: prev.length,
    mergedSince,
    stillOpen: prev.length - mergedSince,
    newSince,
  };
}
