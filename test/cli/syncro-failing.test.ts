/**
 * Issue 14.6 and 14.10: when Syncro itself fails (a wrong API path, a
 * Retry-After of an hour, 5xx that do not stop), the command ends with exit 3
 * and says why. It was exit 70 ("internal error, a bug: report it") for every
 * API error without an exit code of its own, and a Retry-After of an hour was
 * waited out in silence, 30 times over.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { proxy } from '../helpers/proxy.js';
import type { RunningProxy } from '../helpers/proxy.js';
import { sandbox, TEST_KEY } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
let px: RunningProxy | undefined;
afterEach(async () => {
  await px?.close();
  await sb?.close();
  sb = px = undefined;
});

function inputIn(cwd: string): void {
  writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nSolo Co,s@solo.example\r\n');
}

describe.skipIf(!cliBuilt)('Syncro failing (spawned CLI)', () => {
  it('a base URL whose lists answer 404 (a wrong API path): exit 3, not 70', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    inputIn(cwd);
    const env = { SYNCRO_BASE_URL: sb.url.replace(/\/api\/v1$/, '/api/v9'), SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    const r = await runCliProcess(['import', 'in.csv'], { cwd, env });
    expect(r.stderr).toMatch(/API_NOT_FOUND/);
    expect(r.stderr).not.toMatch(/internal error|report it/i);
    expect(r.code, r.stderr).toBe(3);
  });

  it('a 429 asking to wait an hour: stops at once with exit 3 naming the wait, never sleeps on it', async () => {
    sb = await sandbox();
    px = await proxy(sb.url, (req, res) => {
      if (req.method !== 'GET' || !req.url?.includes('/customers')) return false;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' });
      res.end('{"error":"Rate limit exceeded"}');
      return true;
    });
    const cwd = freshDir();
    inputIn(cwd);
    const started = Date.now();
    const r = await runCliProcess(['import', 'in.csv'], {
      cwd,
      env: { SYNCRO_BASE_URL: px.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stderr).toMatch(/API_RATE_LIMITED/);
    expect(r.stderr).toMatch(/3600 s/);
    expect(r.code, r.stderr).toBe(3);
  });
});
