/**
 * The rejects file: one line per problem that rejected a row (file, sheet,
 * row, field, value, code, reason), UTF-8 with a BOM so Excel opens it
 * right, and cells that Excel would run as formulas protected with a
 * leading apostrophe.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RowIssue } from '../model/source.js';

export const REJECT_COLUMNS = ['file', 'sheet', 'row', 'field', 'value', 'code', 'reason'] as const;

/** Quote for CSV, and protect a cell starting with = + - @ tab CR LF with a leading apostrophe. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rejects CSV text for `issues` (errors only; warnings do not reject). */
export function rejectsCsv(issues: RowIssue[]): string {
  const lines = [REJECT_COLUMNS.join(',')];
  for (const i of issues) {
    if (i.severity !== 'error') continue;
    lines.push(
      [i.source.file, i.source.sheet ?? '', String(i.source.row), i.field ?? '', i.value ?? '', i.code, i.message].map(csvCell).join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * Write the rejects file (its folder is created when missing).
 * @example await writeRejectsCsv('rejects.csv', result.issues)
 */
export async function writeRejectsCsv(path: string, issues: RowIssue[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, rejectsCsv(issues), 'utf8');
}
