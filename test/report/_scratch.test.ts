import { it } from 'vitest';
import ExcelJS from 'exceljs';
it('scratch', async () => {
  const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile('/tmp/audit.xlsx');
  for (const ws of wb.worksheets) {
    console.log('=== ' + ws.name, ws.state, JSON.stringify(ws.views), ws.columns?.map(c => c.width).join(','));
    ws.eachRow((row, r) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (c, n) => { const f = (c.fill as any)?.fgColor?.argb; cells.push(`${c.address}=${JSON.stringify(c.value)}${f ? '['+f+']' : ''}${c.dataValidation ? '{'+c.dataValidation.formulae+'}' : ''}`); });
      console.log(r, row.outlineLevel ?? '', row.height ?? '', cells.join(' | '));
    });
  }
});
