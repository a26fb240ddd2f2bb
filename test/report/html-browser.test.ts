/**
 * The HTML report as a person sees it, in headless Chromium: summary counts,
 * live search, kind filters, diffs, escaped hostile values, no network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { renderReportHtml } from '../../src/report/html.js';
import { openHtml, skipBrowser } from './browser.js';
import { buildIssues, buildPlan, IDS, SCRIPT } from './plan-fixture.js';

/** The page's global object, as far as these tests use it (no DOM lib in tsconfig). */
type Win = { getComputedStyle(e: unknown): Record<string, string>; __pwned?: number };
const cssOf = (loc: Locator, prop: string) => loc.evaluate((e, p) => (globalThis as unknown as Win).getComputedStyle(e)[p], prop);

describe.skipIf(skipBrowser)('report.html in Chromium', () => {
  const plan = buildPlan();
  let browser: Browser;
  let page: Page;
  let url: string;
  let requests: string[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    ({ browser, page, url, requests, errors } = await openHtml(renderReportHtml(plan, buildIssues()), 'report.html'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  const visibleOps = () => page.locator('tr.op:visible');
  const visibleKinds = async () => (await visibleOps().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))) as string[];

  it('makes no network request and logs no error (our script runs under the CSP)', async () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await expect.poll(() => page.locator('#shown').textContent()).toBe('15 of 15 operations');
  });

  it('shows the summary counts on the cards', async () => {
    const card = async (id: string) => (await page.locator(`[data-card="${id}"] .v`).textContent())?.trim();
    expect(await card('creates')).toBe('4');
    expect(await card('updates')).toBe('3');
    expect(await card('merges')).toBe('2');
    expect(await card('conflicts')).toBe('2');
    expect(await card('skipped')).toBe('1');
    expect(await card('rejected')).toBe('2');
    expect(await card('calls')).toBe('20');
    expect(await page.locator('[data-card="calls"] .s').textContent()).toBe('17 writes + 3 checks');
    expect(await page.locator('.hero').innerText()).toContain('SANDBOX');
    expect(await page.locator('.hero').innerText()).toContain('clients.csv · 12 rows');
  });

  it('typing in the search box hides the rows that do not match', async () => {
    await page.fill('#q', 'northwind');
    expect(await visibleKinds()).toEqual(['create-customer', 'create-contact']);
    expect(await page.locator('#shown').textContent()).toBe('2 of 15 operations');
    await page.fill('#q', 'bayside  office manager');
    expect(await visibleOps().count()).toBe(1);
    expect(await visibleOps().first().getAttribute('id')).toBe(`op-${IDS.updateContact}`);
    await page.fill('#q', 'no such thing anywhere');
    expect(await visibleOps().count()).toBe(0);
    expect(await page.locator('#empty').isVisible()).toBe(true);
    expect(await page.locator('tr.rej:visible').count()).toBe(0);
    await page.fill('#q', 'EMAIL_INVALID');
    expect(await page.locator('tr.rej:visible').count()).toBe(1);
    await page.fill('#q', '');
    expect(await visibleOps().count()).toBe(15);
    expect(await page.locator('tr.rej:visible').count()).toBe(3);
  });

  it('a kind filter shows only that kind, and combines with the search', async () => {
    await page.click('[data-filter="conflict"]');
    expect(await visibleKinds()).toEqual(['conflict', 'conflict']);
    expect(await page.locator('[data-filter="conflict"]').getAttribute('aria-pressed')).toBe('true');
    await page.fill('#q', 'adventure');
    expect(await visibleOps().count()).toBe(1);
    await page.fill('#q', '');
    await page.click('[data-filter="update-customer"]');
    expect(await visibleKinds()).toEqual(['update-customer', 'update-customer']);
    await page.click('[data-filter="all"]');
    expect(await visibleOps().count()).toBe(15);
  });

  it('a diff shows before struck through and after highlighted; held values are marked', async () => {
    const row = page.locator(`#op-${IDS.updateCustomer}`);
    const before = row.locator('tr.chg del', { hasText: 'Bayside Legal' }).first();
    const after = row.locator('tr.chg ins', { hasText: 'Bayside Legal LLP' });
    expect(await before.isVisible()).toBe(true);
    expect(await after.isVisible()).toBe(true);
    expect(await cssOf(before, 'textDecorationLine')).toBe('line-through');
    expect(await cssOf(before, 'backgroundColor')).toBe('rgb(254, 226, 226)');
    expect(await cssOf(after, 'backgroundColor')).toBe('rgb(220, 252, 231)');
    expect(await row.locator('tr.held').innerText()).toContain('kept by field policy');
    // match explanation: per-field weights as bars, one against (red)
    expect(await row.locator('.weights tr').count()).toBe(4);
    expect(await row.locator('.weights .neg').count()).toBe(1);
    const full = await row
      .locator('.weights .pos')
      .nth(1)
      .evaluate((e) => e.getBoundingClientRect().width);
    const small = await row
      .locator('.weights .pos')
      .nth(2)
      .evaluate((e) => e.getBoundingClientRect().width);
    expect(full).toBeGreaterThan(small * 3);
  });

  it('conflicts show their candidates with scores and explanations', async () => {
    const row = page.locator(`#op-${IDS.conflict}`);
    const text = await row.innerText();
    expect(text).toContain('two Syncro customers match about equally well');
    expect(text).toContain('Adventure Works (Atlanta)');
    expect(text).toContain('12.8');
    expect(text).toContain('Adventure Works Cycles');
    expect(await row.locator('.cands > tbody > tr').count()).toBe(2);
  });

  it('merges list the cluster, survivor first, with what moves and what becomes of the duplicates', async () => {
    const row = page.locator(`#op-${IDS.mergeCustomers}`);
    const members = await row.locator('.members tr').allInnerTexts();
    expect(members.map((m) => m.replace(/\s+/g, ' ').trim())).toEqual([
      'SURVIVES #1100 Contoso Pharmacy 3 contacts, 9 tickets, 2 assets, 4 invoices',
      'MERGED IN #1101 Contoso Pharmacy Inc. 1 contact, 2 tickets, 1 invoice',
      'MERGED IN #1102 Contoso Rx nothing linked',
    ]);
    const text = await row.innerText();
    expect(text).toContain('disable customers #1101, #1102');
    expect(text).toContain('most linked records (18 vs 4)');
    expect(await row.locator('tr.chg ins').innerText()).toBe('(206) 555-0175');
  });

  it('shows a script-injection value as text and never runs it', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as Win).__pwned)).toBeUndefined();
    const row = page.locator(`#op-${IDS.createCustomer2}`);
    expect(await row.locator('.rec').innerText()).toBe(`Customer ${SCRIPT}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
  });
});
