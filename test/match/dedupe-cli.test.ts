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

  // Issue 12, the lead's file: branches, franchises and the Magnolia pair the issue names as two customers.
  const BRANCHES = [
    'Company,Address,City,State,Zip,Phone,Email',
    'Ironwood Printing Company Ltd,315 Pine Ave,Dayton,OH,45402,621-380-4953,info@ironwoodprinting.com',
    'Ironwood Printing Company Ltd,6543 Church Blvd,Salem,OR,97301,406-381-4542,salem@ironwoodprinting.com',
    'Magnolia Plumbing Company LLC,12 Oak St,Austin,TX,78701,512-555-0101,admin@magnoliaplumbingcompany.biz',
    'Magnolia Plumbing Corporation Ltd,99 Elm St,Austin,TX,78702,512-555-0199,contact@magnoliaplumbingcorporation.net',
    'State Farm - J. Smith Agency,1 Main St,Springfield,IL,62701,217-555-0100,',
    'State Farm - J. Smith Agency,5 Front St,Peoria,IL,61602,309-555-0100,',
    'ACME CORP,1 Road,Boston,MA,02101,617-555-0000,sales@acme.com',
    'Acme Corp,1 Road,Boston,MA,02101,617-555-0000,sales@acme.com',
    'Acme Corporation,1 Road,Boston,MA,02101,(617) 555-0000,',
  ].join('\r\n');
  const csvRows = (text: string): Array<Record<string, string>> => {
    const [head, ...lines] = text.trimEnd().split('\r\n');
    const cells = (l: string): string[] =>
      [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '')).slice(0, -1);
    return lines.map((l) => Object.fromEntries(cells(head!).map((h, i) => [h, cells(l)[i] ?? ''])));
  };

  it('keeps customers whose contacts mail from two company domains apart, as import does (Magnolia Plumbing)', async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'branches.csv'), `${BRANCHES}\r\n`);
    const r = await runCliProcess(['dedupe', 'branches.csv', '--template', 'generic', '--out', 'out.csv', '--force'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRows(readFileSync(join(cwd, 'out.csv'), 'utf8'));
    const clusterOf = (row: number): string | undefined =>
      rows.find((x) => x.source_row === String(row) && x.cluster_id?.startsWith('C'))?.cluster_id;
    expect(clusterOf(4)).toBeUndefined();
    expect(clusterOf(5)).toBeUndefined();
    expect([clusterOf(2), clusterOf(3), clusterOf(6), clusterOf(7)]).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set([8, 9, 10].map(clusterOf)).size).toBe(1);
    expect(r.stdout).toMatch(/9 rows = 3 in 1 cluster \+ 6 alone/);
    const maybe = rows.find((x) => x.source_row === '5' && x.role === 'review');
    expect(maybe?.explanation).toMatch(
      /^two customers: different email domains magnoliaplumbingcompany\.biz \/ magnoliaplumbingcorporation\.net; fields: /,
    );
  });

  it('lists each grouped row with its own name, email and phone, as in the file', async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'branches.csv'), `${BRANCHES}\r\n`);
    const r = await runCliProcess(['dedupe', 'branches.csv', '--template', 'generic', '--out', 'out.csv', '--force'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRows(readFileSync(join(cwd, 'out.csv'), 'utf8'));
    const shown = (row: number): string[] => {
      const x = rows.find((y) => y.source_row === String(row));
      return x ? [x.name!, x.email!, x.phone!, x.role!] : [];
    };
    expect(shown(8)).toEqual(['ACME CORP', 'sales@acme.com', '617-555-0000', 'best']);
    expect(shown(9)).toEqual(['Acme Corp', 'sales@acme.com', '617-555-0000', 'grouped']);
    expect(shown(10)).toEqual(['Acme Corporation', '', '(617) 555-0000', 'grouped']);
  });
});
