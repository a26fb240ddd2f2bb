/** The import command's steps: plan (dry run, through the application layer's planImport), show, and optionally apply. */
import { relative } from 'node:path';
import { RUN_FILES } from '../run-folder.js';
import { SyncroEtlError } from '../errors.js';
import type { EtlEvent } from '../events.js';
import type { FieldMode } from '../plan/diff.js';
import { planImport } from '../app/plan-import.js';
import type { ConnectionFlags } from '../syncro/config.js';
import type { CommandOutcome } from './command.js';
import { runApplyFlow, runConnectionOf } from './apply-flow.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { renderPlanSummary } from './render-plan.js';
import { openTarget } from './target.js';
import { loadOptionsFrom } from './read-options.js';
import type { ReadArgs } from './read-options.js';

export interface ImportArgs extends ReadArgs {
  files: string[];
  blank: 'skip' | 'clear';
  update: 'fill' | 'overwrite';
  inFileDuplicates: 'merge' | 'conflict';
  fieldMode?: string[];
  fuzzy: boolean;
  apply: boolean;
  yes: boolean;
  json: boolean;
}

/** `--field-mode notes=never` → { notes: 'never' }; a malformed one is a usage error. */
export function parseFieldModes(specs: string[] | undefined): Record<string, FieldMode> {
  const out: Record<string, FieldMode> = {};
  for (const spec of specs ?? []) {
    const m = /^([\w.: -]+)=(fill|overwrite|never)$/.exec(spec.trim());
    if (!m) throw new SyncroEtlError('INVALID_ARGUMENT', `--field-mode "${spec}": expected FIELD=fill|overwrite|never`);
    out[m[1]!.trim()] = m[2] as FieldMode;
  }
  return out;
}

/** The stages whose progress is told (the workbook's: operations written into it). */
const PROGRESS_STAGES = new Set(['read', 'plan', RUN_FILES.reportXlsx]);

/** Lines for a long read, plan or workbook: how far it is, every few seconds, so a big import never sits silent. */
export class StageProgress {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly everyMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  private readonly started = new Map<string, number>();

  line(e: EtlEvent): string | undefined {
    if (e.type === 'stage' && e.status === 'start') {
      this.last.set(e.stage, this.now());
      this.started.set(e.stage, this.now());
    }
    if (e.type !== 'progress' || !PROGRESS_STAGES.has(e.stage)) return undefined;
    const t = this.now();
    if (t - (this.last.get(e.stage) ?? t) < this.everyMs) return undefined;
    this.last.set(e.stage, t);
    const what = e.stage === 'read' ? 'rows' : 'operations';
    if (e.total === undefined || e.total <= 0) return `  ${e.stage}: ${e.done.toLocaleString('en-US')} ${what} so far…`;
    // Known total: how far, and the time left at the pace so far.
    const elapsed = t - (this.started.get(e.stage) ?? t);
    const left = e.done > 0 && elapsed > 0 ? Math.round(((e.total - e.done) * elapsed) / e.done / 1000) : undefined;
    const eta = left === undefined ? '' : `, about ${left < 60 ? `${left} s` : `${Math.floor(left / 60)} min ${left % 60} s`} left`;
    return `  ${e.stage}: ${e.done.toLocaleString('en-US')} of ${e.total.toLocaleString('en-US')} ${what}${eta}…`;
  }
}

export async function runImport(io: CliIO, outcome: CommandOutcome, args: ImportArgs, flags: ConnectionFlags): Promise<void> {
  const target = await openTarget(flags, io);
  const progress = new StageProgress();
  try {
    // The country of the reading options is the plan's too; the rate limit is the target's limiter's.
    const planned = await planImport({
      files: args.files,
      syncro: runConnectionOf(target),
      read: loadOptionsFrom(args),
      blank: args.blank,
      update: args.update,
      inFileDuplicates: args.inFileDuplicates,
      fields: parseFieldModes(args.fieldMode),
      fuzzy: args.fuzzy,
      onEvent: (e) => {
        if (e.type === 'stage' && e.status === 'done' && e.detail) io.err(`  ${e.stage}: ${e.detail}`);
        const line = progress.line(e);
        if (line) io.err(line);
      },
    });
    const { head: plan, load: loaded, runDir } = planned;
    const where = relative(process.cwd(), runDir) || runDir;
    if (args.json) {
      io.out(
        JSON.stringify(
          {
            runDir,
            template: loaded.template,
            counts: loaded.counts,
            guesses: loaded.files.flatMap((f) => f.guesses.map((g) => `${f.file}: ${g}`)),
            summary: plan.summary,
            files: planned.files,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(
        `Read ${loaded.counts.rowsRead} rows: ${loaded.counts.valid} valid, ${loaded.counts.rejected} rejected, ${loaded.counts.warnings} warnings (template ${loaded.template.name}, ${loaded.template.detected ? 'detected' : 'chosen'}, confidence ${Math.round(loaded.template.confidence * 100)}%).`,
      );
      for (const f of loaded.files) for (const g of f.guesses) io.out(`Guessed: ${f.file}: ${g}.`);
      io.out(renderPlanSummary(plan));
      io.out(`Run folder: ${where}  (${planned.files.join(', ')})`);
    }
    const writes = plan.summary.writeCalls;
    if (!args.apply) {
      io.err(
        writes > 0
          ? `This was a dry run: nothing was written. Review ${where}/report.xlsx, then: syncro-etl apply ${where}`
          : 'Nothing to write.',
      );
      outcome.exitCode = EXIT.OK;
      return;
    }
    if (writes === 0 && plan.summary.counts.conflict === 0) {
      io.err('Nothing to write.');
      return;
    }
    if (!args.yes && !(await io.confirm(`Apply ${writes} writes to ${target.isSandbox ? 'the LOCAL SANDBOX' : target.baseUrl}?`))) {
      io.err(`Not applied${io.isTTY ? '' : ' (no terminal to confirm on: add --yes)'}. Later: syncro-etl apply ${where}`);
      outcome.exitCode = EXIT.ABORTED;
      return;
    }
    await runApplyFlow(io, outcome, target, runDir, { json: args.json, resumeCommand: `syncro-etl apply ${where}` });
  } finally {
    await target.close();
  }
}
