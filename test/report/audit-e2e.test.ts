/**
 * The audit report end to end: audit a seeded sandbox with runAudit, choose
 * another survivor in audit.xlsx, apply through the CLI (`runCli`), and
 * check the decision was announced and honoured; then audit again and find
 * the trend in both reports. Edits made in report.xlsx of an audit are
 * refused rather than silently ignored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/app.js';
import { memoryIO } from '../../src/cli/io.js';
import type { OperationOf } from '../../src/plan/schema.js';
import { readAuditDecisions } from '../../src/report/audit-decisions.js';
import { runAudit } from '../../src/run/audit.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SyncroClient } from '../../src/syncro/client.js';
import { clientFor, dump, sandbox, TEST_KEY } from '../helpers/target.js';
import { openWorkbook, sheet, tempDir } from './helpers.js';

let sb: RunningSandbox;
let client: SyncroClient;
let cwd: string;
const saved = { ...process.env };

beforeEach(async () => {
  sb = await sandbox();
  client = clientFor(sb);
  cwd = tempDir();
  Object.assign(process.env, { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '60000' });
});
afterEach(async () => {
  for (const k of ['SYNCRO_BASE_URL', 'SYNCRO_API_KEY', 'SYNCRO_RATE_LIMIT']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await sb.close();
});

/** A dental practice entered twice (the first with more links), and an unrelated firm. */
async function seed() {
  const c = (body: Record<string, unknown>) => client.createCustomer(body).then((r) => r.record);
  const main = await c({
    business_name: 'Harbor View Dental',
    email: 'office@harborviewdental.com',
    phone: '(503) 555-0142',
    address: '1420 Harbor View Dr',
    city: 'Portland',
    state: 'OR',
    zip: '97209',
  });
  const dup = await c({
    business_name: 'Harborview Dental LLC',
    email: 'billing@harborviewdental.com',
    phone: '503-555-0142',
    mobile: '(503) 555-0199',
    address: '1420 Harbor View Drive',
    city: 'Portland',
    state: 'OR',
    zip: '97209',
  });
  await c({ business_name: 'Okafor & Partners Law', email: 'it@okaforlaw.com', phone: '(206) 555-0133', city: 'Seattle', state: 'WA' });
  await client.createContact({ customer_id: main.id, name: 'Margaret Chen', email: 'mchen@harborviewdental.com' });
  await client.http.request('POST', 'tickets', { body: { customer_id: main.id, subject: 'Printer jam' } });
  return { main, dup };
}

const audit = () => runAudit({ client, target: { baseUrl: sb.url, sandbox: false }, rateLimit: 60_000, cwd });

/** Sets the Decision of `opId`'s block on `name` and saves the workbook. */
async function decide(path: string, name: string, opId: string, value: string): Promise<void> {
  const wb: ExcelJS.Workbook = await openWorkbook(path);
  const ws = sheet(wb, name);
  let done = false;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(3).value === opId) {
      row.getCell(2).value = value;
      done = true;
    }
  }
  if (!done) throw new Error(`no block for ${opId}`);
  await wb.xlsx.writeFile(path);
}

describe('audit.xlsx decisions through apply', () => {
  it('a survivor chosen in audit.xlsx is announced and honoured; the next audit shows the trend', async () => {
    const s = await seed();
    const done = await audit();
    expect(done.files).toEqual(expect.arrayContaining(['audit.xlsx', 'audit.html', 'report.xlsx', 'report.html']));
    const merge = done.plan.operations.find((o): o is OperationOf<'merge-customers'> => o.kind === 'merge-customers')!;
    expect(merge.survivorId).toBe(s.main.id);
    const xlsx = join(done.runDir, 'audit.xlsx');
    expect((await readAuditDecisions(xlsx, done.plan)).problems).toEqual([]);

    await decide(xlsx, 'Customer clusters', merge.id, `survivor #${s.dup.id}`);
    const io = memoryIO();
    const code = await runCli(['apply', done.runDir, '--yes'], io);
    const stderr = io.stderr.join('\n');
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('Took 1 decision from audit.xlsx:');
    expect(stderr).toContain(`${merge.id} ${merge.label}: survivor #${s.dup.id}`);

    const state = await dump(sb);
    const ids = state.customers.map((c) => c.id);
    expect(ids).toContain(s.dup.id);
    expect(ids).not.toContain(s.main.id);
    expect(state.contacts.find((k) => k.email === 'mchen@harborviewdental.com')?.customer_id).toBe(s.dup.id);
    expect(state.tickets.every((t) => t.customer_id === s.dup.id)).toBe(true);

    const again = await audit();
    expect(again.trend).toMatchObject({ previousClusters: 1, mergedSince: 1, newSince: 0 });
    const summary = sheet(await openWorkbook(join(again.runDir, 'audit.xlsx')), 'Summary');
    const items = new Map<string, unknown>();
    summary.eachRow((r) => items.set(String(r.getCell(2).value), r.getCell(3).value));
    expect(items.get('Merged since')).toBe(1);
    expect(items.get('Clusters then')).toBe(1);
    expect(readFileSync(join(again.runDir, 'audit.html'), 'utf8')).toContain('Since the previous audit');
  });

  it('decisions changed in report.xlsx of an audit are refused, naming audit.xlsx; nothing is written', async () => {
    await seed();
    const before = await dump(sb);
    const done = await audit();
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers')!;
    const wb = await openWorkbook(join(done.runDir, 'report.xlsx'));
    const merges = sheet(wb, 'Merges');
    for (let r = 2; r <= merges.rowCount; r++)
      if (merges.getRow(r).getCell(2).value === merge.id && merges.getRow(r).getCell(1).value === 'merge')
        merges.getRow(r).getCell(1).value = 'skip';
    await wb.xlsx.writeFile(join(done.runDir, 'report.xlsx'));

    const io = memoryIO();
    const code = await runCli(['apply', done.runDir, '--yes'], io);
    expect(code).toBe(6);
    expect(io.stderr.join('\n')).toMatch(/report\.xlsx has changed decisions, but an audit's decisions are read from audit\.xlsx/);
    expect((await dump(sb)).customers).toEqual(before.customers);
  });

  it('an invalid decision in audit.xlsx stops apply with the problem, naming audit.xlsx', async () => {
    await seed();
    const done = await audit();
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers')!;
    await decide(join(done.runDir, 'audit.xlsx'), 'Customer clusters', merge.id, 'survivor #424242');
    const io = memoryIO();
    expect(await runCli(['apply', done.runDir, '--yes'], io)).toBe(6);
    const stderr = io.stderr.join('\n');
    expect(stderr).toContain('audit.xlsx has decisions that cannot be used');
    expect(stderr).toMatch(
      /Customer clusters row \d+: "survivor #424242" is not a decision for this operation \(#424242 is not a member of this cluster\)/,
    );
  });
});
