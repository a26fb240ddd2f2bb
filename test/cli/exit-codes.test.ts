/** Issue 14.10: exit codes as the README states them, --json errors on stdout, no file content echoed in errors. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { clientFor, dump, sandbox, TEST_KEY } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const envFor = (s: RunningSandbox) => ({ SYNCRO_BASE_URL: s.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' });

describe.skipIf(!cliBuilt)('exit codes and error output (spawned CLI)', () => {
  it('apply leaving conflicts unapplied exits 1, not 0', async () => {
    sb = await sandbox();
    const client = clientFor(sb);
    // Two existing "Twin Co" and a row naming only that name: a conflict to decide.
    await client.createCustomer({ business_name: 'Twin Co', email: 'a@twin.example' });
    await client.createCustomer({ business_name: 'Twin Co', email: 'b@twin.example' });
    const cwd = freshDir();
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email,city\r\nTwin Co,,Boston\r\nSolo Co,s@solo.example,Reno\r\n');
    const r = await runCliProcess(['import', 'in.csv', '--template', 'syncro', '--apply', '--yes'], { cwd, env: envFor(sb) });
    expect(r.stderr).toMatch(/1 conflicts were not applied/);
    expect(r.code, r.stderr).toBe(1);
    expect((await dump(sb)).customers.map((c) => c.business_name).sort()).toEqual(['Solo Co', 'Twin Co', 'Twin Co']);
  });

  it('apply after undo is refused (exit 6: the run was undone), not "already applied" with exit 0', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    const env = envFor(sb);
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nSolo Co,s@solo.example\r\n');
    expect((await runCliProcess(['import', 'in.csv', '--apply', '--yes'], { cwd, env })).code).toBe(0);
    expect((await runCliProcess(['undo', 'latest', '--yes'], { cwd, env })).code).toBe(0);
    const again = await runCliProcess(['apply', 'latest', '--yes'], { cwd, env });
    expect(again.code).toBe(6);
    expect(again.stderr).toMatch(/RUN_UNDONE.*was undone/);
    expect((await dump(sb)).customers).toHaveLength(0);
  });

  it('--config naming a missing file exits 3 (configuration), not 4', async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nSolo Co,s@solo.example\r\n');
    const r = await runCliProcess(['import', 'in.csv', '--config', join(cwd, 'nonexistent.json')], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/CONFIG_INVALID.*nonexistent\.json/);
  });

  it('a config file that is not JSON is not quoted in the error (it may hold the key)', async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'cfg.json'), 'SECRETKEY123 is not JSON');
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nSolo Co,s@solo.example\r\n');
    const r = await runCliProcess(['import', 'in.csv', '--config', 'cfg.json'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(r.stderr + r.stdout).not.toContain('SECRET');
  });

  it('with --json a failure prints { error: { code, message } } on stdout', async () => {
    const cwd = freshDir();
    const missing = await runCliProcess(['validate', 'missing.csv', '--json'], { cwd });
    expect(missing.code).toBe(4);
    expect(JSON.parse(missing.stdout)).toEqual({ error: { code: 'FILE_NOT_FOUND', message: expect.stringContaining('missing.csv') } });
    const usage = await runCliProcess(['validate', 'x.csv', '--json', '--no-such-flag'], { cwd });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error.code).toBe('INVALID_ARGUMENT');
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nSolo Co,s@solo.example\r\n');
    const config = await runCliProcess(['import', 'in.csv', '--json', '--config', 'nope.json'], { cwd });
    expect(config.code).toBe(3);
    expect(JSON.parse(config.stdout).error.code).toBe('CONFIG_INVALID');
  });

  it('with --json a command that stops without a result of its own (declined prompt) still prints { error } on stdout', async () => {
    sb = await sandbox();
    const cwd = freshDir();
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nSolo Co,s@solo.example\r\n');
    expect((await runCliProcess(['import', 'in.csv'], { cwd, env: envFor(sb) })).code).toBe(0);
    const r = await runCliProcess(['apply', 'latest', '--json'], { cwd, env: envFor(sb) }); // no terminal to confirm on, no --yes
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'ABORTED', message: expect.stringMatching(/Not applied.*--yes/) } });
  });

  it('--template naming a file that is not a template does not echo its content', async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'passwd'), 'root:x:0:0:SECRETCONTENT:/root:/bin/bash\n');
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nSolo Co,s@solo.example\r\n');
    const r = await runCliProcess(['validate', 'in.csv', '--template', join(cwd, 'passwd')], { cwd });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/TEMPLATE_INVALID.*passwd is not valid JSON/);
    expect(r.stderr).not.toMatch(/root:x|SECRETCONTENT/);
  });

  it('rejects.csv keeps a long formula-like value whole (neutralised, not cut)', async () => {
    const cwd = freshDir();
    const long = `=HYPERLINK("http://evil.example/${'a'.repeat(400)}","click")`;
    writeFileSync(join(cwd, 'in.csv'), `business_name,email,phone\r\nSolo Co,"${long.replace(/"/g, '""')}",1\r\n`);
    const r = await runCliProcess(['validate', 'in.csv', '--rejects', 'r.csv'], { cwd });
    expect(r.code).toBe(0);
    const text = readFileSync(join(cwd, 'r.csv'), 'utf8');
    expect(text).toContain(`"'${long.replace(/"/g, '""')}"`);
    expect(readdirSync(cwd)).toContain('r.csv');
  });
});
