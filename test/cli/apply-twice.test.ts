/**
 * Issue 14.2 end to end: `import F; import F; apply <first>; apply <second>`
 * creates each record once. The second apply finds every create already in
 * Syncro and identical: nothing written, exit 0 (every operation is done).
 * When the record there differs, the create is a conflict left unapplied:
 * exit 1 (issue 14.10).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { dump, sandbox, TEST_KEY } from '../helpers/target.js';

const FIXTURE = join(process.cwd(), 'fixtures', 'connectwise-manage', 'companies-contacts.csv');
let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

function runs(cwd: string): string[] {
  const root = join(cwd, '.syncro-etl', 'runs');
  return readdirSync(root)
    .sort()
    .map((n) => join(root, n));
}

describe.skipIf(!cliBuilt)('two plans of one file, applied one after the other (spawned CLI)', () => {
  it('9 customers and 19 contacts, not twice that; the second apply writes nothing and exits 0', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    expect((await runCliProcess(['import', FIXTURE], { cwd, env })).code).toBe(0);
    expect((await runCliProcess(['import', FIXTURE], { cwd, env })).code).toBe(0);
    const [first, second] = runs(cwd);
    const a = await runCliProcess(['apply', first!, '--yes'], { cwd, env });
    expect(a.code, a.stderr).toBe(0);
    const b = await runCliProcess(['apply', second!, '--yes', '--json'], { cwd, env });
    expect(b.code, b.stderr).toBe(0);
    const summary = JSON.parse(b.stdout) as { writes: number; byOutcome: Record<string, number> };
    expect(summary.writes).toBe(0);
    expect(summary.byOutcome['skipped:no-write']).toBeGreaterThanOrEqual(28);
    const state = await dump(sb);
    expect(state.customers).toHaveLength(9);
    expect(state.contacts).toHaveLength(19);
  }, 180_000);

  it('the record already there differs: the create is a conflict, nothing written, exit 1', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    const file = join(cwd, 'one.csv');
    writeFileSync(file, 'business_name,email,city\nAcme Ltd,ops@acme.example,Austin\n');
    await runCliProcess(['import', file], { cwd, env });
    writeFileSync(file, 'business_name,email,city\nAcme Ltd,ops@acme.example,Dallas\n');
    await runCliProcess(['import', file], { cwd, env });
    const [first, second] = runs(cwd);
    expect((await runCliProcess(['apply', first!, '--yes'], { cwd, env })).code).toBe(0);
    const b = await runCliProcess(['apply', second!, '--yes'], { cwd, env });
    expect(b.code).toBe(1);
    expect(b.stdout + b.stderr).toMatch(/conflict/);
    const state = await dump(sb);
    expect(state.customers).toHaveLength(1);
    expect(state.customers[0]?.city).toBe('Austin');
  }, 180_000);
});
