/**
 * Writing and reading plan.json. Written with sorted keys and a trailing
 * newline so the same plan is the same bytes; read back through the zod schema,
 * refusing other kinds and versions with a message that says what to do.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile, rename, rm } from 'node:fs/promises';
import { SyncroEtlError } from '../errors.js';
import { PLAN_KIND, PLAN_VERSION, PlanSchema } from './schema.js';
import type { Operation, Plan } from './schema.js';

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
 * without ever holding its whole text.
 *
 * @example for (const piece of planPieces(plan)) hash.update(piece);
 */
export function* planPieces(plan: Plan): Generator<string> {
  const { operations, summary, ...head } = plan;
  const text = new PlanText(head);
  yield text.start();
  for (const op of operations) yield text.operation(op);
  yield text.end({ summary });
}

/**
 * The text of a plan whose operations come one at a time: the top-level keys
 * sorted, those before "operations" first, then each operation, then the rest
 * (the summary, known once every operation is counted). (JSON.stringify
 * indents a nested value exactly as it indents the same value alone, plus its
 * depth, and JSON strings hold no raw newline, so re-indenting each piece is
 * exact.)
 */
export class PlanText {
  private readonly keys: string[];
  private readonly at: number;
  private ops = 0;

  /** `head`: every top-level field but `operations` and those given to `end`. */
  constructor(private readonly head: Record<string, unknown>) {
    this.keys = [...Object.keys(head).filter((k) => head[k] !== undefined), 'operations', 'summary'].sort();
    this.at = this.keys.indexOf('operations');
  }

  /** '{' and the keys before "operations". */
  start(): string {
    let out = '{';
    for (let i = 0; i < this.at; i++) out += this.field(i, this.head[this.keys[i]!]);
    return `${out}${this.at ? ',' : ''}\n  "operations": `;
  }

  /** `json`: the operation's `stableStringify` text, when the caller has it. */
  operation(op: Operation, json = stableStringify(op)): string {
    return `${this.ops++ ? ',' : '['}\n    ${indented(json, '    ')}`;
  }

  /** How many operations were given. */
  get count(): number {
    return this.ops;
  }

  /** The end of the operations, the keys after them (`rest` then the head's) and '}'. */
  end(rest: Record<string, unknown>): string {
    let out = this.ops ? '\n  ]' : '[]';
    for (let i = this.at + 1; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      out += this.field(i, key in rest ? rest[key] : this.head[key]);
    }
    return `${out}\n}\n`;
  }

  private field(i: number, value: unknown): string {
    return `${i ? ',' : ''}\n  ${JSON.stringify(this.keys[i])}: ${indented(stableStringify(value), '  ')}`;
  }
}

function indented(json: string, by: string): string {
  return json.includes('\n') ? json.replace(/\n/g, `\n${by}`) : json;
}

/** Bytes gathered before each write to the file: few large writes, bounded memory. */
const WRITE_CHUNK = 1 << 20;

/**
 * plan.json written as the operations come (via a temporary file, renamed
 * when finished): memory does not grow with the plan's size, and the sha256
 * of the bytes written is known at the end.
 *
 * @example const w = new PlanFileWriter(path, head); for (const op of ops) await w.add(op); const sha = await w.finish({ summary });
 */
export class PlanFileWriter {
  private readonly tmp: string;
  private readonly hash = createHash('sha256');
  private readonly out: WriteStream;
  private readonly failed: Promise<never>;
  private readonly text: PlanText;
  private buffer: string;

  constructor(
    private readonly path: string,
    head: Record<string, unknown>,
  ) {
    this.tmp = `${path}.tmp`;
    this.out = createWriteStream(this.tmp, { encoding: 'utf8' });
    this.failed = new Promise<never>((_, reject) => this.out.once('error', reject));
    this.failed.catch(() => {});
    this.text = new PlanText(head);
    this.buffer = this.text.start();
  }

  /** Operations written so far. */
  get count(): number {
    return this.text.count;
  }

  /** The operation's text is gathered, and written out once a chunk is full (`json`: its `stableStringify` text, when the caller has it). */
  async add(op: Operation, json?: string): Promise<void> {
    this.buffer += this.text.operation(op, json);
    if (this.buffer.length >= WRITE_CHUNK) await this.flush();
  }

  /** Writes the rest (`rest`: the fields only known now, the summary) and renames the file; returns its sha256. */
  async finish(rest: Record<string, unknown>): Promise<string> {
    this.buffer += this.text.end(rest);
    await this.flush();
    await Promise.race([new Promise<void>((resolve) => this.out.end(resolve)), this.failed]);
    await rename(this.tmp, this.path);
    return this.hash.digest('hex');
  }

  /** Stops without a plan.json (the temporary file is removed). */
  async abort(): Promise<void> {
    this.out.destroy();
    await rm(this.tmp, { force: true });
  }

  private async flush(): Promise<void> {
    const text = this.buffer;
    this.buffer = '';
    this.hash.update(text);
    if (!this.out.write(text)) await Promise.race([once(this.out, 'drain'), this.failed]);
  }
}

/**
 * Writes plan.json via a temporary file, streamed piece by piece (memory does
 * not grow with the plan's size). Returns the sha256 of the bytes written.
 */
export async function writePlan(path: string, plan: Plan): Promise<string> {
  const { operations, summary, ...head } = plan;
  const writer = new PlanFileWriter(path, head);
  for (const op of operations) await writer.add(op);
  return writer.finish({ summary });
}

export function parsePlan(text: string, path = 'plan.json'): Plan {
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
