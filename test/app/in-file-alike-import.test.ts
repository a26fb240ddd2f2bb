/**
 * The in-file check through the library API a script (and the CLI) uses:
 * `planImport` holds the later of two alike customers as a conflict, its
 * reports and summary say so, and applying the plan creates the earlier one
 * only (the held one waits for a decision; apply exits as with any conflict).
 * `fuzzy: false` plans without the check, as the README states.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRun, openSyncro, planImport } from '../../src/app/index.js';
import type { SyncroConnection } from '../../src/app/index.js';
import { renderPlanSummary } from '../../src/cli/render-plan.js';
import { startSandbox } from '../../src/sandbox/server.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';

let cwd: string;
let sandbox: RunningSandbox;
let syncro: SyncroConnection;
let file: string;

const others = ['blue', 'red', 'green', 'gold', 'silver'].flatMap((colour, c) =>
  ['fork', 'spoon', 'table', 'garden', 'kitchen', 'grill', 'cafe'].flatMap((thing, t) =>
    ['bistro', 'house', 'place', 'room'].map((kind, k) => {
      const i = c * 28 + t * 4 + k;
      return `${colour} ${thing} ${kind},${100 + i * 7} ${['Main St', 'Sunset Blvd', 'Melrose Ave', 'Wilshire Blvd'][i % 4]},${['Pasadena', 'Burbank', 'Santa Monica', 'Glendale'][(i >> 2) % 4]}`;
    }),
  ),
);

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-alike-'));
  sandbox = await startSandbox();
  syncro = await openSyncro({ baseUrl: sandbox.url, apiKey: 'sandbox-key', rateLimit: 6000 });
  file = join(cwd, 'clients.csv');
  const rows = ['Restaurant Katsu,1972 N. Hillhurst Ave.,Los Angeles', 'Katsu,1972 Hillhurst Ave.,Los Feliz', ...others];
  writeFileSync(file, ['Business Name,Address,City', ...rows].join('\n') + '\n');
});

afterAll(async () => {
  await syncro?.close();
  await sandbox?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('import of a file holding two alike customers', () => {
  it('plans the later as a conflict, says so in the summary, console and HTML; apply creates the earlier only', async () => {
    const planned = await planImport({ files: [file], syncro, cwd });
    expect(planned.head.summary.likeness).toEqual({ customers: 2 + others.length, held: 1 });
    expect(planned.head.summary.counts['create-customer']).toBe(1 + others.length);
    const held = planned.plan.operations.find((o) => o.kind === 'conflict');
    expect(held?.sources.map((s) => s.row)).toEqual([3]);
    expect(renderPlanSummary(planned.head)).toMatch(/In-file check: 142 customers compared within the file: 1 held as conflicts/);
    expect(readFileSync(join(planned.runDir, 'report.html'), 'utf8')).toMatch(/In-file likeness check/);

    await applyRun({ run: planned.runDir, syncro, cwd });
    const names = sandbox.store.listCustomers({}, 1, 1000).rows.map((c) => String(c.fields.business_name ?? ''));
    expect(names.filter((n) => /katsu/i.test(n))).toEqual(['Restaurant Katsu']);
    expect(names).toHaveLength(1 + others.length);

    // As the conflict says: once the other is in Syncro, importing the file again offers it by id (or matches it), never a create.
    const katsu = sandbox.store.listCustomers({}, 1, 1000).rows.find((c) => c.fields.business_name === 'Restaurant Katsu')!;
    const again = await planImport({ files: [file], syncro, cwd });
    const row3 = again.plan.operations.filter((o) => o.sources.some((s) => s.row === 3) && 'entity' in o && o.entity === 'customer');
    expect(again.plan.operations.some((o) => o.kind === 'create-customer')).toBe(false);
    expect(row3).toHaveLength(1);
    const op = row3[0]!;
    if (op.kind === 'conflict') expect(op.candidates.map((c) => c.id)).toContain(katsu.id);
    else expect('targetId' in op && op.targetId).toBe(katsu.id);
  });

  it('fuzzy: false plans both as creates (exact evidence only) and records no check', async () => {
    const planned = await planImport({ files: [file], syncro, cwd, fuzzy: false });
    expect(planned.head.summary.likeness).toBeUndefined();
    expect(planned.head.summary.counts.conflict ?? 0).toBe(0);
  });
});
