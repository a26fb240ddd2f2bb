/** Shared by the reader tests: read a whole table into memory. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTable } from '../../src/read/index.js';
import type { ReadOptions, SourceRow, Table } from '../../src/read/index.js';

export async function readAll(file: string, options: ReadOptions = {}): Promise<{ table: Table; rows: SourceRow[] }> {
  const table = await openTable(file, options);
  const rows: SourceRow[] = [];
  for await (const row of table.rows()) rows.push(row);
  return { table, rows };
}

export function tempDir(prefix = 'syncro-etl-read-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
