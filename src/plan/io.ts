/**
 * Writing and reading plan.json. Written with sorted keys and a trailing
 * newline so the same plan is the same bytes; read back through the zod schema,
 * refusing other kinds and versions with a message that says what to do.
 */
import { readFile, writeFile, rename } from 'node:fs/promises';
import { SyncroEtlError } from '../errors.js';
import { PLAN_KIND, PLAN_VERSION, PlanSchema } from './schema.js';
import type { Plan } from './schema.js';

/** JSON with object keys sorted at every level (arrays keep their order). */
export function stableStringify(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function serializePlan(plan: Plan): string {
  return `${stableStringify(plan)}\n`;
}

export async function writePlan(path: string, plan: Plan): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, serializePlan(plan), 'utf8');
  await rename(tmp, path);
}

export function parsePlan(text: string, path = 'plan.json'): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SyncroEtlError('PLAN_INVALID', `${path} is not valid JSON (${(err as Error).message}); re-create it with the command that planned the run`, { file: path });
  }
  const head = raw as { kind?: unknown; version?: unknown };
  if (head?.kind !== PLAN_KIND) {
    throw new SyncroEtlError('PLAN_INVALID', `${path} is not a syncro-etl plan (kind ${JSON.stringify(head?.kind)})`, { file: path });
  }
  if (head.version !== PLAN_VERSION) {
    throw new SyncroEtlError(
      'PLAN_VERSION',
      `${path} is plan version ${JSON.stringify(head.version)}; this syncro-etl reads version ${PLAN_VERSION}. Plan the run again with this version.`,
      { file: path },
    );
  }
  const parsed = PlanSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new SyncroEtlError('PLAN_INVALID', `${path} does not match the plan schema: ${first.join('; ')}`, { file: path });
  }
  return parsed.data;
}

export async function readPlan(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SyncroEtlError('RUN_NOT_FOUND', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: path });
  }
  return parsePlan(text, path);
}
