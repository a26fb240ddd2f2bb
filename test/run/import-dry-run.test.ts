/**
 * The import dry run's own behaviour at any size: it says what it is doing
 * between reading and the end (events the CLI prints), writes plan.json as
 * serializePlan would, and lets go of the read records once planned.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectingSink } from '../../src/events.js';
import type { EtlEvent } from '../../src/events.js';
import { serializePlan } from '../../src/plan/io.js';
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
});
