/**
 * apply: executes a plan in dependency order through the client's limiter,
 * every write journaled first, stale records turned into conflicts, and a
 * result for every operation. Re-running it on the same run folder resumes:
 * completed writes are not repeated.
 */
import { isEtlError } from '../errors.js';
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { isSkipped } from '../plan/decision.js';
import type { Decisions } from '../plan/decision.js';
import type { Operation, OperationOf, Plan } from '../plan/schema.js';
import { isWrite } from '../plan/schema.js';
import type { SyncroClient } from '../syncro/client.js';
import { decidedCreate } from './create-check.js';
import type { OwnRecords } from './create-check.js';
import type { Journal } from './journal.js';
import { executeOperation } from './operations.js';
import type { OpContext, OpExecution } from './record-steps.js';
import { stopReason } from './outcome.js';
import type { ApplySummary, OpResult } from './outcome.js';
import { planPolicy } from './policy.js';
import { preflight } from './preflight.js';
import type { Preflight } from './preflight.js';
import { withRunSession } from './session.js';

export interface ApplyInput {
  plan: Plan;
  runDir: string;
  client: SyncroClient;
  events?: EventSink;
  /** Decisions read from the run's workbook, by op id (report/decisions.ts parses them). */
  decisions?: Decisions;
  signal?: AbortSignal;
  /** Operations in flight at once (the limiter still paces requests). */
  concurrency?: number;
  now?: () => number;
}

export interface ApplyOutput {
  results: OpResult[];
  summary: ApplySummary;
}

