/**
 * The import's dry run, start to end: read and map the files, snapshot
 * Syncro, assemble the plan, and write the run folder (plan, snapshot,
 * rejects, reports). Nothing is written to Syncro here.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { loadRecords } from '../ingest/load.js';
import type { LoadOptions, LoadResult } from '../ingest/load.js';
import { writeRejectsCsv } from '../ingest/rejects.js';
import { assembleImportPlan } from '../plan/assemble.js';
import { writePlan } from '../plan/io.js';
import type { CustomerLinker } from '../plan/linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../plan/options.js';
import type { PlanOptions } from '../plan/options.js';
import type { Plan } from '../plan/schema.js';
import { stableStringify } from '../plan/io.js';
import type { SyncroClient } from '../syncro/client.js';
import { takeSnapshot } from '../syncro/snapshot.js';
import { createRunFolder, RUN_FILES } from '../run-folder.js';
import { sizeText, writeRunReports } from './reports.js';

export interface ImportRequest {
  files: string[];
  load?: LoadOptions;
  plan?: Partial<PlanOptions>;
  client: SyncroClient;
  target: Plan['target'];
  cwd?: string;
  events?: EventSink;
  linker?: CustomerLinker;
  now?: () => Date;
}

export interface ImportPlanned {
  runDir: string;
  plan: Plan;
  /** What was read; its `customers` are emptied once planned (the plan holds them), so memory is freed for the reports. */
  load: LoadResult;
  files: string[];
}

export async function planImport(req: ImportRequest): Promise<ImportPlanned> {
  const events = req.events ?? silentSink;
  const now = req.now ?? (() => new Date());
  events({ type: 'stage', stage: 'read', status: 'start', detail: req.files.join(', ') });
  const load = await loadRecords(req.files, { ...req.load, onEvent: events });
  events({
    type: 'stage',
    stage: 'read',
    status: 'done',
    detail: `${load.counts.rowsRead} rows, ${load.counts.valid} valid, ${load.counts.rejected} rejected`,
  });

  const runDir = createRunFolder(req.cwd ?? process.cwd(), 'import', now());
  const snapshot = await takeSnapshot(req.client, events, now);
  await writeFile(join(runDir, RUN_FILES.snapshot), `${stableStringify(snapshot)}\n`);

  const requested = stripUndefined(req.plan ?? {});
  // Field modes: the template's, then the command line's on top.
  const fields = { ...load.fieldModes, ...(requested.fields ?? {}) };
  const options: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...requested, ...(Object.keys(fields).length ? { fields } : {}) };
  events({
    type: 'stage',
    stage: 'plan',
    status: 'start',
    detail: `${load.customers.length} customers against ${snapshot.customers.length} in Syncro`,
  });
  const plan = assembleImportPlan({
    records: load.customers,
    issues: load.issues,
    snapshot,
    inputs: await describeInputs(req.files, load),
    template: { name: load.template.name, confidence: load.template.confidence },
    target: req.target,
    options,
    ...(req.linker ? { linker: req.linker } : {}),
  });
  // The plan now holds what was planned: the records can go before the reports are written.
  load.customers = [];
  events({ type: 'stage', stage: 'plan', status: 'done', detail: `${plan.operations.length} operations` });
  const planPath = join(runDir, RUN_FILES.plan);
  events({ type: 'stage', stage: RUN_FILES.plan, status: 'start' });
  const sha256 = await writePlan(planPath, plan);
  events({ type: 'stage', stage: RUN_FILES.plan, status: 'done', detail: await sizeText(planPath) });
  await writeRejectsCsv(
    join(runDir, RUN_FILES.rejects),
    load.issues.filter((i) => i.severity === 'error'),
  );
  await writeFile(
    join(runDir, RUN_FILES.run),
    `${stableStringify({ command: 'import', createdAt: now().toISOString(), files: req.files, target: req.target })}\n`,
  );
  const reports = await writeRunReports(runDir, plan, load.issues, { fingerprint: sha256.slice(0, 16), events });
  return { runDir, plan, load, files: [RUN_FILES.plan, RUN_FILES.snapshot, RUN_FILES.rejects, ...reports] };
}

async function describeInputs(files: string[], load: LoadResult): Promise<Plan['inputs']> {
  return Promise.all(
    files.map(async (file, i) => ({ file: basename(file), sha256: await sha256File(file), rows: load.files[i]?.rowsRead ?? 0 })),
  );
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
