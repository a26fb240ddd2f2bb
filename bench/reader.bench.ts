/**
 * Reader benchmark: a generated 1M-row contacts export (company columns on
 * every row, ConnectWise-style) read three ways, each in its own child
 * process so its peak RSS is its own:
 *   raw     papaparse streaming the file (the baseline)
 *   read    our CSV reader: sniff, iconv decode, parse, header, rows
 *   mapped  streamMappedRows: read + template map + zod validation (the 1M-row path)
 *   mapped-batches  the same through openMappedFile(...).batches (one async step per batch)
 * Counts are asserted (every row read; exactly the planted bad rows rejected),
 * so a variant cannot win by dropping rows.
 *   npx tsc -p tsconfig.bench.json && node --expose-gc dist-bench/bench/run.js reader
 *   ROWS=200000 node ... (smaller run)
 */
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { CONNECTWISE_HEADER } from './connectwise-header.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const REPEAT = Number(process.env.REPEAT ?? 3);
const BAD_EVERY = 1000; // every 1000th row has an invalid email: exactly ROWS/1000 rejects

interface Result {
  variant: string;
  rows: number;
  valid?: number;
  rejected?: number;
  ms: number;
  peakRssMb: number;
}

async function generate(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${CONNECTWISE_HEADER.join(',')}\r\n`);
  const titles = ['Owner', 'Office Manager', 'IT Contact', 'Billing', 'Front Desk'];
  const cities = [
    ['Portland', 'OR', '97209'],
    ['Boston', 'MA', '02116'],
    ['Austin', 'TX', '78701'],
    ['Memphis', 'TN', '38118'],
  ] as const;
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(i / 4);
    const [city, state, zip] = cities[c % cities.length] as readonly [string, string, string];
    const email = i % BAD_EVERY === BAD_EVERY - 1 ? `contact${i}@` : `first${i}.last${i}@company${c}.example`;
    const phone = `(503) 555-${String(i % 10000).padStart(4, '0')}`;
    buf += `C${c},"Company ${c}, Inc.",${c % 50 === 0 ? 'Inactive' : 'Active'},Client,(503) 555-${String(c % 10000).padStart(4, '0')},${(c % 9000) + 1} Main St,${city},${state},${zip},${i},First${i},Last${i},${titles[i % titles.length]},${email},${phone},${i % 3 === 0 ? phone : ''}\r\n`;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

/** Run inside the child: one variant over `file`. */
async function child(variant: string, file: string): Promise<Result> {
  const started = performance.now();
  let rows = 0;
  let valid = 0;
  let rejected = 0;
  if (variant === 'raw') {
    await new Promise<void>((resolve, reject) => {
      Papa.parse(createReadStream(file, { encoding: 'utf8' }), {
        chunk: (r: Papa.ParseResult<string[]>) => {
          for (const row of r.data) if (row.length > 1 || row[0] !== '') rows++;
        },
        complete: () => resolve(),
        error: (e: Error) => reject(e),
      });
    });
    rows -= 1; // the header
  } else if (variant === 'read') {
    const { openTable } = await import('../src/read/index.js');
    const table = await openTable(file);
    for await (const batch of table.batches()) rows += batch.length;
  } else if (variant === 'mapped-batches') {
    const { openMappedFile } = await import('../src/ingest/stream.js');
    const opened = await openMappedFile(file, { template: 'connectwise-manage' });
    for await (const batch of opened.batches) {
      for (const row of batch) {
        rows++;
        if (row.valid) valid++;
        else rejected++;
      }
    }
  } else {
    const { streamMappedRows } = await import('../src/ingest/stream.js');
    for await (const row of streamMappedRows(file, { template: 'connectwise-manage' })) {
      rows++;
      if (row.valid) valid++;
      else rejected++;
    }
  }
  const ms = performance.now() - started;
  const result: Result = { variant, rows, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  if (variant.startsWith('mapped')) Object.assign(result, { valid, rejected });
  return result;
}

function runChild(variant: string, file: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = fork(fileURLToPath(import.meta.url), ['--reader-bench-child', variant, file], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    p.on('message', (m) => resolve(m as Result));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${variant} child exited with ${code}`));
    });
  });
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'syncro-etl-bench-'));
  const file = join(dir, 'contacts.csv');
  try {
    const t0 = performance.now();
    await generate(file, ROWS);
    console.log(
      `generated ${ROWS.toLocaleString('en-US')} rows (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    // Variants run interleaved, REPEAT times each (default 3): the fastest run of each counts (the machine is
    // shared, so slower runs measure the neighbours), and the highest peak RSS of any run is reported.
    const variants = ['raw', 'read', 'mapped', 'mapped-batches'];
    const best = new Map<string, Result>();
    for (let k = 0; k < REPEAT; k++) {
      for (const variant of variants) {
        const r = await runChild(variant, file);
        if (r.rows !== ROWS) throw new Error(`${variant} read ${r.rows} rows, expected ${ROWS}`);
        if (variant.startsWith('mapped') && (r.rejected !== Math.floor(ROWS / BAD_EVERY) || (r.valid ?? 0) + (r.rejected ?? 0) !== ROWS)) {
          throw new Error(
            `${variant}: ${r.valid} valid + ${r.rejected} rejected, expected ${ROWS - Math.floor(ROWS / BAD_EVERY)} + ${Math.floor(ROWS / BAD_EVERY)}`,
          );
        }
        const prev = best.get(variant);
        best.set(variant, prev ? { ...(r.ms < prev.ms ? r : prev), peakRssMb: Math.max(r.peakRssMb, prev.peakRssMb) } : r);
      }
    }
    const results = variants.map((v) => best.get(v) as Result);
    const raw = results[0] as Result;
    const rate = (r: Result) => r.rows / (r.ms / 1000);
    console.log(`best of ${REPEAT} runs per variant, each in its own process`);
    console.log('variant          rows        seconds   rows/s      peak RSS   speed vs raw');
    for (const r of results) {
      console.log(
        `${r.variant.padEnd(16)} ${r.rows.toLocaleString('en-US').padEnd(11)} ${(r.ms / 1000).toFixed(2).padStart(7)}   ${Math.round(rate(r)).toLocaleString('en-US').padStart(9)}   ${r.peakRssMb.toFixed(0).padStart(5)} MB   ${(rate(r) / rate(raw)).toFixed(2)}`,
      );
    }
    const mapped = results[2] as Result;
    console.log(
      `mapped: ${mapped.valid?.toLocaleString('en-US')} valid + ${mapped.rejected?.toLocaleString('en-US')} rejected = ${ROWS.toLocaleString('en-US')} rows read`,
    );
    console.log(
      `goal: mapped ≥ 0.50 × raw speed (now ${(rate(mapped) / rate(raw)).toFixed(2)}), peak RSS < 256 MB (now ${Math.max(...results.map((r) => r.peakRssMb)).toFixed(0)} MB at most)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--reader-bench-child') {
  const result = await child(process.argv[3] as string, process.argv[4] as string);
  process.send?.(result, () => process.exit(0));
}
