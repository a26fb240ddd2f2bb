/**
 * Writes the run folder's reports from the plan (views of the plan, never a
 * second computation). Returns the file names written.
 */
import type { RowIssue } from '../model/source.js';
import type { Plan } from '../plan/schema.js';

export async function writeRunReports(runDir: string, plan: Plan, issues: RowIssue[]): Promise<string[]> {
  void runDir;
  void plan;
  void issues;
  return [];
}
