/**
 * Regenerates docs/audit-screenshot.png from a real audit of a seeded
 * sandbox: a first audit, one merge applied and one cluster skipped, new
 * duplicates entered, then the second audit (with its trend) photographed.
 * Runs only when asked:
 *   AUDIT_SCREENSHOT=1 npx vitest run test/report/audit-screenshot.test.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import { runAudit } from '../../src/run/audit.js';
import { clientFor, sandbox } from '../helpers/target.js';
import { launchBrowser, skipBrowser } from './browser.js';
import { tempDir } from './helpers.js';

const wanted = process.env.AUDIT_SCREENSHOT === '1';

describe.skipIf(!wanted || skipBrowser)('audit screenshot', () => {
  it('writes docs/audit-screenshot.png', async () => {
    const sb = await sandbox();
    const client = clientFor(sb);
    const cwd = tempDir();
    const c = (body: Record<string, unknown>) => client.createCustomer(body).then((r) => r.record);
    const k = (body: Record<string, unknown>) => client.createContact(body).then((r) => r.record);
    const post = (resource: string, body: Record<string, unknown>) => client.http.request('POST', resource, { body });
    const audit = () => runAudit({ client, target: { baseUrl: 'local sandbox', sandbox: true }, rateLimit: 180, cwd });
    try {
      // Before the first audit: one practice entered twice, one person entered twice, and unrelated clients.
      const harbor = await c({
        business_name: 'Harbor View Dental',
        email: 'office@harborviewdental.com',
        phone: '(503) 555-0142',
        address: '1420 Harbor View Dr',
        city: 'Portland',
        state: 'OR',
        zip: '97209',
      });
      await c({
        business_name: 'Harborview Dental LLC',
        email: 'billing@harborviewdental.com',
        phone: '503-555-0142',
        address: '1420 Harbor View Drive',
        city: 'Portland',
        state: 'OR',
        zip: '97209',
      });
      await post('tickets', { customer_id: harbor.id, subject: 'Printer jam' });
      const okafor = await c({
        business_name: 'Okafor & Partners Law',
        email: 'it@okaforlaw.com',
        phone: '(206) 555-0133',
        address: '800 5th Ave',
        city: 'Seattle',
        state: 'WA',
        zip: '98104',
      });
      await k({ customer_id: okafor.id, name: 'Jim Park', email: 'jim.park@okaforlaw.com', phone: '(206) 555-0150' });
      const james = await k({ customer_id: okafor.id, name: 'James Park', email: 'jim.park@okaforlaw.com', title: 'Office Manager' });
      await post('tickets', { customer_id: okafor.id, contact_id: james.id, subject: 'VPN drops' });
      for (const [name, email, city, state] of [
        ['Fabrikam Outdoor', 'it@fabrikam.example', 'Denver', 'CO'],
        ['Litware Accounting', 'office@litware.example', 'Austin', 'TX'],
        ['Tailspin Toys', 'admin@tailspintoys.example', 'Boise', 'ID'],
      ] as const)
        await c({ business_name: name, email, city, state });
      const first = await audit();
      const contactMerge = first.plan.operations.find((o) => o.kind === 'merge-contacts');
      await applyPlan({
        plan: first.plan,
        runDir: first.runDir,
        client,
        decisions: new Map(contactMerge ? [[contactMerge.id, { kind: 'skip' as const }]] : []),
      });

      // Since then: new duplicates.
      const contoso = await c({
        business_name: 'Contoso Pharmacy',
        email: 'it@contoso-rx.com',
        phone: '(206) 555-0175',
        address: '400 Pine St',
        city: 'Seattle',
        state: 'WA',
        zip: '98101',
        notes: 'Alarm code at front desk',
        properties: { 'Contract tier': 'Gold' },
      });
      await c({
        business_name: 'Contoso Pharmacy Inc.',
        email: 'it@contoso-rx.com',
        phone: '206.555.0175',
        address: '400 Pine Street',
        city: 'Seattle',
        state: 'Washington',
        zip: '98101',
        properties: { 'Billing terms': 'Net 30' },
      });
      await c({
        business_name: 'Contoso Pharmacy',
        email: 'accounts@contoso-rx.com',
        phone: '(206) 555-0175',
        mobile: '(206) 555-0190',
        city: 'Seattle',
        state: 'WA',
      });
      for (const subject of ['New laptop', 'Label printer', 'Email on phone']) await post('tickets', { customer_id: contoso.id, subject });
      await post('customer_assets', { customer_id: contoso.id, name: 'Pharmacy POS', asset_type_name: 'Desktop' });
      await k({ customer_id: contoso.id, name: 'Pat Lee', email: 'pat@contoso-rx.com' });
      const becker = await c({
        business_name: 'Becker Heating & Cooling',
        email: 'tom@beckerhvac.com',
        phone: '(614) 555-0175',
        city: 'Columbus',
        state: 'OH',
        zip: '43215',
      });
      await c({
        business_name: 'Becker Heating and Cooling',
        email: 'tom@beckerhvac.com',
        phone: '614-555-0175',
        city: 'Columbus',
        state: 'OH',
        notes: 'Entered from a phone call',
      });
      await post('invoices', { customer_id: becker.id, number: '2041' });
      await k({ customer_id: okafor.id, name: 'Sue Kim', email: 'sue@consult.example' });
      await k({ customer_id: becker.id, name: 'Sue Kim', email: 'sue@consult.example' });
      const second = await audit();
      expect(second.trend?.previousClusters).toBeGreaterThan(0);

      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 1200 }, deviceScaleFactor: 1 });
        await page.goto(`file://${join(second.runDir, 'audit.html')}`);
        mkdirSync('docs', { recursive: true });
        await page.screenshot({ path: process.env.AUDIT_SCREENSHOT_PATH ?? 'docs/audit-screenshot.png', fullPage: true });
        expect(await page.locator('.cluster').count()).toBeGreaterThan(2);
        expect(await page.locator('.cluster.k-contacts').count()).toBeGreaterThan(0);
        expect(await page.locator('.cluster.k-across').count()).toBeGreaterThan(0);
      } finally {
        await browser.close();
      }
    } finally {
      await sb.close();
    }
  });
});
