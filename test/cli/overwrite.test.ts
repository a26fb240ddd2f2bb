/** Issue 14.1: validate and dedupe never write over an input, nor over an existing file the user did not ask to replace. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';

const CSV = 'business_name,email,city\r\nAcme,a@acme.com,Austin\r\nBad Co,not-an-email,Dallas\r\n';

function setup(name = 'c.csv'): { cwd: string; input: string } {
  const cwd = freshDir();
  const input = join(cwd, name);
  writeFileSync(input, CSV);
  return { cwd, input };
}

describe.skipIf(!cliBuilt)('outputs never replace an input or an unrelated file (spawned CLI)', () => {
  it('validate c.csv --rejects c.csv refuses (exit 2), naming the file, and leaves the input intact', async () => {
    const { cwd, input } = setup();
    const r = await runCliProcess(['validate', 'c.csv', '--rejects', 'c.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rejects c\.csv is one of the input files/);
    expect(readFileSync(input, 'utf8')).toBe(CSV);
  });

  it('an input is refused even with --force, and through another spelling of its path', async () => {
    const { cwd, input } = setup();
    const r = await runCliProcess(['validate', 'c.csv', '--rejects', `./sub/../c.csv`, '--force'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is one of the input files/);
    expect(readFileSync(input, 'utf8')).toBe(CSV);
  });

  it('validate rejects.csv with no --rejects writes rejects.rejects.csv beside it and keeps the input', async () => {
    const { cwd, input } = setup('rejects.csv');
    const r = await runCliProcess(['validate', 'rejects.csv'], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(input, 'utf8')).toBe(CSV);
    const out = join(cwd, 'rejects.rejects.csv');
    expect(readFileSync(out, 'utf8')).toContain('not-an-email');
    expect(r.stdout).toContain(out);
  });

  it('--rejects naming an existing unrelated file refuses without --force, replaces it with --force', async () => {
    const { cwd } = setup();
    const other = join(cwd, 'notes.txt');
    writeFileSync(other, 'my notes');
    const r = await runCliProcess(['validate', 'c.csv', '--rejects', 'notes.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rejects notes\.txt already exists.*--force/);
    expect(readFileSync(other, 'utf8')).toBe('my notes');
    const forced = await runCliProcess(['validate', 'c.csv', '--rejects', 'notes.txt', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(other, 'utf8')).toContain('not-an-email');
  });

  it('a rerun replaces its own earlier rejects file without --force', async () => {
    const { cwd } = setup();
    expect((await runCliProcess(['validate', 'c.csv', '--rejects', 'r.csv'], { cwd })).code).toBe(0);
    expect((await runCliProcess(['validate', 'c.csv', '--rejects', 'r.csv'], { cwd })).code).toBe(0);
    expect((await runCliProcess(['validate', 'c.csv'], { cwd })).code).toBe(0);
    expect((await runCliProcess(['validate', 'c.csv'], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, 'c.rejects.csv'))).toBe(true);
  });

  it('dedupe c.csv --out c.csv refuses (exit 2) and keeps the input; an existing unrelated --out needs --force', async () => {
    const { cwd, input } = setup();
    const r = await runCliProcess(['dedupe', 'c.csv', '--out', 'c.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out c\.csv is one of the input files/);
    expect(readFileSync(input, 'utf8')).toBe(CSV);
    writeFileSync(join(cwd, 'mine.csv'), 'a,b\r\n1,2\r\n');
    const other = await runCliProcess(['dedupe', 'c.csv', '--out', 'mine.csv'], { cwd });
    expect(other.code).toBe(2);
    expect(readFileSync(join(cwd, 'mine.csv'), 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect((await runCliProcess(['dedupe', 'c.csv', '--out', 'mine.csv', '--force'], { cwd })).code).toBe(0);
    expect((await runCliProcess(['dedupe', 'c.csv', '--out', 'mine.csv'], { cwd })).code).toBe(0); // now ours
  });
});
