/** dedupeFiles (the application layer the CLI's dedupe calls): the rules a script gets too. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupeFiles } from '../../src/app/dedupe-files.js';
import { isEtlError } from '../../src/errors.js';

const csv = 'business_name,email\r\nAcme,a@acme.example\r\nACME,a@acme.example\r\n';

describe('dedupeFiles', () => {
  it('refuses entity contacts with a template that reads no contact columns, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedupe-app-'));
    writeFileSync(join(dir, 'in.csv'), csv);
    const out = join(dir, 'c.csv');
    const err: unknown = await dedupeFiles({ files: [join(dir, 'in.csv')], entity: 'contacts', read: { template: 'syncro' }, out }).catch(
      (e: unknown) => e,
    );
    expect(isEtlError(err) && err.code).toBe('INVALID_ARGUMENT');
    expect(String(err)).toMatch(/reads no contact columns/);
    expect(existsSync(out)).toBe(false);
  });

  it('clusters the same company in two cases and writes the clusters file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedupe-app-'));
    writeFileSync(join(dir, 'in.csv'), csv);
    const out = join(dir, 'c.csv');
    const r = await dedupeFiles({ files: [join(dir, 'in.csv')], out });
    expect(r.counts.clusters).toBe(1);
    expect(r.load.counts.rowsRead).toBe(2);
    expect(existsSync(out)).toBe(true);
  });
});
