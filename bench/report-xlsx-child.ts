/**
 * One report.xlsx write of the report-xlsx bench, in its own process:
 *   node dist-bench/bench/report-xlsx-child.js <exceljs|stream|stream-6> <operations> <out.xlsx>
 * Prints one JSON line: CPU seconds (user + system, the compressor's threads
 * included), wall seconds, peak heap and RSS, file size.
 */
import { statSync } from 'node:fs';
import { XlsxBookWriter } from '../src/report/xlsx-book-writer.js';
import { fillReport, reportTitle } from '../src/report/xlsx-report.js';
import { generatedSource } from './report-plan.js';

const [writer = 'stream', opsArg = '100000', out = 'report.xlsx'] = process.argv.slice(2);
const source = generatedSource(Number(opsArg));
const fingerprint = 'bench';
// exceljs is loaded (before the clock starts) only for its own run: the streamed writer's process does not hold it.
const exceljsWriter = writer === 'exceljs' ? (await import('../src/report/xlsx-exceljs.js')).writeSourceXlsxExceljs : undefined;

let peakHeap = process.memoryUsage().heapUsed;
let peakRss = process.memoryUsage().rss;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
}, 25);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
if (exceljsWriter) await exceljsWriter(out, source, [], fingerprint);
else {
  const book = new XlsxBookWriter(out, writer === 'stream-6' ? 6 : undefined);
  await fillReport(book, source, [], fingerprint, {});
  await book.close({ creator: 'syncro-etl', title: reportTitle(source) });
}
const wall = (performance.now() - t0) / 1000;
const used = process.cpuUsage(cpu0);
clearInterval(timer);
const m = process.memoryUsage();
console.log(
  JSON.stringify({
    writer,
    operations: Number(opsArg),
    cpu: (used.user + used.system) / 1e6,
    wall,
    peakHeapMb: Math.max(peakHeap, m.heapUsed) / 2 ** 20,
    peakRssMb: Math.max(peakRss, m.rss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    bytes: statSync(out).size,
  }),
);
