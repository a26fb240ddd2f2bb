/** `syncro-etl dedupe` as a person runs it (spawned CLI; issue 12). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';

describe.skipIf(!cliBuilt)('dedupe command', () => {
  it('refuses --entity contacts with a template that reads no contact columns (exit 2)', async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'in.csv'), 'business_name,email\r\nAcme,a@acme.example\r\nACME,a@acme.example\r\n');
    const r = await runCliProcess(['dedupe', 'in.csv', '--entity', 'contacts', '--template', 'syncro', '--out', 'c.csv'], { cwd });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr + r.stdout).toMatch(/reads no contact columns/);
    expect(r.stdout).not.toMatch(/No likely duplicates/);
  });

  it('lists the two rows of one company in upper and title case, and counts every row', async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'in.csv'), 'Business Name,Email,Phone\r\nACME WIDGETS,,\r\nAcme Widgets,,\r\nGlobex Corp,,\r\n');
    const r = await runCliProcess(['dedupe', 'in.csv', '--out', 'c.csv'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/3 rows = 2 in 1 cluster \+ 1 alone/);
    const lines = readFileSync(join(cwd, 'c.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['C0001,in.csv,,2', 'C0001,in.csv,,3']);
  });
});
