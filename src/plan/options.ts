/** The import planner's options: what the user chose, recorded in plan.json (typed by `ImportOptionsSchema`). */
import type { ImportPlanOptions } from './schema.js';

export type PlanOptions = ImportPlanOptions;

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  blank: 'skip',
  update: 'overwrite',
  inFileDuplicates: 'merge',
  rateLimit: 180,
  country: 'US',
};
