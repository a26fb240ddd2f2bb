/**
 * `planImport`: the import's dry run for a script — read, map and validate
 * the files, snapshot Syncro, plan, and write the run folder (plan.json,
 * reports, rejects). Nothing is written to Syncro; apply the run with `applyRun`.
 */
import type { EventSink } from '../events.js';
import type { LoadOptions, LoadResult } from '../ingest/load.js';
import type { FieldMode } from '../plan/diff.js';
import type { PlanOptions } from '../plan/options.js';
import type { Plan, PlanWithout } from '../plan/schema.js';
import { planImport as planImportRun } from '../run/import.js';
import type { RunConnection } from './run-target.js';

/** How files are read: a template name or path (default detected), sheet, delimiter, encoding, country… */
export type ReadFileOptions = Omit<LoadOptions, 'onEvent'>;

export interface PlanImportOptions {
  /** CSV or XLSX files: one export, or several of the same shape (a companies and a contacts file join). */
  files: string[];
  syncro: RunConnection;
  read?: ReadFileOptions;
  /** Blank cells: leave Syncro's value (skip, default) or erase it (clear). */
  blank?: PlanOptions['blank'];
  /** Existing records: overwrite differing fields (default) or fill empty ones only. */
  update?: PlanOptions['update'];
  /** Per-field policy, e.g. `{ notes: 'never' }`; wins over the template's and `update`. */
  fields?: Record<string, FieldMode>;
  /** Rows that are the same customer: merge (default) or a conflict to decide. */
  inFileDuplicates?: PlanOptions['inFileDuplicates'];
  /** Fuzzy matching after id and email (default true). */
  fuzzy?: boolean;
  /** Where .syncro-etl/runs is (default process.cwd()). */
  cwd?: string;
  onEvent?: EventSink;
}

export interface PlanImportResult {
  runDir: string;
  /** The plan but its operations: target, inputs, options, snapshot, summary (counts, calls, time). */
  head: PlanWithout<'operations'>;
  /** The whole plan, read back from the run's plan.json when first used (a big plan costs its size in memory then). */
  readonly plan: Plan;
  /** What was read: counts, the template chosen, per-file summaries, rejects and warnings. */
  load: LoadResult;
  /** The files written into the run folder. */
  files: string[];
}

/**
 * @example
 * const planned = await planImport({ files: ['clients.csv'], syncro, fields: { notes: 'never' } });
 * console.log(planned.plan.summary.counts, planned.runDir);
 */
export async function planImport(options: PlanImportOptions): Promise<PlanImportResult> {
  const country = options.read?.defaultCountry ?? 'US';
  const plan: Partial<PlanOptions> = {
    country,
    rateLimit: options.syncro.client.http.limiter.perMinute,
    ...(options.blank ? { blank: options.blank } : {}),
    ...(options.update ? { update: options.update } : {}),
    ...(options.inFileDuplicates ? { inFileDuplicates: options.inFileDuplicates } : {}),
    ...(options.fields ? { fields: options.fields } : {}),
  };
  // Fuzzy: links to Syncro's customers, and customers of the input alike but not proven one held for a person.
  const matcher = options.fuzzy === false ? undefined : await import('../plan/matcher-linker.js');
  return planImportRun({
    files: options.files,
    load: { ...options.read, defaultCountry: country },
    plan,
    client: options.syncro.client,
    target: options.syncro.target,
    ...(matcher ? { linker: matcher.matcherLinker(), inFile: matcher.matcherInFile() } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.onEvent ? { events: options.onEvent } : {}),
  });
}
