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
