/**
 * Issue 14.7 end to end: an undo killed (SIGKILL) after some restores, then
 * run again, reports no "changed in Syncro after this run wrote it", exits 0
 * and leaves every record as it was before the apply.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { CLI, cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { clientFor, dump, sandbox, TEST_KEY } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

/** Runs the CLI and kills it with SIGKILL once its progress shows `killAt` operations done. */
function runUntilKilled(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  killAt: number,
): Promise<{ signal: string | null; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, HOME: cwd, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = [...stderr.matchAll(/Undoing: (\d+)\/(\d+)/g)].pop();
      if (m && Number(m[1]) >= killAt && !child.killed) child.kill('SIGKILL');
    });
    child.stdout.resume();
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const strip = (rows: Array<Record<string, unknown>>) =>
  rows.map(({ updated_at: _u, created_at: _c, ...rest }) => rest).sort((a, b) => Number(a.id) - Number(b.id));

describe.skipIf(!cliBuilt)('undo killed midway and run again (spawned CLI)', () => {
  it('no false conflicts, exit 0, every record back', async () => {
    sb = await sandbox();
    const client = clientFor(sb);
    for (let i = 0; i < 40; i++) await client.createCustomer({ business_name: `Old ${i}`, email: `o${i}@old.example`, city: 'Austin' });
    const start = await dump(sb);
    const cwd = freshDir();
    const file = join(cwd, 'moves.csv');
    writeFileSync(
      file,
      `business_name,email,city\n${Array.from({ length: 40 }, (_, i) => `Old ${i},o${i}@old.example,Denver`).join('\n')}\nNew One,new1@new.example,Reno\n`,
    );
    const fast = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    const applied = await runCliProcess(['import', file, '--apply', '--yes'], { cwd, env: fast });
    expect(applied.code, applied.stderr).toBe(0);

    // Slow enough (10 requests/s) that the kill lands among the restores.
    const killed = await runUntilKilled(['undo', 'latest', '--yes'], cwd, { ...fast, SYNCRO_RATE_LIMIT: '600' }, 12);
    expect(killed.signal, killed.stderr.slice(-1500)).toBe('SIGKILL');
    const midway = await dump(sb);
    expect(midway.customers.filter((c) => c.city === 'Austin').length).toBeGreaterThan(0);
    expect(midway.customers.filter((c) => c.city === 'Denver').length).toBeGreaterThan(0);

    const resumed = await runCliProcess(['undo', 'latest', '--yes'], { cwd, env: fast });
    expect(resumed.stdout + resumed.stderr).not.toMatch(/changed in Syncro after this run wrote it/);
    expect(resumed.code, resumed.stderr.slice(-1500)).toBe(0);
    expect(strip((await dump(sb)).customers)).toEqual(strip(start.customers));
  }, 240_000);
});
