/** What `doctor` finds: one row per check, and the profile those rows add up to. */
import type { ServerProfile } from '../syncro/profile.js';

export type DoctorArea = 'account' | 'lists' | 'shapes' | 'filters' | 'rate limit' | 'writes';

/**
 * ok: as the client assumes · differs: the other plausible answer (the
 * profile makes the client cope) · fail: the migration should not start until
 * this is understood · unknown: not observable here · info: a fact.
 */
export type Verdict = 'ok' | 'differs' | 'fail' | 'unknown' | 'info';

export interface Finding {
  area: DoctorArea;
  /** e.g. "customer_id on invoices". */
  check: string;
  /** Short result, e.g. "honoured", "NOT honoured", "wrapped", "100". */
  result: string;
  verdict: Verdict;
  /** What was seen (counts, ids, the answer's shape); never the key. */
  detail: string;
}

export interface DoctorReport {
  baseUrl: string;
  checkedAt: string;
  findings: Finding[];
  profile: ServerProfile;
  /** API requests doctor sent. */
  requests: number;
  /** Scratch records the write test could not delete (ids), for the user to remove. */
  leftBehind: { resource: 'customers' | 'contacts'; id: number }[];
}

/** Progress for the CLI: one event per finished check. */
export type DoctorEvent = { type: 'doctor-finding'; finding: Finding };
export type DoctorSink = (e: DoctorEvent) => void;

/** Collects findings and forwards each as it comes. */
export class Findings {
  readonly all: Finding[] = [];
  constructor(private readonly sink: DoctorSink = () => {}) {}
  add(area: DoctorArea, check: string, verdict: Verdict, result: string, detail: string): Finding {
    const f = { area, check, verdict, result, detail };
    this.all.push(f);
    this.sink({ type: 'doctor-finding', finding: f });
    return f;
  }
}
