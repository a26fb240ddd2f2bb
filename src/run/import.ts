/**
 * The import's dry run, start to end: read and map the files, snapshot
 * Syncro, assemble the plan, and write the run folder (plan, snapshot,
 * rejects, reports). Nothing is written to Syncro here.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { ContactSpill } from '../ingest/contact-spill.js';
import { loadRecords } from '../ingest/load.js';
import { RecordShelf } from '../ingest/record-shelf.js';
import type { LoadOptions, LoadResult } from '../ingest/load.js';
import { writeRejectsCsv } from '../ingest/rejects.js';
import { importOperations, importPlanHead } from '../plan/assemble.js';
import type { ImportPlanInput, Likeness } from '../plan/assemble.js';
import { operationJson, parsePlan, PlanFileWriter } from '../plan/io.js';
import type { CustomerLinker, InFileMatcher } from '../plan/linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../plan/options.js';
import type { PlanOptions } from '../plan/options.js';
import type { Plan, PlanWithout } from '../plan/schema.js';
import { stableStringify } from '../plan/io.js';
import { SnapshotIndex } from '../plan/snapshot-index.js';
import { SummaryCounter } from '../plan/summary.js';
import type { PlanReportSource } from '../report/plan-source.js';
import type { SyncroClient } from '../syncro/client.js';
import { takeSnapshot } from '../syncro/snapshot.js';
import { createRunFolder, RUN_FILES } from '../run-folder.js';
import { collectGarbage, collectingAlong } from './garbage.js';
import { PlanSpill } from './plan-spill.js';
import { sizeText, writeSourceReports } from './reports.js';

export interface ImportRequest {
  files: string[];
  load?: LoadOptions;
  plan?: Partial<PlanOptions>;
  client: SyncroClient;
  target: Plan['target'];
  cwd?: string;
  events?: EventSink;
  linker?: CustomerLinker;
  inFile?: InFileMatcher;
  now?: () => Date;
}

export interface ImportPlanned {
  runDir: string;
  /** The plan but its operations (the summary counts them), as written to plan.json. */
  head: PlanWithout<'operations'>;
  /**
   * The whole plan, read back from plan.json when first asked for (the dry
   * run itself never holds it: a big plan costs its size in memory here).
   */
  readonly plan: Plan;
  /** What was read; its `customers` are empty (the import kept them as text and their contacts on disk, and let each go once planned): `totals` counts them. */
  load: LoadResult;
  files: string[];
}

/** Operations planned between two progress events. */
const PROGRESS_EVERY = 10_000;

export async function planImport(req: ImportRequest): Promise<ImportPlanned> {
  // The contacts wait on disk until their customer is planned: memory grows with the customers, not the rows.
  const contacts = new ContactSpill();
  try {
    return await planWithSpill(req, contacts);
  } finally {
    contacts.close();
  }
}

async function planWithSpill(req: ImportRequest, contacts: ContactSpill): Promise<ImportPlanned> {
  const events = collectingAlong(req.events ?? silentSink);
  const now = req.now ?? (() => new Date());
  events({ type: 'stage', stage: 'read', status: 'start', detail: req.files.join(', ') });
  // The customers wait as text: the planner reads each back when it needs it.
  const shelf = new RecordShelf();
  const load = await loadRecords(req.files, { ...req.load, spillContacts: contacts, shelf, onEvent: events });
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
    detail: `${shelf.length} customers against ${snapshot.customers.length} in Syncro${req.inFile ? ', alike customers within the file first' : ''}`,
  });
  const input = {
    // The records are the planner's now: it lets go of each once planned.
    records: shelf,
    issues: load.issues,
    snapshot,
    inputs: await describeInputs(req.files, load),
    template: { name: load.template.name, confidence: load.template.confidence },
    target: req.target,
    options,
    ...(req.linker ? { linker: req.linker } : {}),
    ...(req.inFile ? { inFile: req.inFile } : {}),
    contactStore: contacts,
  };
  const planned = await streamPlan(runDir, input, events);

  await writeRejectsCsv(
    join(runDir, RUN_FILES.rejects),
    load.issues.filter((i) => i.severity === 'error'),
  );
  await writeFile(
    join(runDir, RUN_FILES.run),
    `${stableStringify({ command: 'import', createdAt: now().toISOString(), files: req.files, target: req.target })}\n`,
  );
  let reports: string[];
  try {
    const source = countingReads(planned.source, RUN_FILES.reportXlsx, events);
    reports = await writeSourceReports(runDir, source, load.issues, { fingerprint: planned.sha256.slice(0, 16), events });
  } finally {
    await planned.spill.remove();
  }
  const planPath = join(runDir, RUN_FILES.plan);
  let plan: Plan | undefined;
  return {
    runDir,
    head: planned.source.head,
    get plan() {
      return (plan ??= parsePlan(readFileSync(planPath, 'utf8'), planPath));
    },
    load,
    files: [RUN_FILES.plan, RUN_FILES.snapshot, RUN_FILES.rejects, ...reports],
  };
}

/**
 * Plans and writes as it goes: each operation, once planned, goes to
 * plan.json, to the report parts spilled in the run folder and to the
 * summary counts, and is let go. Returns plan.json's sha256 and the reports'
 * source (its spill files are the caller's to remove).
 */
async function streamPlan(
  runDir: string,
  input: ImportPlanInput,
  events: EventSink,
): Promise<{ sha256: string; source: PlanReportSource; spill: PlanSpill }> {
  const index = new SnapshotIndex(input.snapshot);
  const head = importPlanHead(input);
  const planPath = join(runDir, RUN_FILES.plan);
  const writer = new PlanFileWriter(planPath, head);
  const spill = new PlanSpill(runDir);
  const counter = new SummaryCounter();
  try {
    let n = 0;
    let likeness: Likeness | undefined;
    const how = { handOver: true, betweenPasses: collectGarbage, onLikeness: (l: Likeness) => (likeness = l) };
    for (const op of importOperations(input, index, how)) {
      const json = operationJson(op);
      counter.add(op);
      await writer.add(op, json);
      await spill.add(op, json);
      if (++n === 1) collectGarbage(); // what folding the input in-file left
      if (n % PROGRESS_EVERY === 0) events({ type: 'progress', stage: 'plan', done: n });
    }
    events({ type: 'progress', stage: 'plan', done: n });
    events({ type: 'stage', stage: 'plan', status: 'done', detail: `${n} operations` });
    const counted = counter.summary(input.options.rateLimit, index);
    const summary = likeness ? { ...counted, likeness } : counted;
    events({ type: 'stage', stage: RUN_FILES.plan, status: 'start' });
    const sha256 = await writer.finish({ summary });
    events({ type: 'stage', stage: RUN_FILES.plan, status: 'done', detail: await sizeText(planPath) });
    return { sha256, source: await spill.close({ ...head, summary }), spill };
  } catch (err) {
    await writer.abort();
    await spill.remove();
    throw err;
  }
}

/** `source`, telling how many operations the reports have read so far (progress, and a moment to collect garbage). */
function countingReads(source: PlanReportSource, stage: string, events: EventSink): PlanReportSource {
  let done = 0;
  const total = Object.values(source.head.summary.counts).reduce((a, b) => a + b, 0);
  return {
    ...source,
    *operations(part) {
      for (const op of source.operations(part)) {
        yield op;
        if (++done % PROGRESS_EVERY === 0) events({ type: 'progress', stage, done, ...(done <= total ? { total } : {}) });
      }
    },
  };
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
