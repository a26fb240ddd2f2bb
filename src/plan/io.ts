/**
 * Writing and reading plan.json. Written with sorted keys and a trailing
 * newline so the same plan is the same bytes; read back through the zod schema,
 * refusing other kinds and versions with a message that says what to do.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile, rename } from 'node:fs/promises';
import { SyncroEtlError } from '../errors.js';
import { RUN_FILES } from '../run-folder.js';
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

/**
 * plan.json's text in pieces, byte for byte what `serializePlan` returns when
 * joined, one operation per piece: a plan of any size is written or hashed
 * without ever holding its whole text. (JSON.stringify indents a nested value
 * exactly as it indents the same value alone, plus its depth, and JSON strings
 * hold no raw newline, so re-indenting each piece is exact.)
 *
 * @example for (const piece of planPieces(plan)) hash.update(piece);
 */
export function* planPieces(plan: Plan): Generator<string> {
  const top: Record<string, unknown> = plan;
  const keys = Object.keys(top)
    .filter((k) => top[k] !== undefined)
    .sort();
  yield '{';
  for (const [i, key] of keys.entries()) {
    const value = top[key];
    yield `${i ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (key === 'operations' && Array.isArray(value) && value.length > 0) {
      yield '[';
      for (const [j, op] of value.entries()) yield `${j ? ',' : ''}\n    ${indented(stableStringify(op), '    ')}`;
      yield '\n  ]';
    } else yield indented(stableStringify(value), '  ');
  }
  yield keys.length ? '\n}\n' : '}\n';
}

function indented(json: string, by: string): string {
  return json.includes('\n') ? json.replace(/\n/g, `\n${by}`) : json;
}

/** Bytes gathered before each write to the file: few large writes, bounded memory. */
const WRITE_CHUNK = 1 << 20;

/**
 * Writes plan.json via a temporary file, streamed piece by piece (memory does
 * not grow with the plan's size). Returns the sha256 of the bytes written.
 */
export async function writePlan(path: string, plan: Plan): Promise<string> {
  const tmp = `${path}.tmp`;
  const hash = createHash('sha256');
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  const write = async (text: string) => {
    hash.update(text);
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let buffer = '';
  for (const piece of planPieces(plan)) {
    buffer += piece;
    if (buffer.length >= WRITE_CHUNK) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
  await rename(tmp, path);
  return hash.digest('hex');
}

export function parsePlan(text: string, path: string = RUN_FILES.plan): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SyncroEtlError(
      'PLAN_INVALID',
      `${path} is not valid JSON (${(err as Error).message}); re-create it with the command that planned the run`,
      { file: path },
    );
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
    throw new SyncroEtlError('RUN_NOT_FOUND', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      file: path,
    });
  }
  return parsePlan(text, path);
}
