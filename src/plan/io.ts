/**
 * Writing and reading plan.json. Written with sorted keys and a trailing
 * newline so the same plan is the same bytes; read back through the zod schema,
 * refusing other kinds and versions with a message that says what to do.
 *
 * Layout: the top level indented, each operation on one line of compact JSON
 * (a plan is mostly operations: one line each is 40% fewer bytes than
 * indenting them, half the time to write and hash, and still one `grep` or
 * diff line per operation). Plans written before indented their operations
 * too (`layout: 'indented'`); both read the same, and a report's fingerprint
 * of either layout is recognised (report/fingerprint.ts).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile, rename, rm } from 'node:fs/promises';
import { SyncroEtlError } from '../errors.js';
import { ByteChunks } from './byte-chunks.js';
import { RUN_FILES } from '../run-folder.js';
import { PLAN_KIND, PLAN_VERSION, PlanSchema } from './schema.js';
import type { Operation, Plan } from './schema.js';

/** JSON with object keys sorted at every level (arrays keep their order). */
export function stableStringify(value: unknown, indent = 2): string {
  if (indent <= 0) return JSON.stringify(sortKeys(value));
  return sortedJson(value, ' '.repeat(indent), '') ?? 'undefined';
}

/**
 * `JSON.stringify(sortKeys(value), null, unit)` with `at` before each line
 * after the first, written in one walk: no sorted copy of the value, and no
 * re-indenting of the text (a plan's operations are written one by one at
 * depth 2). `undefined` where JSON has no value (as JSON.stringify).
 */
function sortedJson(value: unknown, unit: string, at: string): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = at + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}\n${inner}${sortedJson(value[i], unit, inner) ?? 'null'}`;
    return `${out}\n${at}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '';
  for (const key of jsonKeyOrder(Object.keys(record).sort())) {
    if (key === '__proto__') continue; // never an own key of the sorted copy stableStringify always wrote
    const v = record[key];
    const text = v === undefined ? undefined : sortedJson(v, unit, inner);
    if (text !== undefined) out += `${out ? ',' : ''}\n${inner}${quotedKey(key)}: ${text}`;
  }
  return out ? `{${out}\n${at}}` : '{}';
}

/**
 * The order JSON.stringify writes a key-sorted object's keys in: an object
 * keeps integer keys ("0", "12") first, ascending, whatever the order they
 * were set in.
 */
function jsonKeyOrder(sorted: string[]): string[] {
  if (!sorted.some(startsWithDigit) || !sorted.some(isIndexKey)) return sorted;
  const indices = sorted.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...sorted.filter((k) => !isIndexKey(k))];
}

/** A key's JSON text: plans repeat a few dozen keys a million times. */
const QUOTED = new Map<string, string>();
function quotedKey(key: string): string {
  let q = QUOTED.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (QUOTED.size < 10_000) QUOTED.set(key, q); // custom field names are keys too: bounded
  }
  return q;
}

const startsWithDigit = (k: string): boolean => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57;
};

const isIndexKey = (k: string): boolean => /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;

/** `stableStringify(value)` as it stands at `depth` in an indented document (its lines after the first indented). */
export function stableStringifyAt(value: unknown, depth: number): string {
  return sortedJson(value, '  ', '  '.repeat(depth)) ?? 'undefined';
}

/**
 * `value` with object keys in sorted order at every level, undefined members
 * left out: JSON.stringify of it is the one-line sorted JSON, at native speed
 * (a copy and one native call cost half the walk that builds the text in
 * script). A fresh object keeps integer keys first, as sortedJson writes them.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === '__proto__') continue; // assigning it would set the copy's prototype (JSON never shows it either way)
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** plan.json's whole text (`layout`: how the operations are set out). */
export function serializePlan(plan: Plan, layout: PlanLayout = 'lines'): string {
  return [...planPieces(plan, layout)].join('');
}

/**
 * plan.json's text in pieces, byte for byte what `serializePlan` returns when
 * joined, one operation per piece: a plan of any size is written or hashed
 * without ever holding its whole text.
 *
 * @example for (const piece of planPieces(plan)) hash.update(piece);
 */
export function* planPieces(plan: Plan, layout: PlanLayout = 'lines'): Generator<string> {
  const { operations, summary, ...head } = plan;
  const text = new PlanText(head);
  yield text.start();
  for (const op of operations) yield text.operation(op, operationJson(op, layout));
  yield text.end({ summary });
}

/**
 * The text of a plan whose operations come one at a time: the top-level keys
 * sorted, those before "operations" first, then each operation, then the rest
 * (the summary, known once every operation is counted), each operation on
 * a line of its own.
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

  /** `json`: the operation's text as it stands in the plan (`operationJson`), when the caller has it. */
  operation(op: Operation, json = operationJson(op)): string {
    return `${this.ops++ ? ',' : '['}\n    ${json}`;
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
    return `${i ? ',' : ''}\n  ${JSON.stringify(this.keys[i])}: ${stableStringifyAt(value, 1)}`;
  }
}

/** How plan.json sets out its operations: one compact line each (written now), or indented like the rest (plans written before). */
export type PlanLayout = 'lines' | 'indented';

/** An operation's JSON as plan.json holds it (sorted keys; one line, or indented for its depth): JSON.parse reads it back as the operation. */
export function operationJson(op: Operation, layout: PlanLayout = 'lines'): string {
  return layout === 'lines' ? stableStringify(op, 0) : stableStringifyAt(op, 2);
}

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
  /** Bytes gathered before each write to the file: few large writes, bounded memory. */
  private readonly chunks = new ByteChunks();

  constructor(
    private readonly path: string,
    head: Record<string, unknown>,
  ) {
    this.tmp = `${path}.tmp`;
    this.out = createWriteStream(this.tmp);
    this.failed = new Promise<never>((_, reject) => this.out.once('error', reject));
    this.failed.catch(() => {});
    this.text = new PlanText(head);
    this.chunks.add(this.text.start());
  }

  /** Operations written so far. */
  get count(): number {
    return this.text.count;
  }

  /** The operation's text is gathered, and written out once a chunk is full (`json`: its `operationJson`, when the caller has it). */
  async add(op: Operation, json?: string): Promise<void> {
    const full = this.chunks.add(this.text.operation(op, json));
    if (full) await this.write(full);
  }

  /** Writes the rest (`rest`: the fields only known now, the summary) and renames the file; returns its sha256. */
  async finish(rest: Record<string, unknown>): Promise<string> {
    const full = this.chunks.add(this.text.end(rest));
    if (full) await this.write(full);
    const last = this.chunks.take();
    if (last) await this.write(last);
    await Promise.race([new Promise<void>((resolve) => this.out.end(resolve)), this.failed]);
    await rename(this.tmp, this.path);
    return this.hash.digest('hex');
  }

  /** Stops without a plan.json (the temporary file is removed). */
  async abort(): Promise<void> {
    this.out.destroy();
    await rm(this.tmp, { force: true });
  }

  /** `bytes` to the hash and the file alike. */
  private async write(bytes: Buffer): Promise<void> {
    this.hash.update(bytes);
    if (!this.out.write(bytes)) await Promise.race([once(this.out, 'drain'), this.failed]);
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
