/** `syncro-etl validate` and `syncro-etl templates`, run in-process. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/app.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { memoryIO } from '../../src/cli/io.js';
import { tempDir } from '../read/helpers.js';

async function run(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('syncro-etl validate', () => {
  it('prints the template, counts and first problems, writes the rejects file and exits 0 with rejected rows', async () => {
    const rejects = join(tempDir('syncro-etl-cli-'), 'r', 'rejects.csv');
    const { code, out } = await run('validate', 'fixtures/connectwise-manage/companies-contacts.csv', '--rejects', rejects);
    expect(code).toBe(EXIT.OK);
    expect(out).toContain('template connectwise-manage (detected, confidence 100%)');
    expect(out).toContain('Rows read 21: 20 valid, 1 rejected; 1 warning.');
    expect(out).toContain('Valid rows make 9 customers with 19 contacts.');
    expect(out).toMatch(
      /rejected {2}fixtures\/connectwise-manage\/companies-contacts\.csv, row 16 {2}Email = "maria\.gonzales@": contact email is not an email address \[EMAIL_INVALID]/,
    );
    expect(out).toContain(`1 rejected row is listed in ${rejects}`);
    expect(readFileSync(rejects, 'utf8')).toContain('companies-contacts.csv,,16,Email,maria.gonzales@,EMAIL_INVALID');
  });

  it('--json prints the summary as JSON', async () => {
    const rejects = join(tempDir('syncro-etl-cli-'), 'rejects.csv');
    const { code, out } = await run('validate', 'fixtures/syncro/customers.csv', '--json', '--rejects', rejects);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { template: unknown; counts: unknown; customers: number; rejectsFile: string };
    expect(json).toMatchObject({
      template: { name: 'syncro', detected: true },
      counts: { rowsRead: 12, valid: 12, rejected: 0 },
      customers: 12,
      rejectsFile: rejects,
    });
    expect(existsSync(rejects)).toBe(true);
  });

  it('passes --template, --sheet-less CSV options and --tax-rates through', async () => {
    const rejects = join(tempDir('syncro-etl-cli-'), 'rejects.csv');
    const { code, out } = await run(
      'validate',
      'fixtures/messy/utf8-semicolon.csv',
      '--template',
      'generic',
      '--delimiter',
      'semicolon',
      '--encoding',
      'utf-8',
      '--rejects',
      rejects,
    );
    expect(code).toBe(0);
    expect(out).toContain('template generic (chosen with --template); CSV, utf8, delimiter ";"');
  });

  it.each([
    [['fixtures/messy/empty.csv'], 'FILE_EMPTY'],
    [['fixtures/messy/binary-renamed.csv'], 'FILE_BINARY'],
    [['fixtures/messy/duplicate-headers.csv'], 'HEADER_DUPLICATE'],
    [['fixtures/nowhere.csv'], 'FILE_NOT_FOUND'],
    [['fixtures/syncro/customers.csv', '--template', 'nope'], 'TEMPLATE_NOT_FOUND'],
    [['fixtures/syncro/customers.csv', '--encoding', 'ebcdic-42'], 'ENCODING_UNSUPPORTED'],
  ])('an unreadable input %j exits 4 with %s', async (args, code) => {
    const r = await run('validate', ...args, '--rejects', join(tempDir('syncro-etl-cli-'), 'x.csv'));
    expect(r.code).toBe(EXIT.INPUT);
    expect(r.err).toContain(`error [${code}]`);
  });
});

describe('syncro-etl templates', () => {
  it('lists every template with what it reads and how it is detected', async () => {
    const { code, out } = await run('templates');
    expect(code).toBe(0);
    for (const name of ['syncro', 'syncro-contacts', 'connectwise-manage', 'autotask', 'halopsa', 'atera', 'generic'])
      expect(out).toContain(`${name}  (`);
    expect(out).toContain('Detected by: Company ID, Company Name');
  });

  it('shows one template, and --json lists them as data', async () => {
    const shown = await run('templates', 'show', 'halopsa');
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('"postcode"');
    const listed = await run('templates', '--json');
    expect((JSON.parse(listed.out) as Array<{ name: string }>).map((t) => t.name)).toContain('atera');
    const missing = await run('templates', 'show', 'kaseya');
    expect(missing.code).toBe(EXIT.INPUT);
    expect(missing.err).toContain('TEMPLATE_NOT_FOUND');
  });
});
