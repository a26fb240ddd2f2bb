/**
 * Regenerates docs/report-screenshot.png from the fixture plan (minus its
 * hostile values). Runs only when asked:
 *   REPORT_SCREENSHOT=1 npx vitest run test/report/screenshot.test.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html.js';
import type { Operation } from '../../src/plan/schema.js';
import { launchBrowser, skipBrowser } from './browser.js';
import { buildIssues, buildPlan, FORMULA, SCRIPT } from './plan-fixture.js';
import { tempDir } from './helpers.js';

const wanted = process.env.REPORT_SCREENSHOT === '1';

/** The fixture plan with friendly values in place of the injection tests. */
export function demoPlan() {
  const base = buildPlan();
  const ops = JSON.parse(
    JSON.stringify(base.operations)
      .replaceAll(JSON.stringify(SCRIPT).slice(1, -1), 'Litware Accounting')
      .replaceAll(JSON.stringify(FORMULA).slice(1, -1), 'Front desk opens 8am'),
  ) as Operation[];
  return buildPlan({ operations: ops });
}

describe.skipIf(!wanted || skipBrowser)('report screenshot', () => {
  it('writes docs/report-screenshot.png', async () => {
    const file = process.env.REPORT_HTML_OUT ?? join(tempDir(), 'report.html');
    const issues = buildIssues().map((i) => (i.value === FORMULA ? { ...i, value: '555-CALL-NOW' } : i));
    writeFileSync(file, renderReportHtml(demoPlan(), issues));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 2560 }, deviceScaleFactor: 1 });
      await page.goto(`file://${file}`);
      mkdirSync('docs', { recursive: true });
      await page.screenshot({
        path: process.env.REPORT_SCREENSHOT_PATH ?? 'docs/report-screenshot.png',
        fullPage: process.env.REPORT_SCREENSHOT_FULL === '1',
      });
      expect(await page.locator('tr.op').count()).toBeGreaterThan(10);
    } finally {
      await browser.close();
    }
  });
});
