/**
 * Issue 13, "filters are verified, not trusted": a server that ignores a
 * filter is detected, the client switches to a safe way "and says so". The
 * client emits the warning as a notice; the CLI must print it (it did only
 * for export: audit, apply and undo said nothing while reading the full
 * invoice list instead of one customer's).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { TEST_KEY } from '../helpers/target.js';
import { variantSandbox } from './scenario.js';

const FIXTURE = join(process.cwd(), 'fixtures', 'syncro', 'customers.csv');
let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const env = (s: RunningSandbox) => ({ SYNCRO_BASE_URL: s.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' });

describe.skipIf(!cliBuilt)('a filter found ignored is said on the command line (spawned CLI)', () => {
  it('audit on a server ignoring customer_id on invoices: one warning naming the filter and the safe way', async () => {
    sb = await variantSandbox({ ignoreFilters: ['invoices.customer_id'] });
    const r = await runCliProcess(['audit'], { cwd: freshDir(), env: env(sb) });
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => /^warning: Syncro ignores the customer_id filter on invoices/.test(l));
    expect(warnings, r.stderr).toHaveLength(1);
    expect(warnings[0]).toMatch(/full list and filtering it here/);
  });

  it('the same audit on a server honouring the filter warns of nothing', async () => {
    sb = await variantSandbox({});
    const r = await runCliProcess(['audit'], { cwd: freshDir(), env: env(sb) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/^warning:/m);
  });

  it('a profile finding disabled customers in no list: every later command warns that they cannot be matched', async () => {
    sb = await variantSandbox({ ignoreFilters: ['customers.include_disabled'] });
    const cwd = freshDir();
    const doctor = await runCliProcess(['doctor', '--write-test'], { cwd, env: env(sb) });
    expect(doctor.stdout).toMatch(/include_disabled on customers \(scratch\)\s+NOT honoured/);
    const r = await runCliProcess(['import', FIXTURE], { cwd, env: env(sb) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: Syncro ignores include_disabled on this account: disabled customers are in no list/m);
  });

  it('a profile from a server that lists disabled customers when asked: no such warning', async () => {
    sb = await variantSandbox({});
    const cwd = freshDir();
    expect((await runCliProcess(['doctor', '--write-test'], { cwd, env: env(sb) })).code).toBe(0);
    const r = await runCliProcess(['import', FIXTURE], { cwd, env: env(sb) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Server profile:/);
    expect(r.stderr).not.toMatch(/include_disabled/);
  });
});
