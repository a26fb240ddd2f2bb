/**
 * The audit, start to end: snapshot Syncro (or read an export), cluster
 * duplicate customers and contacts, read the linked records of the clustered
 * customers only, assemble the merge plan, compare with the previous audit,
 * and write the run folder. Nothing is written to Syncro here.
 */
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assembleAuditPlan } from '../audit/assemble.js';
import { findAuditClusters } from '../audit/find.js';
import { gatherLinked } from '../audit/gather.js';
import { DEFAULT_SURVIVORSHIP } from '../audit/survivorship.js';
import type { SurvivorshipOptions } from '../audit/survivorship.js';
import { AUDIT_FILE, compareAudits, previousAudit } from '../audit/trend.js';
import type { AuditRecord, AuditTrend } from '../audit/trend.js';
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { stableStringify, writePlan } from '../plan/io.js';
import type { Plan } from '../plan/schema.js';
import { renderAuditHtml } from '../report/audit-html.js';
import { writeAuditXlsx } from '../report/audit-xlsx.js';
import type { SyncroClient } from '../syncro/client.js';
import type { Snapshot } from '../syncro/snapshot.js';
import { takeSnapshot } from '../syncro/snapshot.js';
import { createRunFolder, RUN_FILES } from '../run-folder.js';
import { writeRunReports } from './reports.js';

export interface AuditRequest {
  client: SyncroClient;
  target: Plan['target'];
  /** Use this snapshot (e.g. built from an export file) instead of reading Syncro. */
  snapshot?: Snapshot;
  survivorship?: SurvivorshipOptions;
  finally?: 'delete' | 'disable';
  rateLimit: number;
  cwd?: string;
  events?: EventSink;
  now?: () => Date;
}

export interface AuditDone {
  runDir: string;
  plan: Plan;
  trend?: AuditTrend;
  clusters: { customers: number; contacts: number };
  /** API calls the audit itself took (snapshot + linked records). */
  requests: number;
  files: string[];
}

export async function runAudit(req: AuditRequest): Promise<AuditDone> {
  const events = req.events ?? silentSink;
  const now = req.now ?? (() => new Date());
  const requestsBefore = req.client.http.requestsSent;
  const runDir = createRunFolder(req.cwd ?? process.cwd(), 'audit', now());
  const snapshot = req.snapshot ?? (await takeSnapshot(req.client, events, now));
  await writeFile(join(runDir, RUN_FILES.snapshot), `${stableStringify(snapshot)}\n`);

  events({ type: 'stage', stage: 'match', status: 'start' });
  const found = findAuditClusters(snapshot);
  events({
    type: 'stage',
    stage: 'match',
    status: 'done',
    detail: `${found.customers.length} customer clusters, ${found.contacts.length} contact clusters (${found.comparisons} comparisons)`,
  });

  // Tickets are needed to repoint them only where contacts merge: duplicates under one customer.
  const ownerOf = new Map(snapshot.contacts.map((k) => [k.id, k.customer_id]));
  const contactOwners = found.contacts
    .map((c) => [...new Set(c.members.map((id) => ownerOf.get(id)))])
    .filter((owners) => owners.length === 1 && owners[0] !== undefined)
    .map((owners) => owners[0]!);
  const linked = await gatherLinked(
    req.client,
    found.customers.flatMap((c) => c.members),
    contactOwners,
    events,
  );

  const plan = assembleAuditPlan({
    snapshot,
    customerClusters: found.customers,
    contactClusters: found.contacts,
    linked,
    survivorship: req.survivorship ?? DEFAULT_SURVIVORSHIP,
    finally: req.finally ?? 'delete',
    rateLimit: req.rateLimit,
    target: req.target,
  });
  const sha256 = await writePlan(join(runDir, RUN_FILES.plan), plan);

  const record: AuditRecord = {
    createdAt: now().toISOString(),
    customerClusters: found.customers.map((c) => c.members),
    contactClusters: found.contacts.map((c) => c.members),
  };
  await writeFile(join(runDir, AUDIT_FILE), `${stableStringify(record)}\n`);
  const previous = previousAudit(dirname(runDir), runDir);
  const trend = previous
    ? compareAudits(previous, record, {
        customers: new Set(snapshot.customers.map((c) => c.id)),
        contacts: new Set(snapshot.contacts.map((k) => k.id)),
      })
    : undefined;
  await writeFile(
    join(runDir, RUN_FILES.run),
    `${stableStringify({ command: 'audit', createdAt: record.createdAt, target: req.target, ...(trend ? { trend } : {}) })}\n`,
  );
  const files = [
    RUN_FILES.plan,
    RUN_FILES.snapshot,
    AUDIT_FILE,
    ...(await writeRunReports(runDir, plan, [], { fingerprint: sha256.slice(0, 16) })),
    ...(await writeAuditReports(runDir, plan, trend)),
  ];
  return {
    runDir,
    plan,
    ...(trend ? { trend } : {}),
    clusters: { customers: found.customers.length, contacts: found.contacts.length },
    requests: req.client.http.requestsSent - requestsBefore,
    files,
  };
}

/** audit.xlsx and audit.html with the trend, each via a temporary file (a reader never sees half a report). */
async function writeAuditReports(runDir: string, plan: Plan, trend: AuditTrend | undefined): Promise<string[]> {
  const xlsx = join(runDir, RUN_FILES.auditXlsx);
  await writeAuditXlsx(`${xlsx}.tmp`, plan, trend);
  await rename(`${xlsx}.tmp`, xlsx);
  const page = join(runDir, RUN_FILES.auditHtml);
  await writeFile(`${page}.tmp`, renderAuditHtml(plan, trend), 'utf8');
  await rename(`${page}.tmp`, page);
  return [RUN_FILES.auditXlsx, RUN_FILES.auditHtml];
}
