/**
 * A broken answer stops the CLI with exit 3 (issue 13.3) and a redirect is
 * never followed off the origin (issue 14.8): never "0 customers, everything
 * is a create".
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { sandbox, TEST_KEY } from '../helpers/target.js';

const FIXTURE = join(process.cwd(), 'fixtures', 'syncro', 'customers.csv');
let sb: RunningSandbox | undefined;
let server: Server | undefined;
afterEach(async () => {
  await sb?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  sb = undefined;
  server = undefined;
});

describe.skipIf(!cliBuilt)('broken answers stop the CLI (spawned)', () => {
  it('import against a list answered with an HTML page (status 200): exit 3 naming the URL, no plan', async () => {
    sb = await sandbox({ variants: { htmlLists: ['customers'] } });
    const r = await runCliProcess(['import', FIXTURE], { cwd: freshDir(), env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${sb.url}/customers`);
    expect(r.stderr).toMatch(/cannot be relied on/);
    expect(r.stdout + r.stderr).not.toMatch(/to create/);
    expect(r.stdout + r.stderr).not.toContain(TEST_KEY);
  });

  it('import against a server redirecting to another host: exit 3, the redirect not followed', async () => {
    let elsewhere = 0;
    const other = createServer((_req, res) => {
      elsewhere++;
      res.end('{"customers":[]}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const otherPort = (other.address() as AddressInfo).port;
    server = createServer((_req, res) => {
      res.writeHead(302, { location: `http://localhost:${otherPort}/login` });
      res.end();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const r = await runCliProcess(['import', FIXTURE], { cwd: freshDir(), env: { SYNCRO_BASE_URL: url, SYNCRO_API_KEY: TEST_KEY } });
    await new Promise((res) => other.close(res));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/redirected/);
    expect(elsewhere).toBe(0);
  });
});
