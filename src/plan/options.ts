/** The planner's options: what the user chose, recorded in plan.json. */
import type { DiffPolicy } from './diff.js';

export interface PlanOptions extends DiffPolicy {
  /** Duplicates inside the input: one merged create/update, or a conflict to decide. */
  inFileDuplicates: 'merge' | 'conflict';
  /** Requests per minute, for the time estimate. */
  rateLimit: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  blank: 'skip',
  update: 'overwrite',
  inFileDuplicates: 'merge',
  rateLimit: 180,
  country: 'US',
};
