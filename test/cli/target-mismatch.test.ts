/**
 * Issue 15: a run applied or undone against another account than it was
 * planned on is refused with its own code, RUN_TARGET_MISMATCH (it was
 * RUN_NOT_FOUND, which sent people looking for a missing folder), exit 6,
 * and nothing is written to either account. The rule lives in src/app, so
 * the CLI and a script get the same check.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { dump, sandbox, TEST_KEY } from '../helpers/target.js';

let open: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

const envFor = (s: RunningSandbox) => ({ SYNCRO_BASE_URL: s.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' });

describe.skipIf(!cliBuilt)('apply/undo on another account (spawned CLI)', () => {
  it('a plan made on one account is refused on another: RUN_TARGET_MISMATCH, exit 6, nothing written', async () => {
    const planned = await sandbox();
    const other = await sandbox();
    open.push(planned, other);
    const cwd = freshDir();
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nSolo Co,s@solo.example\r\n');
    const plan = await runCliProcess(['import', 'in.csv'], { cwd, env: envFor(planned) });
    expect(plan.code, plan.stderr).toBe(0);

    const apply = await runCliProcess(['apply', 'latest', '--yes', '--json'], { cwd, env: envFor(other) });
    expect(apply.code, apply.stderr).toBe(6);
    expect(JSON.parse(apply.stdout)).toMatchObject({ error: { code: 'RUN_TARGET_MISMATCH' } });
    expect(apply.stderr).toContain(`this plan was made against ${planned.url}`);
    const undo = await runCliProcess(['undo', 'latest', '--yes', '--json'], { cwd, env: envFor(other) });
    expect(undo.code, undo.stderr).toBe(6);
    expect(JSON.parse(undo.stdout)).toMatchObject({ error: { code: 'RUN_TARGET_MISMATCH' } });
    expect([(await dump(planned)).customers.length, (await dump(other)).customers.length]).toEqual([0, 0]);
  });
});
