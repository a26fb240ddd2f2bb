/**
 * The application layer enforces apply's rules for every caller (a script
 * as much as the CLI): the run is applied and undone only on the account it
 * was planned against (RUN_TARGET_MISMATCH, not RUN_NOT_FOUND), never after
 * an undo, and nothing is written before the checks and `beforeWrites` pass.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRun, openSyncro, planImport, undoRun } from '../../src/app/index.js';
import type { SyncroConnection } from '../../src/app/index.js';
import { startSandbox } from '../../src/sandbox/server.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';

let cwd: string;
let planned: RunningSandbox;
let other: RunningSandbox;
let onPlanned: SyncroConnection;
let onOther: SyncroConnection;
let runDir: string;

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-app-'));
  [planned, other] = await Promise.all([startSandbox(), startSandbox()]);
  const connect = (sb: RunningSandbox) => openSyncro({ baseUrl: sb.url, apiKey: 'sandbox-key', rateLimit: 6000 });
  [onPlanned, onOther] = await Promise.all([connect(planned), connect(other)]);
  const file = join(cwd, 'clients.csv');
  writeFileSync(file, 'Company,First Name,Last Name,Email\nAcme Ltd,Ann,Lee,ann@acme.example\n');
  ({ runDir } = await planImport({ files: [file], syncro: onPlanned, cwd }));
});

afterAll(async () => {
  await Promise.all([onPlanned?.close(), onOther?.close()]);
  await Promise.all([planned?.close(), other?.close()]);
  rmSync(cwd, { recursive: true, force: true });
});

const customers = (sb: RunningSandbox): number => sb.store.counts().customers;

describe('applyRun and undoRun (src/app)', () => {
  it('refuse another account than the plan was made against, with RUN_TARGET_MISMATCH, writing nothing anywhere', async () => {
    await expect(applyRun({ run: runDir, syncro: onOther, cwd })).rejects.toMatchObject({
      code: 'RUN_TARGET_MISMATCH',
      message: expect.stringContaining(planned.url) as unknown,
    });
    await expect(undoRun({ run: runDir, syncro: onOther, cwd })).rejects.toMatchObject({ code: 'RUN_TARGET_MISMATCH' });
    expect([customers(planned), customers(other)]).toEqual([0, 0]);
  });

  it('write nothing when beforeWrites says no (after every check passed)', async () => {
    let seen: number | undefined;
    const r = await applyRun({
      run: runDir,
      syncro: onPlanned,
      cwd,
      beforeWrites: (ready) => ((seen = ready.plan.summary.writeCalls), false),
    });
    expect(r.started).toBe(false);
    expect(seen).toBe(2);
    expect(customers(planned)).toBe(0);
  });

  it('apply, undo, and then refuse to apply the undone run again (RUN_UNDONE)', async () => {
    const applied = await applyRun({ run: runDir, syncro: onPlanned, cwd });
    expect(applied.summary?.byOutcome.applied).toBe(2);
    expect(customers(planned)).toBe(1);
    const undone = await undoRun({ run: runDir, syncro: onPlanned, cwd });
    expect(undone.summary.byOutcome.applied).toBe(2);
    expect(customers(planned)).toBe(0);
    await expect(applyRun({ run: runDir, syncro: onPlanned, cwd })).rejects.toMatchObject({ code: 'RUN_UNDONE' });
    expect(customers(planned)).toBe(0);
  });
});
