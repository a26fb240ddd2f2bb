/**
 * The write protocol, one step at a time: journal the intent, send, journal
 * the outcome. A step the journal already holds as done is not sent again;
 * a step whose intent was journaled but whose outcome was not (the process
 * died mid-write) is first verified against Syncro — did it land? — and only
 * sent again when it did not.
 */
import type { Journal, JournalEntry } from './journal.js';
import { stepKey } from './journal.js';

export interface StepResult {
  resultId?: number;
  after?: unknown;
}

export interface StepSpec {
  step: string;
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  before?: unknown;
  send: () => Promise<StepResult>;
  /** After an interrupted or failed attempt: the result if the write did land, else undefined. */
  verify?: () => Promise<StepResult | undefined>;
}

export interface StepOutcome extends StepResult {
  /** False when the journal already had it done (nothing sent now). */
  sentNow: boolean;
}

export class StepRunner {
  private readonly latest: Map<string, JournalEntry>;
  writes = 0;

  constructor(
    private readonly journal: Journal,
    private readonly mode: 'apply' | 'undo',
  ) {
    this.latest = journal.latestByStep(mode);
  }

  /** The journal's last word on a step, if any. */
  state(opId: string, step: string): JournalEntry | undefined {
    return this.latest.get(stepKey(opId, step));
  }

  /** True when any step of the op has been journaled (so its target may already carry our write). */
  touched(opId: string): boolean {
    for (const e of this.latest.values()) if (e.opId === opId) return true;
    return false;
  }

  async run(opId: string, spec: StepSpec): Promise<StepOutcome> {
    const previous = this.state(opId, spec.step);
    if (previous?.phase === 'done') return { resultId: previous.resultId, after: previous.after, sentNow: false };
    if (previous && spec.verify) {
      const landed = await spec.verify();
      if (landed) {
        this.record({
          opId,
          step: spec.step,
          phase: 'done',
          method: spec.method,
          path: spec.path,
          body: spec.body,
          resultId: landed.resultId,
          after: landed.after,
          before: spec.before,
          message: 'found in Syncro after an interrupted attempt',
        });
        return { ...landed, sentNow: false };
      }
    }
    this.record({ opId, step: spec.step, phase: 'intent', method: spec.method, path: spec.path, body: spec.body, before: spec.before });
    try {
      this.writes++;
      const result = await spec.send();
      this.record({
        opId,
        step: spec.step,
        phase: 'done',
        method: spec.method,
        path: spec.path,
        body: spec.body,
        resultId: result.resultId,
        after: result.after,
        before: spec.before,
      });
      return { ...result, sentNow: true };
    } catch (err) {
      this.record({ opId, step: spec.step, phase: 'failed', method: spec.method, path: spec.path, message: (err as Error).message });
      throw err;
    }
  }

  private record(entry: Omit<JournalEntry, 'seq' | 'at' | 'mode'>): void {
    const written = this.journal.append({ ...entry, mode: this.mode });
    this.latest.set(stepKey(entry.opId, entry.step), written);
  }
}
