import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan, planPieces, serializePlan, writePlan } from '../../src/plan/io.js';
import type { Plan } from '../../src/plan/schema.js';
import { planFingerprint } from '../../src/report/fingerprint.js';
import { buildPlan } from './plan-fixture.js';
import { tempDir } from './helpers.js';

describe('plan.json written piece by piece', () => {
  const plans: Array<[string, Plan]> = [
    ['the report fixture', buildPlan()],
    ['an empty plan', buildPlan({ operations: [] })],
    ['a plan without a template', (({ template: _t, ...rest }) => rest as Plan)(buildPlan())],
  ];

  it.each(plans)('joins to exactly the bytes serializePlan gives (%s)', (_name, plan) => {
    expect([...planPieces(plan)].join('')).toBe(serializePlan(plan));
  });

  it('yields one piece per operation, so no piece grows with the plan', () => {
    const plan = buildPlan();
    const pieces = [...planPieces(plan)];
    expect(pieces.length).toBeGreaterThan(plan.operations.length);
    const longest = Math.max(...pieces.map((p) => p.length));
    expect(longest).toBeLessThan(serializePlan(plan).length / 2);
  });

  it('sets out each operation on one line of its own, the rest indented, and both layouts read back as the same plan', () => {
    const plan = buildPlan();
    const text = serializePlan(plan);
    const lines = text.split('\n');
    const first = lines.indexOf('  "operations": [') + 1;
    const opLines = lines.slice(
      first,
      lines.findIndex((l, i) => i >= first && l.startsWith('  ]')),
    );
    expect(opLines).toHaveLength(plan.operations.length);
    expect(opLines.every((l) => l.startsWith('    {'))).toBe(true);
    expect(opLines.map((l) => JSON.parse(l.replace(/,$/, '')) as unknown)).toEqual((JSON.parse(text) as Plan).operations);
    const indented = serializePlan(plan, 'indented');
    expect(indented.length).toBeGreaterThan(text.length * 1.2);
    expect(parsePlan(indented)).toEqual(parsePlan(text));
    expect([...planPieces(plan, 'indented')].join('')).toBe(indented);
  });

  it('writes the same bytes as before, returns their sha256, and reads back', async () => {
    const plan = buildPlan();
    const path = join(tempDir(), 'plan.json');
    const sha = await writePlan(path, plan);
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(serializePlan(plan));
    expect(sha).toBe(createHash('sha256').update(text).digest('hex'));
    expect(planFingerprint(plan)).toBe(sha.slice(0, 16));
    expect(parsePlan(text)).toEqual(parsePlan(serializePlan(plan)));
  });
});
