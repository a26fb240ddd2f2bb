/**
 * audit.html: self-contained and escaped (as markup), then as a person sees
 * it in headless Chromium: summary and trend, one card per cluster with the
 * members side by side, differences highlighted, weight bars, the live
 * search and the customers / contacts / across filter, no network request,
 * injected text shown as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { renderAuditHtml } from '../../src/report/audit-html.js';
import { AIDS, buildAuditPlan, mergeOf, SCRIPT, TREND } from './audit-fixture.js';
import { openHtml, skipBrowser } from './browser.js';

type Win = { getComputedStyle(e: unknown): Record<string, string>; __pwned?: number };
const cssOf = (loc: Locator, prop: string) => loc.evaluate((e, p) => (globalThis as unknown as Win).getComputedStyle(e)[p], prop);

const plan = buildAuditPlan();
const harbor = mergeOf(plan, 'merge-customers', AIDS.harbor);
const jim = mergeOf(plan, 'merge-contacts', AIDS.jim);

describe('audit.html as markup', () => {
  const page = renderAuditHtml(plan, TREND);

  it('is self-contained: a CSP forbidding the network, one inline script, no external reference', () => {
    expect(page.replaceAll('&#39;', "'")).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-`,
    );
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('escapes record values', () => {
    expect(page).not.toContain(SCRIPT);
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
  });

  it('says plainly when there is nothing to compare with or nothing found', () => {
    const first = renderAuditHtml({ ...plan, operations: [] });
    expect(first).toContain('first audit');
    expect(first).toContain('No duplicates found: nothing to merge.');
    expect(first).not.toContain('id="trend"');
  });
});

describe.skipIf(skipBrowser)('audit.html in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let url: string;
  let requests: string[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    ({ browser, page, url, requests, errors } = await openHtml(renderAuditHtml(plan, TREND), 'audit.html'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  const visible = async () =>
    (await page.locator('.cluster:visible').evaluateAll((els) => els.map((e) => e.id.replace(/^cl-/, '')))) as string[];

  it('makes no network request and logs no error (our script runs under the CSP)', async () => {
    expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await expect.poll(() => page.locator('#shown').textContent()).toBe('4 of 4 shown');
  });

  it('summary cards and the trend against the previous audit', async () => {
    const card = async (id: string) => (await page.locator(`[data-card="${id}"] .v`).textContent())?.trim();
    expect(await card('customers')).toBe('2');
    expect(await card('contacts')).toBe('1');
    expect(await card('across')).toBe('1');
    expect(await card('duplicates')).toBe('4');
    expect(await card('calls')).toBe(String(plan.summary.writeCalls + plan.summary.checkCalls));
    expect(await card('trend')).toBe('1');
    const trend = (await page.locator('#trend').innerText()).replace(/\s+/g, ' ');
    expect(trend).toContain('Since the previous audit (2024-03-01)');
    expect(trend).toContain('5 clusters then 3 merged since 2 still open 1 new');
  });

  it('one card per cluster: members side by side, survivor first with its badge and reason, merged result last', async () => {
    const card = page.locator(`#cl-${jim.id}`);
    const heads = (await card.locator('thead th').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(heads).toEqual(['Field', 'SURVIVOR #3002 James Park', 'DUPLICATE #3001 Jim Park', 'After merge if #3002 survives']);
    expect((await card.locator('.cl-side').innerText()).replace(/\s+/g, ' ')).toContain('#3002 most linked records (1 vs 0)');
    const phone = card.locator('tr[data-key="phone"] td');
    expect(await phone.allInnerTexts()).toEqual(['–', '(206) 555-0150', '(206) 555-0150']);
    expect(await card.locator('tr[data-key="linked.tickets"] td').allInnerTexts()).toEqual(['1', '0', '1']);
  });

  it('highlights differences from the survivor and what the merge changes', async () => {
    const card = page.locator(`#cl-${harbor.id}`);
    const email = card.locator('tr[data-key="email"] td').nth(1);
    const phone = card.locator('tr[data-key="phone"] td').nth(1);
    const city = card.locator('tr[data-key="city"] td').nth(1);
    const mobileAfter = card.locator('tr[data-key="mobile"] td.after');
    expect(await email.getAttribute('class')).toBe('d-differs');
    expect(await cssOf(email, 'backgroundColor')).toBe('rgb(255, 237, 213)');
    expect(await phone.getAttribute('title')).toBe('the same value as the survivor, written differently');
    expect(await cssOf(city, 'backgroundColor')).toBe('rgba(0, 0, 0, 0)');
    expect(await cssOf(mobileAfter, 'backgroundColor')).toBe('rgb(220, 252, 231)');
    expect(await mobileAfter.innerText()).toBe('(503) 555-0199');
  });

  it('shows the score with per-field weight bars, the prior against', async () => {
    const card = page.locator(`#cl-${harbor.id}`);
    expect(await card.locator('.cl-head .sc b').innerText()).toBe('18.6');
    expect(await card.locator('.weights tr').count()).toBe(6);
    expect(await card.locator('.weights .neg').count()).toBe(2);
    const phone = await card
      .locator('.weights .pos')
      .nth(1)
      .evaluate((e) => e.getBoundingClientRect().width);
    const zip = await card
      .locator('.weights .pos')
      .nth(3)
      .evaluate((e) => e.getBoundingClientRect().width);
    expect(phone).toBeGreaterThan(zip * 2.5);
    expect(await card.locator('.decide').innerText()).toContain('merge · skip · survivor #2002');
  });

  it('the search hides the clusters that do not match; the filter narrows by kind and combines with it', async () => {
    await page.fill('#q', 'contoso');
    expect(await visible()).toEqual([mergeOf(plan, 'merge-customers', AIDS.contoso).id]);
    await page.fill('#q', '555-0150');
    expect(await visible()).toEqual([jim.id]);
    await page.fill('#q', 'nothing like this');
    expect(await visible()).toEqual([]);
    expect(await page.locator('#empty').isVisible()).toBe(true);
    expect(await page.locator('#shown').textContent()).toBe('0 of 4 shown');
    await page.fill('#q', '');
    await page.click('[data-filter="across"]');
    expect(await page.locator('.cluster:visible h3').allInnerTexts()).toEqual(['Sue Kim']);
    await page.click('[data-filter="customers"]');
    expect(await visible()).toHaveLength(2);
    await page.fill('#q', 'portland');
    expect(await visible()).toEqual([harbor.id]);
    await page.click('[data-filter="contacts"]');
    expect(await visible()).toEqual([]);
    await page.fill('#q', '');
    await page.click('[data-filter="all"]');
    expect(await visible()).toHaveLength(4);
  });

  it('shows injected text as text and never runs it', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as Win).__pwned)).toBeUndefined();
    expect(await page.locator(`#cl-${harbor.id} tr[data-key="properties.Terms"] td`).nth(1).innerText()).toBe(SCRIPT);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
  });
});
