/**
 * The planned operations, spilled to one temporary file per report part in
 * the run folder as they are planned, so the reports are written after
 * plan.json without the plan in memory: each sheet reads its own part back,
 * one operation at a time. Besides the files, only what the reports need of
 * every operation is kept: the create fields, the new customers' labels and
 * the HTML excerpt.
 */
import { closeSync, createWriteStream, openSync, readSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ByteChunks } from '../plan/byte-chunks.js';
import type { Operation, PlanWithout } from '../plan/schema.js';
import { ExcerptCollector } from '../report/html-excerpt.js';
import { REPORT_PARTS, reportPartOf } from '../report/plan-source.js';
import type { PlanReportSource, ReportPart } from '../report/plan-source.js';
import { addCreateFields, orderCreateFields } from '../report/xlsx-sheets.js';

/** Ends each operation's JSON in a spill file: a control character JSON text never holds raw. */
const SEPARATOR = '\x1e';
/** Bytes gathered per part before they are written (as they come: ByteChunks); bytes read back at a time. */
const CHUNK = 1 << 20;

interface PartFile {
  path: string;
  out: WriteStream;
  failed: Promise<never>;
  chunks: ByteChunks;
}

export class PlanSpill {
  private readonly parts = new Map<ReportPart, PartFile>();
  private readonly fields = new Set<string>();
  private readonly labels = new Map<string, string>();
  private readonly excerpt = new ExcerptCollector();

  constructor(private readonly dir: string) {
    for (const part of REPORT_PARTS) {
      const path = join(dir, `.spill-${part}.tmp`);
      const out = createWriteStream(path);
      const failed = new Promise<never>((_, reject) => out.once('error', reject));
      failed.catch(() => {});
      this.parts.set(part, { path, out, failed, chunks: new ByteChunks(CHUNK) });
    }
  }

  /**
   * Adds `op`. Its JSON keeps the operation's own key order (plan.json's is
   * sorted): the reports list payload fields in the order the planner gave.
   * The Creates sheet alone sets its columns in an order of its own, so a
   * create is spilled as `planJson`, its plan.json line, when given (the most
   * numerous operations are not serialized twice).
   */
  async add(op: Operation, planJson?: string): Promise<void> {
    const partName = reportPartOf(op);
    const json = partName === 'creates' && planJson !== undefined ? planJson : JSON.stringify(op);
    addCreateFields(this.fields, op);
    if (op.kind === 'create-customer') this.labels.set(op.id, op.label);
    this.excerpt.add(op);
    const part = this.parts.get(partName)!;
    const full = part.chunks.add(json + SEPARATOR);
    if (full) await write(part, full);
  }

  /** Closes the files; the source reads them (until `remove`). */
  async close(head: PlanWithout<'operations'>): Promise<PlanReportSource> {
    for (const part of this.parts.values()) {
      const rest = part.chunks.take();
      if (rest) await write(part, rest);
      await Promise.race([new Promise<void>((resolve) => part.out.end(resolve)), part.failed]);
    }
    const paths = new Map([...this.parts].map(([name, p]) => [name, p.path]));
    return {
      head,
      operations: (part) => readSpill(paths.get(part)!),
      createFields: orderCreateFields(this.fields),
      newCustomerLabels: this.labels,
      excerpt: this.excerpt.result(),
    };
  }

  /** Removes the spill files (after the reports, or when the run failed). */
  async remove(): Promise<void> {
    for (const part of this.parts.values()) {
      if (!part.out.closed) part.out.destroy();
      await rm(part.path, { force: true });
    }
  }
}

async function write(part: PartFile, bytes: Buffer): Promise<void> {
  if (!part.out.write(bytes)) await Promise.race([once(part.out, 'drain'), part.failed]);
}

/** The operations of one spill file, in the order they were added. */
function* readSpill(path: string): Generator<Operation> {
  const fd = openSync(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const bytes = Buffer.allocUnsafe(CHUNK);
    let rest = '';
    for (let n; (n = readSync(fd, bytes, 0, CHUNK, null)) > 0;) {
      const text = rest + decoder.write(bytes.subarray(0, n));
      let start = 0;
      for (let end; (end = text.indexOf(SEPARATOR, start)) >= 0; start = end + 1) yield JSON.parse(text.slice(start, end)) as Operation;
      rest = text.slice(start);
    }
  } finally {
    closeSync(fd);
  }
}
