/**
 * doctor against the sandbox: the plain sandbox reports every assumption
 * held; each variant switched on is reported as that variant; the write test
 * leaves nothing behind. The spawned CLI prints the table, saves the profile
 * and keeps the exit-code conventions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index.js';
import type { DoctorReport, Finding } from '../../src/doctor/index.js';
import { profilePathFor } from '../../src/doctor/location.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SandboxVariants } from '../../src/sandbox/variants.js';
import { createLimiter } from '../../src/syncro/limiter.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { dump, sandbox, TEST_KEY } from '../helpers/target.js';

const SEED = {
  customers: [
    { business_name: 'Acme', email: 'it@acme.com', contacts: [{ name: 'Ann Lee', email: 'ann@acme.com' }] },
    { business_name: 'Globex', email: 'ops@globex.com', contacts: [{ name: 'Gus Gold', email: 'gus@globex.com' }] },
    { business_name: 'Initech', email: 'bill@initech.com' },
    { business_name: 'Gone Inc', email: 'old@gone.com', disabled: true },
  ],
  tickets: [
    { customer_index: 0, subject: 'Printer' },
    { customer_index: 1, subject: 'Mail' },
  ],
  assets: [
    { customer_index: 0, name: 'PC-01' },
    { customer_index: 1, name: 'PC-02' },
  ],
  invoices: [
    { customer_index: 0, number: '1001' },
    { customer_index: 1, number: '1002' },
  ],
};

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await sandbox({ seed: SEED });
});
afterAll(async () => sb.close());
beforeEach(async () => {
  sb.setVariants({});
  await fetch(sb.url.replace(/\/api\/v1$/, '/__sandbox/reset'), {
    method: 'POST',
    body: JSON.stringify(SEED),
    headers: { 'content-type': 'application/json' },
  });
});

async function doctor(variants: SandboxVariants, writeTest = false): Promise<DoctorReport> {
  sb.setVariants(variants);
  const limiter = createLimiter({ perMinute: 60_000 });
  try {
    return await runDoctor({ baseUrl: sb.url, apiKey: TEST_KEY, limiter, writeTest });
  } finally {
    await limiter.close();
  }
}

const row = (r: DoctorReport, check: string): Finding => {
  const f = r.findings.find((x) => x.check === check);
  if (!f) throw new Error(`no row "${check}" in ${r.findings.map((x) => x.check).join(' | ')}`);
  return f;
};
const result = (r: DoctorReport, check: string) => row(r, check).result;

describe('doctor on the plain sandbox', () => {
  it('reports every filter honoured, singles as assumed, page sizes, no failure', async () => {
    const r = await doctor({});
    for (const check of [
      'id[] on customers',
      'email on customers',
      'customer_id on contacts',
      'customer_id on tickets',
      'customer_id on customer_assets',
      'customer_id on invoices',
    ]) {
      expect([check, result(r, check)]).toEqual([check, 'honoured']);
    }
    expect(result(r, 'API key (/me)')).toBe('valid');
    expect(result(r, 'include_disabled on customers')).toBe('honoured'); // Gone Inc is listed only with it
    expect(row(r, 'single customer_assets record').verdict).toBe('ok');
    expect(result(r, 'page size of customers')).toBe('100');
    expect(r.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'differs')).toEqual([]);
    expect(r.profile.filters['invoices.customer_id']).toBe('honoured');
    expect(r.profile.singles).toEqual({
      customers: 'wrapped',
      contacts: 'unwrapped',
      tickets: 'wrapped',
      customer_assets: 'wrapped',
      invoices: 'wrapped',
    });
    expect(r.requests).toBeLessThan(40);
  });
});

describe('doctor reports each variant', () => {
  it.each(['invoices', 'tickets', 'customer_assets', 'contacts'] as const)('customer_id ignored on %s → NOT honoured', async (resource) => {
    const r = await doctor({ ignoreFilters: [`${resource}.customer_id`] });
    expect(result(r, `customer_id on ${resource}`)).toBe('NOT honoured');
    expect(row(r, `customer_id on ${resource}`).verdict).toBe('differs');
    expect(r.profile.filters[`${resource}.customer_id`]).toBe('ignored');
    const others = (['invoices', 'tickets', 'customer_assets', 'contacts'] as const).filter((x) => x !== resource);
    for (const o of others) expect(result(r, `customer_id on ${o}`)).toBe('honoured');
  });

  it('id[] and email ignored on customers', async () => {
    const r = await doctor({ ignoreFilters: ['customers.id', 'customers.email'] });
    expect([result(r, 'id[] on customers'), result(r, 'email on customers')]).toEqual(['NOT honoured', 'NOT honoured']);
  });

  it('flat singles and wrapped contacts', async () => {
    const r = await doctor({ flatSingles: ['customer_assets', 'invoices'], wrappedContacts: true });
    expect(r.profile.singles).toMatchObject({
      customer_assets: 'unwrapped',
      invoices: 'unwrapped',
      contacts: 'wrapped',
      tickets: 'wrapped',
    });
    expect(row(r, 'single invoices record').verdict).toBe('differs');
  });

  it('an HTML list is a failure row naming what came back', async () => {
    const r = await doctor({ htmlLists: ['invoices'] });
    const f = row(r, 'GET /invoices');
    expect([f.verdict, f.detail]).toEqual(['fail', expect.stringMatching(/text\/html.*not JSON/)]);
  });

  it('a list without meta', async () => {
    const r = await doctor({ listsWithoutMeta: ['contacts'] });
    expect(result(r, 'contacts list')).toBe('"contacts", no meta');
  });

  it('vendor contacts are seen', async () => {
    const r = await doctor({ vendorContacts: 2 });
    expect(result(r, 'vendor contacts (customer_id null)')).toBe('2 on page 1');
    expect(r.profile.vendorContacts).toBe(true);
  });
});

describe('doctor --write-test', () => {
  it('plain sandbox: everything kept, nothing left behind', async () => {
    const before = await dump(sb);
    const r = await doctor({}, true);
    expect(r.profile.writes).toEqual({ disabled: 'honoured', customFields: 'honoured', contactTitle: 'properties' });
    expect(r.profile.disabledUnlisted).not.toBe(true);
    expect(r.profile.phones).toBe('as-sent');
    expect(result(r, 'updated_at after our write')).toBe('unchanged');
    expect([result(r, 'delete scratch customer'), result(r, 'delete scratch contact')]).toEqual(['deleted', 'deleted']);
    expect(r.leftBehind).toEqual([]);
    const after = await dump(sb);
    expect([after.customers.length, after.contacts.length]).toEqual([before.customers.length, before.contacts.length]);
  });

  it('reports what each write variant changed or dropped, and still cleans up', async () => {
    const before = await dump(sb);
    const r = await doctor(
      {
        digitPhones: ['customers', 'contacts'],
        ignoredFields: ['customers.disabled', 'customers.properties'],
        contactTitleTopLevel: true,
        touchUpdatedAtSeconds: 5,
      },
      true,
    );
    expect(r.profile.phones).toBe('digits-only');
    expect(r.profile.writes).toEqual({ disabled: 'ignored', customFields: 'ignored', contactTitle: 'top-level' });
    expect(result(r, 'disabled on PUT /customers')).toBe('NOT kept');
    expect(result(r, 'updated_at after our write')).toBe('moved later');
    expect(r.leftBehind).toEqual([]);
    const after = await dump(sb);
    expect([after.customers.length, after.contacts.length]).toEqual([before.customers.length, before.contacts.length]);
  });

  it('a contact title Syncro drops is reported NOT kept', async () => {
    const r = await doctor({ ignoredFields: ['contacts.title'] }, true);
    expect([result(r, 'contact title'), r.profile.writes.contactTitle]).toEqual(['NOT kept', 'ignored']);
    expect(r.leftBehind).toEqual([]);
  });

  it('include_disabled ignored is settled by the disabled scratch customer', async () => {
    const r = await doctor({ ignoreFilters: ['customers.include_disabled'] }, true);
    expect(result(r, 'include_disabled on customers (scratch)')).toBe('NOT honoured');
    expect(r.profile.filters['customers.include_disabled']).toBe('ignored');
    // What it means is said, and kept for the commands that load the profile.
    expect(row(r, 'include_disabled on customers (scratch)').detail).toMatch(
      /not listed, with include_disabled=true or without: .*planned as a new customer/,
    );
    expect(r.profile.disabledUnlisted).toBe(true);
  });
});

describe('doctor --write-test when a delete fails', () => {
  it('reports the scratch records left behind, with their ids, as failures', async () => {
    const limiter = createLimiter({ perMinute: 60_000 });
    // A server that answers DELETE with 500 and keeps the record.
    const refusingDeletes: typeof fetch = async (url, init) =>
      init?.method === 'DELETE' ? new Response('{"error":"boom"}', { status: 500 }) : fetch(url, init);
    try {
      const r = await runDoctor({ baseUrl: sb.url, apiKey: TEST_KEY, limiter, writeTest: true, fetch: refusingDeletes });
      expect(r.leftBehind.map((x) => x.resource)).toEqual(['contacts', 'customers']);
      expect(row(r, 'delete scratch customer')).toMatchObject({ verdict: 'fail', result: 'NOT deleted' });
      expect(row(r, 'delete scratch customer').detail).toContain(`#${r.leftBehind[1]!.id}`);
    } finally {
      await limiter.close();
    }
  });
});

describe('doctor --rate-limit-probe', () => {
  it.each([true, false])('finds the 429 one request past the limit (Retry-After %s)', async (retryAfter) => {
    const limited = await sandbox({ seed: SEED, rateLimit: 60, retryAfter });
    const limiter = createLimiter({ perMinute: 60_000 });
    try {
      const r = await runDoctor({ baseUrl: limited.url, apiKey: TEST_KEY, limiter, rateLimitProbe: true });
      expect(r.findings.filter((f) => f.verdict === 'fail')).toEqual([]);
      expect(result(r, '429 answer')).toMatch(/^after \d+ requests$/);
      expect(row(r, '429 answer').detail).toContain('Rate limit exceeded');
      expect(r.profile.retryAfterHeader).toBe(retryAfter);
      expect(limited.stats().rateLimited).toBe(1);
    } finally {
      await limiter.close();
      await limited.close();
    }
  });
});

describe.skipIf(!cliBuilt)('syncro-etl doctor (spawned)', () => {
  it('prints the table, saves the profile where the client looks, exit 0', async () => {
    sb.setVariants({ ignoreFilters: ['invoices.customer_id'] });
    const cwd = freshDir();
    const r = await runCliProcess(['doctor'], {
      cwd,
      env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/customer_id on invoices\s+NOT honoured\s+DIFFERS/);
    expect(r.stdout).toMatch(/customer_id on tickets\s+honoured\s+ok/);
    expect(r.stdout + r.stderr).not.toContain(TEST_KEY);
    const file = profilePathFor(sb.url, cwd);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).filters['invoices.customer_id']).toBe('ignored');
  });

  it('a command run later from the same folder loads the saved profile', async () => {
    const cwd = freshDir();
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    const before = await runCliProcess(['import', join(process.cwd(), 'fixtures', 'syncro', 'customers.csv')], { cwd, env });
    expect(before.stderr).toMatch(/No server profile for this account: run `syncro-etl doctor`/);
    expect((await runCliProcess(['doctor'], { cwd, env })).code).toBe(0);
    const after = await runCliProcess(['import', join(process.cwd(), 'fixtures', 'syncro', 'customers.csv')], { cwd, env });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toContain(`Server profile: ${profilePathFor(sb.url, cwd)}`);
  });

  it('--json gives the report; an HTML list exits 1', async () => {
    sb.setVariants({ htmlLists: ['tickets'] });
    const r = await runCliProcess(['doctor', '--json', '--no-save-profile'], {
      cwd: freshDir(),
      env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' },
    });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as DoctorReport & { profileFile: string | null };
    expect(report.findings.find((f) => f.check === 'GET /tickets')?.verdict).toBe('fail');
    expect(report.profileFile).toBeNull();
  });

  it('a refused key exits 3; no account configured exits 3', async () => {
    const bad = await runCliProcess(['doctor'], { cwd: freshDir(), env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: 'wrong-key' } });
    expect(bad.code).toBe(3);
    expect(bad.stderr).not.toContain('wrong-key');
    const none = await runCliProcess(['doctor'], { cwd: freshDir() });
    expect([none.code, none.stderr]).toEqual([3, expect.stringMatching(/none is configured/)]);
  });

  it('--help says when to run it', async () => {
    const r = await runCliProcess(['doctor', '--help'], { cwd: freshDir() });
    expect(r.stdout).toMatch(/before the first real import or merge/);
  });
});
