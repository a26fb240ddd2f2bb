/** results.csv: one line per plan operation — what apply (or undo) did with it. */
import { writeFile } from 'node:fs/promises';
import { csvLine } from '../safe-cell.js';
import type { OpResult } from './outcome.js';

export const RESULTS_COLUMNS = ['operation', 'kind', 'label', 'source_rows', 'syncro_id', 'outcome', 'message'] as const;

export function resultsCsv(results: OpResult[]): string {
  let out = `\uFEFF${csvLine([...RESULTS_COLUMNS])}`;
  for (const r of results) {
    const rows = r.sources.map((s) => `${s.file}${s.sheet ? `[${s.sheet}]` : ''}:${s.row}`).join(' ');
    out += csvLine([r.opId, r.kind, r.label, rows, r.syncroId ?? '', r.outcome, r.message ?? '']);
  }
  return out;
}

export async function writeResultsCsv(path: string, results: OpResult[]): Promise<void> {
  await writeFile(path, resultsCsv(results), 'utf8');
}
