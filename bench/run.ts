/**
 * Runs every `bench/*.bench.ts` (compiled to dist-bench/bench/*.bench.js), or
 * only those whose name contains one of the arguments:
 *   npm run bench                # all
 *   npm run bench -- matcher     # only matcher.bench
 *   npm run bench -- import      # the import dry run beside validate, 100k and 1M rows (SIZES=100000 for one)
 *   npm run bench -- report-xlsx # report.xlsx: the exceljs writer vs ours, 100k and 1M operations (REPORT_SIZES=100000 for one)
 * Each bench module's default export prints its own table of numbers, with
 * input sizes and a baseline measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

for (const file of files) {
  console.log(`\n=== ${file.replace(/\.bench\.js$/, '')} ===`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> };
  await mod.default();
}
