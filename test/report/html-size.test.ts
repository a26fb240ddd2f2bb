import { describe, expect, it } from 'vitest';
import type { RowIssue } from '../../src/model/source.js';
import type { Operation } from '../../src/plan/schema.js';
import { HTML_ITEMS_PER_OP, HTML_OPS_PER_KIND, HTML_REJECTS_SHOWN } from '../../src/report/html-excerpt.js';
import { renderReportHtml } from '../../src/report/html.js';
import { buildLargePlan, buildPlan, FILE } from './plan-fixture.js';

/** 10k creates + 10k updates, 5k contacts under new customers, one conflict with 600 contacts, 3k invalid rows. */
function bigPlan() {
  const base = buildLargePlan(10_000).operations;
  const contacts: Operation[] = Array.from({ length: 5000 }, (_, i) => ({
    id: `ck-${String(i).padStart(10, '0')}`,
    kind: 'create-contact',
    label: `Contact Person ${i} (Client ${i})`,
    sources: [{ file: FILE, row: i + 2 }],
    dependsOn: [`cc-${String(i).padStart(10, '0')}`],
    customer: { op: `cc-${String(i).padStart(10, '0')}` },
    payload: { name: `Person ${i}`, email: `p${i}@client${i}.example` },
  }));
  const conflict: Operation = {
    id: 'cf-big',
    kind: 'conflict',
    label: 'Customer Many Contacts Ltd',
    sources: Array.from({ length: 600 }, (_, i) => ({ file: FILE, row: 50_000 + i })),
    dependsOn: [],
    entity: 'customer',
    reason: 'looks like two existing customers',
    payload: { business_name: 'Many Contacts Ltd' },
    contacts: Array.from({ length: 600 }, (_, i) => ({
      sources: [{ file: FILE, row: 50_000 + i }],
      payload: { name: `Follower ${i}` },
      label: `Follower ${i}`,
    })),
    candidates: [],
  };
  const issues: RowIssue[] = Array.from({ length: 3000 }, (_, i) => ({
    source: { file: FILE, row: 100_000 + i },
    field: 'email',
    value: `bad${i}@`,
    code: 'EMAIL_INVALID',
    message: 'email is not an email address',
    severity: 'error',
  }));
  const invalid: Operation[] = issues.map((issue, i) => ({
    id: `iv-${i}`,
    kind: 'invalid',
    label: `Row ${issue.source.row} of ${FILE}`,
    sources: [issue.source],
    dependsOn: [],
    issues: [issue],
  }));
  const operations = [...base, ...contacts, conflict, ...invalid];
  const counts: Record<string, number> = {};
  for (const op of operations) counts[op.kind] = (counts[op.kind] ?? 0) + 1;
  const plan = buildPlan({ operations });
  return { plan: { ...plan, summary: { ...plan.summary, counts } }, issues };
}

describe('report.html of a big plan', () => {
  const { plan, issues } = bigPlan();
  const page = renderReportHtml(plan, issues);

  it('stays a few MB: the first operations of each kind, not all of them', () => {
    expect(plan.operations.length).toBe(28_001);
    expect(page.length).toBeLessThan(3_000_000);
    const rows = page.match(/<tr class="op"/g) ?? [];
    // create-customer, update-customer, create-contact, invalid: capped; the one conflict: shown.
    expect(rows).toHaveLength(4 * HTML_OPS_PER_KIND + 1);
    expect(page).toContain('id="op-cc-0000000099"');
    expect(page).not.toContain('id="op-cc-0000000100"');
    expect(page).toContain('id="op-cf-big"');
  });

  it('says how many it shows of how many, and where the rest is', () => {
    expect(page).toContain(`<b>${(4 * HTML_OPS_PER_KIND + 1).toLocaleString('en-US')} of 28,001 operations are shown</b>`);
    expect(page).toContain('Create customer: 100 of 10,000');
    expect(page).toContain('Create contact: 100 of 5,000');
    expect(page).toContain('Every operation is in <b>report.xlsx</b>');
    expect(page).toContain(`The first ${HTML_REJECTS_SHOWN} of 3,000 rejected rows and warnings are shown`);
    expect(page.match(/<tr class="rej"/g)).toHaveLength(HTML_REJECTS_SHOWN);
    // Summary cards and chips still count everything.
    expect(page).toContain('3,000 rejected');
    expect(page).toMatch(/data-filter="create-customer"[^>]*>.*?<span class="n">10,000<\/span>/);
  });

  it('shortens long lists inside one operation', () => {
    const row = page.slice(page.indexOf('id="op-cf-big"'), page.indexOf('</tr>', page.indexOf('id="op-cf-big"')));
    expect(row.match(/<li>Follower /g)).toHaveLength(HTML_ITEMS_PER_OP);
    expect(row).toContain(`… and ${600 - HTML_ITEMS_PER_OP} more (all in report.xlsx)`);
    expect(row).toContain(`… and ${600 - HTML_ITEMS_PER_OP} more rows`);
  });

  it('names a new customer that a shown contact goes under', () => {
    expect(page).toContain('new: Client 0 (cc-0000000000)');
  });

  it('says nothing about a cut when everything fits', () => {
    const small = renderReportHtml(buildPlan(), []);
    expect(small).not.toContain('id="cut"');
    expect(small).not.toContain('id="rejects-cut"');
  });
});
