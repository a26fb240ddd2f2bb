/**
 * The dry run's spill: operations go to one file per report part as they are
 * planned and come back, each part in plan order, as the planner made them
 * (the same fields in the same key order: the reports list payload fields in
 * that order), while only the excerpt, labels and create fields stay in memory.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/plan/schema.js';
import { HTML_OPS_PER_KIND } from '../../src/report/html-excerpt.js';
import { planSource, REPORT_PARTS } from '../../src/report/plan-source.js';
import { PlanSpill } from '../../src/run/plan-spill.js';
import { buildLargePlan } from '../report/plan-fixture.js';
import { tempDir } from '../report/helpers.js';

describe('PlanSpill', () => {
  it('gives back each part as planned (key order too), the same source as the plan in memory, and leaves no file', async () => {
    const plan = buildLargePlan(1500);
    const dir = tempDir();
    const spill = new PlanSpill(dir);
    // A payload whose keys are not sorted, and a text with the separator's neighbours and non-ASCII.
    const odd: Operation = { ...plan.operations[0]!, id: 'cc-odd', label: 'Customer Zoë \u001d\u001f "quoted"' } as Operation;
    if (odd.kind === 'create-customer') odd.payload = { zeta: 1, alpha: 'ä'.repeat(70_000), mid: null };
    const operations = [odd, ...plan.operations];
    for (const op of operations) await spill.add(op);
    const memory = planSource({ ...plan, operations });
    const source = await spill.close(memory.head);
    for (const part of REPORT_PARTS) {
      const back = [...source.operations(part)];
      expect(back.map((op) => JSON.stringify(op))).toEqual([...memory.operations(part)].map((op) => JSON.stringify(op)));
      // Read again: the same.
      expect([...source.operations(part)]).toHaveLength(back.length);
    }
    expect([...source.operations('creates')].length).toBeGreaterThan(1500);
    expect(source.createFields).toEqual(memory.createFields);
    expect(source.newCustomerLabels).toEqual(memory.newCustomerLabels);
    expect(source.excerpt.ops.length).toBeLessThanOrEqual(HTML_OPS_PER_KIND * 11);
    expect(source.excerpt).toEqual(memory.excerpt);
    await spill.remove();
    expect(readdirSync(dir)).toEqual([]);
  });
});