export async function applyPlan(input: ApplyInput): Promise<ApplyOutput> {
  const events = input.events ?? silentSink;
  const policy = planPolicy(input.plan);
  return withRunSession('apply', input.runDir, input.client, input.now ?? Date.now, async ({ journal, steps, finish: close }) => {
    const ops = input.plan.operations;
    const created = new Map<string, number>();
    const decisions: Decisions = input.decisions ?? new Map();
    const ctx: OpContext = {
      client: input.client,
      steps,
      policy,
      customerIdOf: (ref) => ('id' in ref ? ref.id : created.get(ref.op)),
      recordCreated: (opId, id) => created.set(opId, id),
      decision: (opId) => decisions.get(opId),
    };

    const results = new Map<string, OpResult>();
    const alreadyDone = ops.filter((op) => isWrite(op) && steps.touched(op.id)).length;
    events({ type: 'apply-start', mode: 'apply', total: ops.length, alreadyDone, rateLimit: input.client.http.limiter.perMinute });

    // Checks for writes not yet begun (begun ones carry our own changes; their steps verify themselves):
    // creates against what is in Syncro now, updates against their before-images.
    const fresh = ops.filter((op) => isWrite(op) && !steps.touched(op.id) && !isSkipped(decisions.get(op.id)));
    const decidedCreates = ops.filter(
      (op): op is OperationOf<'conflict'> => op.kind === 'conflict' && decisions.get(op.id)?.kind === 'create' && !steps.touched(op.id),
    );
    const checked = [...fresh, ...decidedCreates.flatMap((op) => decidedCreate(op) ?? [])];
    const weighed = new Map(decidedCreates.map((op) => [op.id, new Set(op.candidates.map((c) => c.id))]));
    events({ type: 'stage', stage: 'stale-check', status: 'start', detail: `${checked.length} operations` });
    let aborted: ApplySummary['aborted'];
    let checks: Preflight = { stale: new Map(), creates: new Map(), requests: 0, emailsNotChecked: 0 };
    try {
      checks = await preflight(checked, input.client, input.plan.snapshot, policy.country ?? 'US', { ...ownRecords(journal), weighed });
    } catch (err) {
      if (!isEtlError(err)) throw err;
      aborted = { code: err.code, message: `${err.message} (while checking the plan against Syncro, before this attempt wrote anything)` };
    }
    const { stale, creates } = checks;
    const found = [...creates.values()];
    const unchecked = checks.emailsNotChecked
      ? `; ${checks.emailsNotChecked} contact emails not looked for under other customers (listing every contact would cost more calls than the writes)`
      : '';
    events({
      type: 'stage',
      stage: 'stale-check',
      status: 'done',
      detail: `${stale.size} changed since the plan, ${found.filter((f) => f.kind === 'conflict').length} creates now in conflict, ${found.filter((f) => f.kind === 'exists').length} already in Syncro; ${checks.requests} read calls${unchecked}`,
    });

    let done = 0;
    const usingExisting = new Set<string>(); // creates whose record was already in Syncro, identical
    const finish = (op: Operation, exec: OpExecution) => {
      const result: OpResult = { opId: op.id, kind: op.kind, label: op.label, sources: op.sources, outcome: exec.outcome };
      if (exec.syncroId !== undefined) result.syncroId = exec.syncroId;
      if (exec.message !== undefined) result.message = exec.message;
      results.set(op.id, result);
      done++;
      events({
        type: 'op-finished',
        mode: 'apply',
        opId: op.id,
        kind: op.kind,
        label: op.label,
        outcome: exec.outcome,
        ...(exec.message ? { message: exec.message } : {}),
        done,
        total: ops.length,
      });
    };
    const okForDependents = (id: string) => {
      const o = results.get(id)?.outcome;
      // not-applied-by-syncro: the record was written, only some field did not stick; its dependents can go on.
      return o === 'applied' || o === 'skipped:already-applied' || o === 'not-applied-by-syncro' || usingExisting.has(id);
    };

    for (const level of dependencyLevels(ops)) {
      await pool(level, input.concurrency ?? 4, async (op) => {
        if (aborted || input.signal?.aborted) {
          finish(op, {
            outcome: 'not-run',
            message: aborted ? 'the run stopped before this operation' : 'interrupted before this operation',
          });
          return;
        }
        const staleReason = stale.get(op.id);
        if (staleReason) return finish(op, { outcome: 'conflict', message: staleReason });
        const there = creates.get(op.id);
        if (there?.kind === 'conflict') return finish(op, { outcome: 'conflict', message: there.message });
        if (there?.kind === 'exists' && op.kind === 'conflict') {
          // A person decided "create" not knowing this record: they decide again, now between it and a new one.
          return finish(op, {
            outcome: 'conflict',
            message: `decided "create", but ${there.message.replace(/, identical: not created again$/, ', identical')}; decide "#${there.id}" to use it, or plan again`,
          });
        }
        if (there?.kind === 'exists') {
          created.set(op.id, there.id); // its contacts go under the record that is there
          usingExisting.add(op.id);
          return finish(op, { outcome: 'skipped:no-write', syncroId: there.id, message: there.message });
        }
        const blocked = op.dependsOn.find((d) => !okForDependents(d));
        if (blocked)
          return finish(op, {
            outcome: 'skipped:dependency',
            message: `depends on ${blocked}, which did not apply (${results.get(blocked)?.outcome ?? 'not run'})`,
          });
        try {
          finish(op, await executeOperation(op, ctx));
        } catch (err) {
          if (!isEtlError(err)) throw err;
          aborted = { code: err.code, message: err.message };
          finish(op, { outcome: 'not-run', message: err.message });
        }
      });
    }
    if (!aborted && input.signal?.aborted)
      aborted = { code: 'ABORTED', message: `interrupted (${stopReason(input.signal)}); the journal holds every finished write` };

    const ordered = ops.map((op) => results.get(op.id)!);
    return { results: ordered, summary: await close(ordered, aborted) };
  });
}

/** The records this run created, by its journal: no evidence against its own creates. */
function ownRecords(journal: Journal): OwnRecords {
  const customers = new Set<number>();
  const contacts = new Set<number>();
  for (const e of journal.latestByStep('apply').values()) {
    if (e.method !== 'POST' || e.resultId === undefined) continue;
    if (e.path === 'customers') customers.add(e.resultId);
    else if (e.path === 'contacts') contacts.add(e.resultId);
  }
  return { customers, contacts };
}

/** Operations grouped so that each group depends only on earlier groups, plan order kept inside a group. */
export function dependencyLevels(ops: Operation[]): Operation[][] {
  const level = new Map<string, number>();
  const byId = new Map(ops.map((op) => [op.id, op]));
  const levelOf = (op: Operation, seen: Set<string>): number => {
    const known = level.get(op.id);
    if (known !== undefined) return known;
    if (seen.has(op.id)) return 0; // a cycle cannot come from the planner; treat as independent
    seen.add(op.id);
    let l = 0;
    for (const d of op.dependsOn) {
      const dep = byId.get(d);
      if (dep) l = Math.max(l, levelOf(dep, seen) + 1);
    }
    level.set(op.id, l);
    return l;
  };
  const levels: Operation[][] = [];
  for (const op of ops) {
    const l = levelOf(op, new Set());
    (levels[l] ??= []).push(op);
  }
  return levels.filter(Boolean);
}

/** Runs `fn` over items with at most `size` at once, in order of start. */
async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}
