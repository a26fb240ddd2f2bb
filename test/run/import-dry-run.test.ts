/**
 * The import dry run's own behaviour at any size: it says what it is doing
 * between reading and the end (events the CLI prints), writes plan.json as
 * serializePlan would, and lets go of the read records once planned.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectingSink } from '../../src/events.js';
import type { EtlEvent } from '../../src/events.js';
import { parsePlan, serializePlan } from '../../src/plan/io.js';
import { decisionSheetOf } from '../../src/report/decision-rules.js';
import { readDecisions } from '../../src/report/decisions.js';
import { planFingerprint } from '../../src/report/fingerprint.js';
import { planImport } from '../../src/run/import.js';
import { clientFor, sandbox } from '../helpers/target.js';
import { tempDir } from '../report/helpers.js';

describe('import dry run', () => {
  it('reports each step with a count or a size, writes plan.json as serializePlan, and frees the records', async () => {
    const dir = tempDir();
    const file = join(dir, 'in.csv');
    const rows = ['business_name,email,city'];
    for (let i = 0; i < 300; i++) rows.push(`Client ${i},c${i}@client${i}.example,Town ${i % 7}`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    const sb = await sandbox({});
    try {
      const events = collectingSink();
      const planned = await planImport({
        files: [file],
        load: { template: 'syncro' },
        client: clientFor(sb),
        target: { baseUrl: sb.url, sandbox: true },
        cwd: dir,
        events,
      });
      const done = events.events.filter((e): e is Extract<EtlEvent, { type: 'stage' }> => e.type === 'stage' && e.status === 'done');
      const stages = done.map((e) => e.stage);
      expect(stages).toEqual(expect.arrayContaining(['read', 'plan', 'plan.json', 'report.xlsx', 'report.html']));
      expect(stages.indexOf('plan')).toBeLessThan(stages.indexOf('plan.json'));
      expect(done.find((e) => e.stage === 'plan')?.detail).toBe(`${planned.plan.operations.length} operations`);
      for (const s of ['plan.json', 'report.xlsx', 'report.html'])
        expect(done.find((e) => e.stage === s)?.detail).toMatch(/^\d+(\.\d)? (kB|MB)$/);
      expect(planned.plan.operations.filter((op) => op.kind === 'create-customer')).toHaveLength(300);
      expect(readFileSync(join(planned.runDir, 'plan.json'), 'utf8')).toBe(serializePlan(planned.plan));
      expect(readFileSync(join(planned.runDir, 'report.html'), 'utf8')).toContain(planFingerprint(planned.plan));
      expect(planned.load.customers).toEqual([]);
      expect(planned.load.counts.valid).toBe(300);
    } finally {
      await sb.close();
    }
  });

  it('streams the plan: progress while planning, nothing held (the plan is read back from plan.json), reports as from the whole plan', async () => {
    const dir = tempDir();
    const file = join(dir, 'in.csv');
    const rows = ['business_name,email,city,phone'];
    for (let i = 0; i < 12_000; i++)
      rows.push(
        `Client ${i},c${i}@client${i}.example,Town ${i % 7},${i % 500 === 7 ? '' : `503555${String(i % 10_000).padStart(4, '0')}`}`,
      );
    rows.push('Bad row,not-an-email,,');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const sb = await sandbox({});
    try {
      const events = collectingSink();
      const planned = await planImport({
        files: [file],
        load: { template: 'syncro' },
        client: clientFor(sb),
        target: { baseUrl: sb.url, sandbox: true },
        cwd: dir,
        events,
      });
      const onDisk = readFileSync(join(planned.runDir, 'plan.json'), 'utf8');
      const plan = parsePlan(onDisk);
      const total = plan.operations.length;
      expect(total).toBeGreaterThan(12_000);
      // Progress while planning, counting up, before plan.json is done.
      const seen = events.events.map((e) =>
        e.type === 'progress' && e.stage === 'plan'
          ? e.done
          : e.type === 'stage' && e.stage === 'plan.json' && e.status === 'done'
            ? -1
            : undefined,
      );
      const progress = seen.filter((n): n is number => n !== undefined);
      expect(progress.slice(0, 2)).toEqual([10_000, total]);
      expect(progress.indexOf(-1)).toBe(2);
      // The result holds no operations: the plan is plan.json's, read when first asked for.
      expect('operations' in planned.head).toBe(false);
      expect(planned.head.summary).toEqual(plan.summary);
      const path = join(planned.runDir, 'plan.json');
      // (The plan is typed by command, so an import's plan cannot be relabelled an audit: change its target's address instead.)
      writeFileSync(path, onDisk.replaceAll(JSON.stringify(sb.url), JSON.stringify('http://127.0.0.2:9')));
      expect(planned.plan.target.baseUrl).toBe('http://127.0.0.2:9');
      writeFileSync(path, onDisk);
      // The reports: the whole plan's fingerprint, every decision read back against it; the spill files are gone.
      const fingerprint = planFingerprint(plan);
      const html = readFileSync(join(planned.runDir, 'report.html'), 'utf8');
      expect(html).toContain(fingerprint);
      expect(html).toContain(`of ${total.toLocaleString('en-US')} operations are shown`);
      expect(readdirSync(planned.runDir).filter((f) => f.startsWith('.'))).toEqual([]);
      const read = await readDecisions(join(planned.runDir, 'report.xlsx'), plan);
      expect(read.problems).toEqual([]);
      expect(read.decisions.size).toBe(plan.operations.filter((op) => decisionSheetOf(op)).length);
    } finally {
      await sb.close();
    }
  });
});
