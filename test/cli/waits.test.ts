/** Issue 14.6: every wait has a bound and a message — Redis unreachable, nonsensical rates, SIGTERM like Ctrl-C. */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { CLI, cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { dump, sandbox, TEST_KEY } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

function inputIn(cwd: string, rows = 1): void {
  const lines = Array.from({ length: rows }, (_, i) => `Co ${i},c${i}@co${i}.example`);
  writeFileSync(join(cwd, 'in.csv'), `business_name,email\r\n${lines.join('\r\n')}\r\n`);
}

describe.skipIf(!cliBuilt)('bounded waits (spawned CLI)', () => {
  it('an unreachable --redis stops within seconds with exit 3 and says why', async () => {
    const cwd = freshDir();
    inputIn(cwd);
    const started = Date.now();
    const r = await runCliProcess(['import', 'in.csv', '--redis', 'redis://127.0.0.1:1'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/REDIS_UNREACHABLE.*cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    expect(Date.now() - started).toBeLessThan(30_000); // bounded (5 s timeout), not forever
  }, 60_000);

  it.each([['0.001'], ['0'], ['-5'], ['1.5'], ['1e9'], ['abc']])(
    '--rate-limit %s is a usage error (exit 2) naming the range',
    async (rate) => {
      const cwd = freshDir();
      inputIn(cwd);
      const r = await runCliProcess(['import', 'in.csv', '--rate-limit', rate], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--rate-limit must be a whole number of requests per minute from 10 to 60000/);
    },
  );

  it('SYNCRO_RATE_LIMIT=0.001 is a configuration error (exit 3)', async () => {
    const cwd = freshDir();
    inputIn(cwd);
    const r = await runCliProcess(['import', 'in.csv'], { cwd, env: { SYNCRO_RATE_LIMIT: '0.001' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/SYNCRO_RATE_LIMIT must be a whole number/);
  });

  it('SIGTERM during apply stops like Ctrl-C: exit 5, journal kept, resume command printed; the resume finishes', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    inputIn(cwd, 20);
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    expect((await runCliProcess(['import', 'in.csv'], { cwd, env })).code).toBe(0);
    // No decisions to take: apply runs the plan as made (and does not depend on how reports are laid out).
    const runs = join(cwd, '.syncro-etl', 'runs');
    rmSync(join(runs, readdirSync(runs)[0]!, 'report.xlsx'));
    // 60 requests a minute: 40 writes take 40 s, so the run is surely midway when the signal comes.
    const child = spawn(process.execPath, [CLI, 'apply', 'latest', '--yes', '--rate-limit', '60'], {
      cwd,
      env: { ...process.env, ...env, HOME: cwd },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      const poll = setInterval(() => {
        if (/Applying/.test(stderr)) {
          clearInterval(poll);
          child.kill('SIGTERM');
        }
      }, 100);
    });
    expect(code, stderr).toBe(5);
    expect(stderr).toMatch(/SIGTERM: Stopping after the writes in flight/);
    expect(stderr).toMatch(/Stopped: interrupted \(SIGTERM\)/); // was "(Ctrl-C)" whatever the signal
    expect(stderr).toMatch(/Resume with: syncro-etl apply \S+ --yes/);
    const written = (await dump(sb)).customers.length;
    expect(written).toBeLessThan(20);
    const resumed = await runCliProcess(['apply', 'latest', '--yes'], { cwd, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await dump(sb)).customers).toHaveLength(20);
  }, 60_000);
});
