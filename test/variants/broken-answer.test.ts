/**
 * A list answered with an HTML page (maintenance, login, proxy) and status
 * 200 stops import, audit and apply with exit 3 before any write (issue
 * 13.3: it was read as an empty account and planned every row as a create).
 * A list without `meta` is not broken: paging goes on until a page is empty.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { rec, resetRows } from '../helpers/records.js';
import { planRun } from '../helpers/runs.js';
import { clientFor, TEST_KEY } from '../helpers/target.js';
import { variantSandbox } from './scenario.js';

const FIXTURE = join(process.cwd(), 'fixtures', 'syncro', 'customers.csv');
let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const env = (s: RunningSandbox) => ({ SYNCRO_BASE_URL: s.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' });
const writes = (s: RunningSandbox): number =>
  Object.entries(s.stats().byRoute)
    .filter(([route]) => /^(POST|PUT|PATCH|DELETE) /.test(route))
    .reduce((n, [, count]) => n + count, 0);

describe.skipIf(!cliBuilt)('an HTML answer to a list stops the run (spawned CLI)', () => {
  it('import: exit 3, the message names the URL and what came back, no run planned as creates', async () => {
    sb = await variantSandbox({ htmlLists: ['customers'] });
    const r = await runCliProcess(['import', FIXTURE], { cwd: freshDir(), env: env(sb) });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/\/customers/);
    expect(r.stderr).toMatch(/not JSON|html/i);
    expect(r.stdout).not.toMatch(/to create/);
    expect(writes(sb)).toBe(0);
  });

  it('apply of a plan made before the outage: exit 3, nothing written', async () => {
    sb = await variantSandbox({});
    resetRows();
    const { runDir, plan } = await planRun(
      clientFor(sb),
      [rec({ email: 'it@okaforlaw.com', city: 'Tacoma' }), rec({ business_name: 'Fresh Co', email: 'hi@fresh.example' })],
      {},
      { baseUrl: sb.url, sandbox: false },
    );
    expect(plan.summary.writeCalls).toBeGreaterThan(0);
    sb.setVariants({ htmlLists: ['customers', 'contacts'] });
    const before = writes(sb);
    const r = await runCliProcess(['apply', runDir, '--yes'], { cwd: freshDir(), env: env(sb) });
    expect(r.code, r.stderr).toBe(3);
    expect(writes(sb) - before).toBe(0);
  });

  it('audit: exit 3, nothing written', async () => {
    sb = await variantSandbox({ htmlLists: ['contacts'] });
    const r = await runCliProcess(['audit'], { cwd: freshDir(), env: env(sb) });
    expect(r.code, r.stderr).toBe(3);
    expect(writes(sb)).toBe(0);
  });

  it('lists without meta are read to the end: import plans the same as with meta', async () => {
    const plain = await variantSandbox({});
    const a = await runCliProcess(['import', FIXTURE], { cwd: freshDir(), env: env(plain) });
    await plain.close();
    sb = await variantSandbox({ listsWithoutMeta: ['customers', 'contacts'] });
    const b = await runCliProcess(['import', FIXTURE], { cwd: freshDir(), env: env(sb) });
    expect([a.code, b.code]).toEqual([0, 0]);
    const summary = (s: string) =>
      s
        .split('\n')
        .filter((l) => /to (create|update)|unchanged/.test(l))
        .join('\n');
    expect(summary(b.stdout)).toBe(summary(a.stdout));
    expect(summary(a.stdout)).not.toBe('');
  });
});
