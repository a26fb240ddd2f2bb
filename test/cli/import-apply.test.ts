import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { dump, sandbox, TEST_KEY } from '../helpers/target.js';

const FIXTURE = join(process.cwd(), 'fixtures', 'syncro', 'customers.csv');
let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe.skipIf(!cliBuilt)('the CLI end to end (spawned)', () => {
  it('--help lists the commands and the exit codes', async () => {
    const r = await runCliProcess(['--help'], { cwd: freshDir() });
    expect(r.code).toBe(0);
    for (const cmd of ['import', 'apply', 'undo', 'sandbox']) expect(r.stdout).toContain(`syncro-etl ${cmd}`);
    expect(r.stdout).toMatch(/Exit codes/);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await runCliProcess(['import', FIXTURE, '--no-such-flag'], { cwd: freshDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument/i);
  });

  it('import is a dry run: a run folder, a summary, nothing written', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    const r = await runCliProcess(['import', FIXTURE], { cwd, env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/12\s+customers to create/);
    expect(r.stderr).toMatch(/dry run: nothing was written/);
    expect((await dump(sb)).customers).toHaveLength(0);
    const runs = readdirSync(join(cwd, '.syncro-etl', 'runs'));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/^\d{8}-\d{6}-import$/);
    for (const f of ['plan.json', 'snapshot.json', 'rejects.csv'])
      expect(existsSync(join(cwd, '.syncro-etl', 'runs', runs[0]!, f))).toBe(true);
  });

  it('import --apply --yes writes, and apply on the same run afterwards repeats nothing', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    const r = await runCliProcess(['import', FIXTURE, '--apply', '--yes'], { cwd, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/12\s+applied/);
    expect((await dump(sb)).customers).toHaveLength(12);
    const again = await runCliProcess(['apply', 'latest', '--yes'], { cwd, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/12\s+skipped:already-applied/);
    expect((await dump(sb)).customers).toHaveLength(12);
  });

  it('--apply without --yes and without a terminal does not write (exit 5)', async () => {
    sb = await sandbox();
    const r = await runCliProcess(['import', FIXTURE, '--apply'], {
      cwd: freshDir(),
      env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY },
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/add --yes/);
    expect((await dump(sb)).customers).toHaveLength(0);
  });

  it('--json prints the summary as JSON', async () => {
    sb = await sandbox();
    const r = await runCliProcess(['import', FIXTURE, '--json'], {
      cwd: freshDir(),
      env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY },
    });
    const json = JSON.parse(r.stdout) as { summary: { counts: Record<string, number> }; counts: { rowsRead: number } };
    expect(json.summary.counts['create-customer']).toBe(12);
    expect(json.counts.rowsRead).toBe(12);
  });

  it('a bad API key stops before anything with exit 3 and never prints the key', async () => {
    sb = await sandbox();
    const r = await runCliProcess(['import', FIXTURE], {
      cwd: freshDir(),
      env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: 'sup3r-s3cret-key' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/API_UNAUTHORIZED/);
    expect(r.stdout + r.stderr).not.toContain('sup3r-s3cret-key');
  });

  it('plain http to a remote host is refused (exit 3)', async () => {
    const r = await runCliProcess(['import', FIXTURE], {
      cwd: freshDir(),
      env: { SYNCRO_BASE_URL: 'http://example.com/api/v1', SYNCRO_API_KEY: 'k' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/INSECURE_BASE_URL/);
  });

  it('a missing input file: exit 4 naming the file', async () => {
    sb = await sandbox();
    const r = await runCliProcess(['import', 'nope.csv'], { cwd: freshDir(), env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('nope.csv');
  });

  it('with nothing configured, it uses the embedded sandbox and says so', async () => {
    const cwd = freshDir();
    const r = await runCliProcess(['import', FIXTURE, '--apply', '--yes', '--rate-limit', '6000'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/LOCAL SANDBOX/);
    expect(r.stderr).toMatch(/SYNCRO_SUBDOMAIN/);
    expect(existsSync(join(cwd, '.syncro-etl', 'sandbox.db'))).toBe(true);
    // The sandbox keeps its data: a second import finds the 12 customers already there.
    const again = await runCliProcess(['import', FIXTURE, '--rate-limit', '6000'], { cwd });
    expect(again.stdout).toMatch(/12\s+unchanged/);
  });

  it('nothing secret is written into the run folder', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    await runCliProcess(['import', FIXTURE, '--apply', '--yes'], {
      cwd,
      env: { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' },
    });
    const dir = join(cwd, '.syncro-etl', 'runs', readdirSync(join(cwd, '.syncro-etl', 'runs'))[0]!);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(Buffer.from(TEST_KEY)), f).toBe(false);
  });

  it('undo after apply removes what the import created', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    await runCliProcess(['import', FIXTURE, '--apply', '--yes'], { cwd, env });
    const r = await runCliProcess(['undo', 'latest', '--yes'], { cwd, env });
    expect(r.code).toBe(0);
    expect((await dump(sb)).customers).toHaveLength(0);
  });
});
