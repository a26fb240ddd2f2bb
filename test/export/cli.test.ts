import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/app.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { memoryIO } from '../../src/cli/io.js';
import { TEST_KEY } from '../helpers/target.js';
import { seeded, SMALL_SEED } from './helpers.js';
import type { Seeded } from './helpers.js';

const ENV = ['SYNCRO_BASE_URL', 'SYNCRO_API_KEY', 'SYNCRO_RATE_LIMIT', 'SYNCRO_SUBDOMAIN'] as const;
const saved: Partial<Record<(typeof ENV)[number], string>> = {};

let s: Seeded;
beforeAll(async () => {
  s = await seeded(SMALL_SEED);
  for (const k of ENV) saved[k] = process.env[k];
  delete process.env.SYNCRO_SUBDOMAIN;
  process.env.SYNCRO_BASE_URL = s.sb.url;
  process.env.SYNCRO_API_KEY = TEST_KEY;
  process.env.SYNCRO_RATE_LIMIT = '60000';
});
afterAll(async () => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await s.close();
});

async function cli(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(['export', ...argv], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('syncro-etl export', () => {
  it('exports customers and contacts to one workbook, says where it read from, and prints a JSON result', async () => {
    const out = join(s.dir, 'cli.xlsx');
    const r = await cli('--out', out, '--json');
    expect(r.code).toBe(EXIT.OK);
    expect(r.err).toContain(`Target: ${s.sb.url}`);
    const json = JSON.parse(r.out) as { files: string[]; rows: unknown; requests: number };
    expect(json).toMatchObject({ format: 'xlsx', files: [out], rows: { customers: 2, contacts: 3 }, requests: 2, skippedContacts: 1 });
    expect(r.err).toMatch(/warning: 1 contact\(s\) left out: their customer is not in the export \(disabled customers/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Customers', 'Contacts']);
  });

  it('writes FILE-customers.csv and FILE-contacts.csv for all, with the options passed through', async () => {
    const out = join(s.dir, 'cli.csv');
    const r = await cli('all', '--out', out, '--fields', 'email,business_name', '--include-disabled');
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toBe(
      `Exported 3 customers and 4 contacts to ${join(s.dir, 'cli-customers.csv')} and ${join(s.dir, 'cli-contacts.csv')} (2 API requests).`,
    );
    expect(readFileSync(join(s.dir, 'cli-customers.csv'), 'utf8').split('\r\n')[0]).toBe('\uFEFFid,email,business_name');
    expect(existsSync(out)).toBe(false);
  });

  it('exports one entity with --query, and takes --fields repeated and with spaces', async () => {
    const out = join(s.dir, 'q.csv');
    const r = await cli('customers', '--out', out, '--query', 'Okafor', '--fields', 'email', '--fields', 'custom: Tier');
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/^Exported 1 customers to /);
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFid,email,custom: Tier\r\n2,dokafor@okaforlaw.com,2\r\n');
  });

  it('exits with the usage code on an unknown field, an existing file or a bad extension', async () => {
    const bad = await cli('customers', '--out', join(s.dir, 'bad.csv'), '--fields', 'email,emial');
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.err).toMatch(/unknown field "emial".*Valid fields are customers: id, firstname/);
    const again = await cli('--out', join(s.dir, 'cli.xlsx'));
    expect(again.code).toBe(EXIT.USAGE);
    expect(again.err).toMatch(/already exists.*--force/);
    expect((await cli('--out', join(s.dir, 'cli.xlsx'), '--force')).code).toBe(EXIT.OK);
    expect((await cli('--out', join(s.dir, 'x.txt'))).code).toBe(EXIT.USAGE);
    expect((await cli('everything', '--out', join(s.dir, 'x.csv'))).code).toBe(EXIT.USAGE);
  });
});
