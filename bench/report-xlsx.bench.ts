/**
 * report.xlsx writer benchmark: the same generated plan (bench/report-plan.ts)
 * written by the previous writer (exceljs's streaming WorkbookWriter) and by
 * ours (src/report/xlsx-book-writer.ts, DEFLATE level 1; also at level 6 to
 * show what the faster level costs in size), each write in its own process,
 * at 100k and 1M operations. The CPU ratio is exceljs / ours.
 *   npm run bench -- report-xlsx
 *   REPORT_SIZES=100000 npm run bench -- report-xlsx      (one size)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './util.js';

const SIZES = (process.env.REPORT_SIZES ?? '100000,1000000').split(',').map(Number);
const WRITERS = ['exceljs', 'stream', 'stream-6'] as const;
const here = dirname(fileURLToPath(import.meta.url));

interface Result {
  writer: string;
  operations: number;
  cpu: number;
  wall: number;
  peakHeapMb: number;
  peakRssMb: number;
  bytes: number;
}

function measure(dir: string, writer: string, operations: number): Result {
  const out = join(dir, `${writer}-${operations}.xlsx`);
  const p = spawnSync(process.execPath, [join(here, 'report-xlsx-child.js'), writer, String(operations), out], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  rmSync(out, { force: true });
  if (p.status !== 0) throw new Error(`${writer} at ${operations} exited ${p.status}: ${p.stderr.slice(-2000)}`);
  return JSON.parse(p.stdout.trim().split('\n').pop()!) as Result;
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'syncro-etl-report-xlsx-bench-'));
  const rows: Array<Record<string, string>> = [];
  try {
    for (const n of SIZES) {
      const results = WRITERS.map((w) => measure(dir, w, n));
      const base = results[0]!;
      for (const r of results)
        rows.push({
          operations: n.toLocaleString('en-US'),
          writer: r.writer,
          'CPU s': r.cpu.toFixed(2),
          'wall s': r.wall.toFixed(2),
          'peak heap': `${r.peakHeapMb.toFixed(0)} MB`,
          'peak RSS': `${r.peakRssMb.toFixed(0)} MB`,
          file: `${(r.bytes / 1e6).toFixed(1)} MB`,
          'CPU ratio': `${(base.cpu / r.cpu).toFixed(2)}x`,
          'size vs exceljs': `${((r.bytes / base.bytes) * 100).toFixed(0)}%`,
        });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await Promise.resolve();
  printTable(rows);
  console.log('each write in its own process; CPU = user + system of the whole process (zlib threads included)');
}
