/**
 * undo: walks the apply journal backwards and reverses each finished write —
 * created records are deleted, updated ones get their before-image back,
 * moved ones move back, deleted ones are re-created (new id, recorded) —
 * unless Syncro shows the record changed since our write, in which case it
 * is reported, not clobbered. Journaled and resumable like apply.
 */
import { isEtlError } from '../errors.js';
import type { EventSink, UndoStepKind } from '../events.js';
import { silentSink } from '../events.js';
import type { SyncroClient } from '../syncro/client.js';
import type { JournalEntry } from './journal.js';
import type { ApplySummary, OpResult, Outcome } from './outcome.js';
import { RUN_STOPPING_CODES, stopReason } from './outcome.js';
import { withRunSession } from './session.js';
import { RecordImages } from './record-images.js';
import { undoEntry } from './undo-steps.js';
import { idsInJournal } from './known-ids.js';

export interface UndoInput {
  runDir: string;
  client: SyncroClient;
  events?: EventSink;
  signal?: AbortSignal;
  now?: () => number;
}

export async function undoRun(input: UndoInput): Promise<{ results: OpResult<UndoStepKind>[]; summary: ApplySummary }> {
  const events = input.events ?? silentSink;
  return withRunSession('undo', input.runDir, input.client, input.now ?? Date.now, async ({ journal, steps, finish }) => {
    const applied = [...journal.latestByStep('apply').values()].filter((e) => e.phase === 'done').sort((a, b) => b.seq - a.seq);
    events({ type: 'apply-start', mode: 'undo', total: applied.length, alreadyDone: 0, rateLimit: input.client.http.limiter.perMinute });
    const remap = new Map<number, number>(); // customer id deleted by apply -> id of its re-creation
    const images = RecordImages.fromApply([...applied].reverse());
    const knownIds = idsInJournal(applied);
    const results: OpResult<UndoStepKind>[] = [];
    let aborted: ApplySummary['aborted'];
    for (const entry of applied) {
      if (aborted || input.signal?.aborted) {
        results.push(result(entry, 'not-run', 'the undo stopped before this write'));
        continue;
      }
      try {
        const r = await undoEntry(entry, { client: input.client, steps, remap, images, knownIds });
        results.push(result(entry, r.outcome, r.message, r.syncroId));
      } catch (err) {
        if (isEtlError(err, ...RUN_STOPPING_CODES)) {
          aborted = { code: err.code, message: err.message };
          results.push(result(entry, 'not-run', err.message));
        } else results.push(result(entry, 'failed', (err as Error).message));
      }
      const last = results[results.length - 1]!;
      events({
        type: 'op-finished',
        mode: 'undo',
        opId: last.opId,
        kind: last.kind,
        label: last.label,
        outcome: last.outcome,
        ...(last.message ? { message: last.message } : {}),
        done: results.length,
        total: applied.length,
      });
    }
    if (!aborted && input.signal?.aborted)
      aborted = { code: 'ABORTED', message: `interrupted (${stopReason(input.signal)}); run undo again to continue` };
    return { results, summary: await finish(results, aborted) };
  });
}

function result(entry: JournalEntry, outcome: Outcome, message?: string, syncroId?: number): OpResult<UndoStepKind> {
  const r: OpResult<UndoStepKind> = {
    opId: entry.opId,
    kind: `undo ${entry.method} ${entry.path}`,
    label: `${entry.step} of ${entry.opId}`,
    sources: [],
    outcome,
  };
  if (message) r.message = message;
  const id = syncroId ?? entry.resultId;
  if (id !== undefined) r.syncroId = id;
  return r;
}
