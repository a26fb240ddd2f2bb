/**
 * What apply and undo share: one process at a time on a run folder (the
 * lock), the journal opened and always closed, and the closing bookkeeping —
 * results CSV, status in the journal, the summary.
 */
import type { SyncroClient } from '../syncro/client.js';
import { acquireRunLock, journalPath, resultsPath } from '../run-folder.js';
import { Journal } from './journal.js';
import { emptyCounts } from './outcome.js';
import type { ApplySummary, OpResult } from './outcome.js';
import { writeResultsCsv } from './results.js';
import { StepRunner } from './steps.js';

export interface RunSession {
  journal: Journal;
  steps: StepRunner;
  /** Writes the results file, records the status in the journal, and returns the summary. */
  finish(results: OpResult[], aborted: ApplySummary['aborted']): Promise<ApplySummary>;
}

export async function withRunSession<T>(
  mode: 'apply' | 'undo',
  runDir: string,
  client: SyncroClient,
  now: () => number,
  work: (session: RunSession) => Promise<T>,
): Promise<T> {
  const started = now();
  const requestsBefore = client.http.requestsSent;
  const release = acquireRunLock(runDir);
  let journal: Journal | undefined;
  try {
    journal = Journal.open(journalPath(runDir));
    const steps = new StepRunner(journal, mode);
    const opened = journal;
    return await work({
      journal,
      steps,
      async finish(results, aborted) {
        await writeResultsCsv(resultsPath(runDir, mode), results);
        const byOutcome = emptyCounts();
        for (const r of results) byOutcome[r.outcome]++;
        const unresolved = byOutcome.failed + (mode === 'undo' ? byOutcome.conflict : 0);
        opened.setMeta(`${mode}_status`, aborted ? 'incomplete' : unresolved > 0 ? 'finished-with-failures' : 'complete');
        return {
          mode,
          total: results.length,
          byOutcome,
          requests: client.http.requestsSent - requestsBefore,
          writes: steps.writes,
          seconds: (now() - started) / 1000,
          ...(aborted ? { aborted } : {}),
        };
      },
    });
  } finally {
    journal?.close();
    release();
  }
}
