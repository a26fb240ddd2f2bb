/** The plan's JSON Schema, generated from its zod schema (committed in docs/schemas and checked by a test). */
import { z } from 'zod';
import { PlanSchema } from './schema.js';

export function planJsonSchema(): unknown {
  return z.toJSONSchema(PlanSchema, { target: 'draft-2020-12', reused: 'ref' });
}
