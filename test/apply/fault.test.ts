/**
 * The writer under fire: a plan of 350 operations applied by the real CLI
 * against a sandbox answering 10% 5xx, losing 5% of write answers after
 * committing them, and sending forced 429s — killed with SIGKILL midway,
 * then resumed. The final state must equal that of an uninterrupted,
 * fault-free run exactly, and undo must bring back the starting state.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { CustomerRecord } from '../../src/model/records.js';
import { rec, resetRows } from '../helpers/records.js';
import { planRun } from '../helpers/runs.js';
import { clientFor, dump, sandbox, TEST_KEY } from '../helpers/target.js';

const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');
const sandboxes: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});

async function seeded(): Promise<RunningSandbox> {
  const sb = await sandbox();
  sandboxes.push(sb);
  const client = clientFor(sb);
  for (let i = 0; i < 100; i++) {
    const c = (await client.createCustomer({ business_name: `Existing ${i}`, email: `e${i}@existing.example`, city: 'Austin' })).record;
    await client.createContact({ customer_id: c.id, name: `Person ${i}`, email: `p${i}@existing.example` });
  }
  return sb;
}

function rows(): CustomerRecord[] {
  resetRows();
  const out: CustomerRecord[] = [];
  for (let i = 0; i < 100; i++)
    out.push(
      rec(
        { email: `e${i}@existing.example`, city: 'Denver' },
        i < 50 ? [{ name: `Person ${i}`, email: `p${i}@existing.example`, title: 'Manager' }] : [],
      ),
    );
  for (let i = 0; i < 100; i++)
    out.push(
      rec({ business_name: `New ${i}`, email: `n${i}@new.example`, phone: `555-01${String(i).padStart(2, '0')}` }, [
        { name: `Newbie ${i}`, email: `k${i}@new.example` },
      ]),
    );
  return out;
}

/** State by natural keys: no ids, no timestamps, contacts named by their customer's email. */
function byKeys(state: Awaited<ReturnType<typeof dump>>) {
  const emailOf = new Map(state.customers.map((c) => [c.id, c.email]));
  const clean = (r: Record<string, unknown>) => {
    const { id: _i, created_at: _c, updated_at: _u, customer_id, ...rest } = r;
    return customer_id === undefined ? rest : { ...rest, customer: emailOf.get(customer_id) };
  };
  return {
    customers: state.customers.map(clean).sort((a, b) => String(a.email).localeCompare(String(b.email))),
    contacts: state.contacts.map(clean).sort((a, b) => String(a.email).localeCompare(String(b.email))),
  };
}

function runCli(
  args: string[],
  env: Record<string, string>,
  killAfterDone?: number,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = [...stderr.matchAll(/Applying: (\d+)\/(\d+)/g)].pop();
      if (killAfterDone !== undefined && m && Number(m[1]) >= killAfterDone && !child.killed) child.kill('SIGKILL');
    });
    child.stdout.resume();
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe.skipIf(!existsSync(CLI))('apply under faults, killed midway and resumed', () => {
  it('ends exactly where an uninterrupted fault-free run ends, and undo restores the start', async () => {
    // The reference: same start, same plan, no faults, no kill.
    const reference = await seeded();
    const refClient = clientFor(reference);
    const refRun = await planRun(refClient, rows());
    await applyPlan({ plan: refRun.plan, runDir: refRun.runDir, client: refClient });
    const expected = byKeys(await dump(reference));

    const sb = await seeded();
    const start = await dump(sb);
    const client = clientFor(sb);
    const { runDir, plan } = await planRun(client, rows(), {}, { baseUrl: sb.url, sandbox: false });
    expect(plan.operations.length).toBe(350);
    expect(plan.summary.writeCalls).toBe(350); // 100 customer + 50 contact updates, 100 customer + 100 contact creates

    sb.setFaults({ rate5xx: 0.1, rateLostWrite: 0.05, seed: 11, force429Next: 3 });
    const env = { SYNCRO_BASE_URL: sb.url, SYNCRO_API_KEY: TEST_KEY, SYNCRO_RATE_LIMIT: '12000' };
    const killed = await runCli(['apply', runDir, '--yes'], env, 120);
    expect(killed.signal, `code ${killed.code}: ${killed.stderr.slice(-2000)}`).toBe('SIGKILL');

    sb.setFaults({ force429Next: 3 });
    const resumed = await runCli(['apply', runDir, '--yes'], env);
    expect(resumed.stderr).toContain('Applying');
    expect(resumed.code).toBe(0);

    const stats = sb.stats();
    expect(stats.injected5xx).toBeGreaterThan(0);
    expect(stats.lostWrites).toBeGreaterThan(0);
    expect(stats.rateLimited).toBeGreaterThanOrEqual(6);

    sb.setFaults({ rate5xx: 0, rateLostWrite: 0 });
    const final = byKeys(await dump(sb));
    expect(final.customers).toHaveLength(200);
    expect(final.contacts).toHaveLength(200);
    expect(final).toEqual(expected);

    sb.setFaults({ rate5xx: 0.1, rateLostWrite: 0.05, seed: 12 });
    const undone = await runCli(['undo', runDir, '--yes'], env);
    expect(undone.code).toBe(0);
    sb.setFaults({ rate5xx: 0, rateLostWrite: 0 });
    const blankless = (s: Awaited<ReturnType<typeof dump>>) => {
      const k = byKeys(s);
      for (const c of k.contacts)
        c.properties = Object.fromEntries(Object.entries(c.properties as Record<string, string>).filter(([, v]) => v !== ''));
      return k;
    };
    expect(blankless(await dump(sb))).toEqual(blankless(start));
  }, 180_000);
});
