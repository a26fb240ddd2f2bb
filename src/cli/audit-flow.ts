/** The audit command: its options parsed, planAudit (the application layer) run, the result rendered with the trend line. */
import { relative } from 'node:path';
import { SURVIVOR_RULES } from '../audit/survivorship.js';
import type { FieldRule, SurvivorRule, SurvivorshipOptions } from '../audit/survivorship.js';
import { SyncroEtlError } from '../errors.js';
import { planAudit } from '../app/plan-audit.js';
import type { ConnectionFlags } from '../syncro/config.js';
import type { CommandOutcome } from './command.js';
import { runConnectionOf } from './apply-flow.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { formatDuration } from './progress.js';
import { renderPlanSummary } from './render-plan.js';
import { openTarget } from './target.js';

export interface AuditArgs {
  survivor: string;
  fieldRule?: string[];
  disableDuplicates: boolean;
  input?: string[];
  json: boolean;
}

export function parseSurvivorship(args: Pick<AuditArgs, 'survivor' | 'fieldRule'>): SurvivorshipOptions {
  const rules = args.survivor
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of rules) {
    if (!(SURVIVOR_RULES as readonly string[]).includes(r))
      throw new SyncroEtlError('INVALID_ARGUMENT', `--survivor: unknown rule "${r}"; use ${SURVIVOR_RULES.join(', ')}`);
  }
  const fields: Record<string, FieldRule> = {};
  for (const spec of args.fieldRule ?? []) {
    const m = /^([\w.]+)=(survivor|newest|fill)$/.exec(spec.trim());
    if (!m) throw new SyncroEtlError('INVALID_ARGUMENT', `--field-rule "${spec}": expected FIELD=survivor|newest|fill`);
    fields[m[1]!] = m[2] as FieldRule;
  }
  return { rules: rules as SurvivorRule[], fields };
}

export async function runAuditCommand(io: CliIO, outcome: CommandOutcome, args: AuditArgs, flags: ConnectionFlags): Promise<void> {
  const survivorship = parseSurvivorship(args);
  const target = await openTarget(flags, io);
  try {
    const done = await planAudit({
      syncro: runConnectionOf(target),
      ...(args.input?.length ? { input: args.input } : {}),
      survivorship,
      finally: args.disableDuplicates ? 'disable' : 'delete',
      onEvent: (e) => {
        if (e.type === 'stage' && e.status === 'done' && e.detail) io.err(`  ${e.stage}: ${e.detail}`);
      },
    });
    const where = relative(process.cwd(), done.runDir) || done.runDir;
    if (args.json) {
      io.out(
        JSON.stringify(
          { runDir: done.runDir, clusters: done.clusters, requests: done.requests, trend: done.trend ?? null, summary: done.plan.summary },
          null,
          2,
        ),
      );
    } else {
      io.out(
        `Found ${done.clusters.customers} duplicate customer clusters and ${done.clusters.contacts} duplicate contact clusters (${done.requests} API calls, ${formatDuration((done.requests * 60) / target.rateLimit)} at ${target.rateLimit}/min).`,
      );
      if (done.trend) {
        io.out(
          `Since the audit of ${done.trend.previousCreatedAt.slice(0, 10)}: ${done.trend.previousClusters} clusters then, ${done.trend.mergedSince} merged since, ${done.trend.stillOpen} still open, ${done.trend.newSince} new.`,
        );
      }
      io.out(renderPlanSummary(done.plan));
      io.out(`Run folder: ${where}  (${done.files.join(', ')})`);
    }
    io.err(
      done.plan.summary.writeCalls > 0
        ? `Nothing was written. Review ${where}/audit.xlsx or audit.html (Decision: merge / skip / survivor #id in audit.xlsx), then: syncro-etl apply ${where}`
        : 'No duplicates to merge.',
    );
    outcome.exitCode = EXIT.OK;
  } finally {
    await target.close();
  }
}
