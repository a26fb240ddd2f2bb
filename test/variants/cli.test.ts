/**
 * The whole CLI path on a server that answers every open point the other way
 * (every variant on) and loses a fifth of the write answers: doctor saves the
 * profile, import --apply creates each customer once, undo removes exactly
 * what the run created and leaves the vendor contacts alone.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { ALL_VARIANTS } from '../../src/sandbox/variants.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { dump, TEST_KEY } from '../helpers/target.js';
import { variantSandbox } from './scenario.js';

const FIXTURE = join(process.cwd(), 'fixtures', 'syncro', 'customers.csv');
let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe.skipIf(!cliBuilt)('doctor, import --apply and undo with every variant on (spawned CLI)', () => {
  it('creates each customer once despite lost answers; undo takes back exactly those', async () => {
    sb = await variantSandbox(ALL_VARIANTS, {});
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    const cwd = freshDir();
    const start = await dump(sb);
    expect(start.contacts.filter((k) => k.customer_id === null)).toHaveLength(2);

    const doctor = await runCliProcess(['doctor', '--write-test'], { cwd, env });
    expect(doctor.code, doctor.stderr).toBe(0);
    expect(doctor.stdout).toMatch(/phone format\s+digits-only/);
    expect((await dump(sb)).customers).toHaveLength(0); // the scratch customer is gone

    sb.setFaults({ rateLostWrite: 0.2, seed: 3 });
    const imported = await runCliProcess(['import', FIXTURE, '--apply', '--yes'], { cwd, env });
    sb.setFaults({ rateLostWrite: 0 });
    expect(imported.stderr).toMatch(/Server profile:/);
    expect(imported.code, imported.stderr.slice(-1500)).toBe(0);
    expect(sb.stats().lostWrites).toBeGreaterThan(0);
    const after = await dump(sb);
    expect(after.customers).toHaveLength(12);
    const emails = after.customers.map((c) => String(c.email).toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);

    const undone = await runCliProcess(['undo', 'latest', '--yes'], { cwd, env });
    expect(undone.code, undone.stderr.slice(-1500)).toBe(0);
    const end = await dump(sb);
    expect(end.customers).toEqual([]);
    expect(end.contacts).toEqual(start.contacts);
  }, 120_000);
});
