/**
 * The plan format is a contract: its JSON Schema, generated from the zod
 * schema, must equal the committed docs/schemas/plan.schema.json. A change to
 * the format fails here until the committed schema is regenerated
 * (UPDATE_SCHEMAS=1 npx vitest run test/plan/json-schema.test.ts) and the
 * plan version is considered.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJsonSchema } from '../../src/plan/json-schema.js';

const FILE = join(process.cwd(), 'docs', 'schemas', 'plan.schema.json');

describe('plan.json contract', () => {
  it('matches the committed JSON Schema', () => {
    const generated = `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(FILE, generated);
    expect(generated).toBe(readFileSync(FILE, 'utf8'));
  });
});
