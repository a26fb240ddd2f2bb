/**
 * Decisions edited in report.xlsx change what apply does — through the real
 * CLI: a dry-run import, a person opens the workbook and sets one update to
 * "skip" and one conflict to "create", then `syncro-etl apply` honours both
 * and says which decisions it took.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { cliBuilt, freshDir, runCliProcess } from '../helpers/cli.js';
import { clientFor, dump, sandbox, TEST_KEY } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function setDecision(file: string, sheetName: string, rowMatches: (values: string[]) => boolean, decision: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet(sheetName)!;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = header.indexOf('Decision');
  let done = false;
  sheet.eachRow((row, n) => {
    if (n === 1 || done) return;
    const values = (row.values as unknown[]).map((v) => String(v ?? ''));
    if (rowMatches(values)) {
      row.getCell(col).value = decision;
      done = true;
    }
  });
  expect(done, `a row to decide on ${sheetName}`).toBe(true);
  await wb.xlsx.writeFile(file);
}

describe.skipIf(!cliBuilt)('decisions from report.xlsx', () => {
  it('apply honours an edited update (skip) and conflict (create), and announces them', async () => {
    sb = await sandbox();
    const client = clientFor(sb);
    await client.createCustomer({ business_name: 'Acme', email: 'ops@acme.example', city: 'Austin' });
    await client.createCustomer({ business_name: 'Twin Co', email: 'a@twin.example' });
    await client.createCustomer({ business_name: 'Twin Co', email: 'b@twin.example' });
    const cwd = freshDir();
    const csv = join(cwd, 'in.csv');
    writeFileSync(csv, 'business_name,email,city\r\nAcme,ops@acme.example,Dallas\r\nTwin Co,,Boston\r\nNew Co,hi@new.example,Reno\r\n');
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '6000' };
    const planned = await runCliProcess(['import', csv, '--template', 'syncro'], { cwd, env });
    expect(planned.code, planned.stderr).toBe(0);
    const runDir = join(cwd, '.syncro-etl', 'runs', readdirSync(join(cwd, '.syncro-etl', 'runs'))[0]!);
    const workbook = join(runDir, 'report.xlsx');
    await setDecision(workbook, 'Updates', (v) => v.includes('Dallas'), 'skip');
    await setDecision(workbook, 'Conflicts', (v) => v.some((x) => x.includes('Twin Co')), 'create');

    const applied = await runCliProcess(['apply', runDir, '--yes'], { cwd, env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/Took 2 decisions from report\.xlsx/);
    const state = await dump(sb);
    expect(state.customers.find((c) => c.email === 'ops@acme.example')?.city).toBe('Austin'); // update skipped
    expect(state.customers.filter((c) => c.business_name === 'Twin Co')).toHaveLength(3); // conflict created
    expect(state.customers.find((c) => c.email === 'hi@new.example')).toBeDefined(); // undecided create applied
  });

  it('an invalid decision stops apply before any write, naming sheet, row and value', async () => {
    sb = await sandbox();
    const client = clientFor(sb);
    await client.createCustomer({ business_name: 'Acme', email: 'ops@acme.example', city: 'Austin' });
    const cwd = freshDir();
    const csv = join(cwd, 'in.csv');
    writeFileSync(csv, 'business_name,email,city\r\nAcme,ops@acme.example,Dallas\r\n');
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY };
    await runCliProcess(['import', csv, '--template', 'syncro'], { cwd, env });
    const runDir = join(cwd, '.syncro-etl', 'runs', readdirSync(join(cwd, '.syncro-etl', 'runs'))[0]!);
    await setDecision(join(runDir, 'report.xlsx'), 'Updates', (v) => v.includes('Dallas'), 'maybe');
    const before = sb.stats().total;
    const r = await runCliProcess(['apply', runDir, '--yes'], { cwd, env });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/Updates.*maybe|maybe.*Updates/);
    expect(sb.stats().total - before).toBe(0);
  });
});
