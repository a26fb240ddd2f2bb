import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html.js';
import { esc } from '../../src/report/html-escape.js';
import { REPORT_JS } from '../../src/report/html-script.js';
import { buildIssues, buildPlan, FORMULA, IDS, SCRIPT } from './plan-fixture.js';

describe('renderReportHtml', () => {
  const plan = buildPlan();
  const page = renderReportHtml(plan, buildIssues());

  it('escapes every record value', () => {
    expect(page).not.toContain('<script>window.__pwned');
    expect(page).not.toContain('<img');
    expect(page).toContain(esc(SCRIPT));
    expect(page).toContain(esc(FORMULA));
    expect(esc(`"'<>&\``)).toBe('&quot;&#39;&lt;&gt;&amp;&#96;');
  });

  it('is self-contained: one inline script allowed by hash, nothing loaded from anywhere', () => {
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page).not.toMatch(/<link[^>]+href="(?!data:)/);
    expect(page).not.toMatch(/url\(/);
    expect(page).not.toMatch(/@import/);
    const hash = createHash('sha256').update(REPORT_JS).digest('base64');
    expect(page).toContain(esc(`script-src 'sha256-${hash}'`));
    expect(page).toContain(esc("default-src 'none'"));
  });

  it('has a row per operation, tagged with its kind, and the rejects', () => {
    expect(page.match(/<tr class="op"/g)).toHaveLength(plan.operations.length);
    expect(page).toContain(`id="op-${IDS.mergeCustomers}" `.replace(' ', ''));
    expect(page.match(/<tr class="rej"/g)).toHaveLength(3);
  });

  it('warns plainly when the target is a live account', () => {
    const live = renderReportHtml(buildPlan({ target: { baseUrl: 'https://acme.syncromsp.com/api/v1', sandbox: false } }), []);
    expect(live).toContain('Live Syncro account');
    expect(live).toContain('Apply will write to https://acme.syncromsp.com/api/v1');
    expect(page).not.toContain('Apply will write to');
  });

  it('is deterministic and copes with an empty plan', () => {
    expect(renderReportHtml(plan, buildIssues())).toBe(page);
    const empty = renderReportHtml(buildPlan({ operations: [] }), []);
    expect(empty).toContain('Every row was read without a problem.');
    expect(empty).not.toContain('<tr class="op"');
  });
});
