/**
 * The reports of a real dry run: plan an import of a fixture against a seeded
 * sandbox, then check both reports were written and read back cleanly.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planImport } from '../../src/run/import.js';
import { readDecisions } from '../../src/report/decisions.js';
import type { SandboxSeed } from '../../src/sandbox/types.js';
import { clientFor, sandbox } from '../helpers/target.js';
import { openWorkbook, sheet, tempDir } from './helpers.js';

describe('reports of a planned import', () => {
  it('writes report.xlsx and report.html that agree with the plan', async () => {
    const seed = JSON.parse(readFileSync(resolve('fixtures/sandbox/seed-small.json'), 'utf8')) as SandboxSeed;
    const sb = await sandbox({ seed });
    try {
      const planned = await planImport({
        files: [resolve('fixtures/connectwise-manage/companies-contacts.csv')],
        client: clientFor(sb),
        target: { baseUrl: sb.url, sandbox: true },
        cwd: tempDir(),
      });
      expect(planned.files).toContain('report.xlsx');
      expect(planned.files).toContain('report.html');
      const xlsx = join(planned.runDir, 'report.xlsx');
      const read = await readDecisions(xlsx, planned.plan);
      expect(read.problems).toEqual([]);
      expect(read.changed).toEqual([]);
      const counts = planned.plan.summary.counts;
      const wb = await openWorkbook(xlsx);
      const creates = (counts['create-customer'] ?? 0) + (counts['create-contact'] ?? 0);
      expect(sheet(wb, 'Creates').rowCount).toBe(creates + 1);
      const html = readFileSync(join(planned.runDir, 'report.html'), 'utf8');
      expect(html.match(/<tr class="op"/g)?.length ?? 0).toBe(planned.plan.operations.length);
      if (process.env.REPORT_E2E_OUT) copyFileSync(join(planned.runDir, 'report.html'), process.env.REPORT_E2E_OUT);
    } finally {
      await sb.close();
    }
  });
});
