/** Differential: the same table saved as CSV and as XLSX reads back as the same rows. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAll, tempDir } from './helpers.js';

const dir = tempDir();
let n = 0;

// XML cannot hold most control characters, and it turns CR LF into LF: leave those out.
const text = fc
  .string({ unit: 'grapheme', maxLength: 10 })
  .map((s) => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f\ufffd\ufeff\ud800-\udfff]/g, ''));

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('CSV and XLSX readers agree', () => {
  it('for any table of text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((cols) =>
          fc.record({
            headers: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,8}[A-Za-z0-9]$/), {
              minLength: cols,
              maxLength: cols,
              selector: (h) => h.toLowerCase().replace(/ /g, ''),
            }),
            rows: fc.array(fc.array(text, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 10 }),
          }),
        ),
        async ({ headers, rows }) => {
          const id = n++;
          const csvFile = join(dir, `t${id}.csv`);
          writeFileSync(csvFile, [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('Data');
          ws.addRow(headers);
          for (const r of rows) ws.addRow(r.map((v) => (v === '' ? null : v)));
          const xlsxFile = join(dir, `t${id}.xlsx`);
          await wb.xlsx.writeFile(xlsxFile);
          const a = await readAll(csvFile, { delimiter: ',' });
          const b = await readAll(xlsxFile);
          expect(b.table.headers).toEqual(a.table.headers);
          const shape = (rs: typeof a.rows) => rs.map((r) => ({ row: r.source.row, values: r.values }));
          expect(shape(b.rows)).toEqual(shape(a.rows));
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
