/**
 * The journal: a durable, append-only record of every write, in the run
 * folder (SQLite through better-sqlite3, WAL). For each write step of an
 * operation it holds an `intent` row written BEFORE the request is sent, then
 * a `done` or `failed` row after. A killed run therefore knows exactly which
 * writes finished and which one was in flight, and resumes without repeating
 * a completed write. The API key is never written here.
 *
 * Durability: an `intent` row is fsynced before append() returns
 * (synchronous=FULL). `done`/`failed` rows are committed without their own
 * fsync (synchronous=NORMAL: they survive a killed process, and the next
 * intent's fsync carries them to disk); if a power cut loses one, the step
 * reads as in flight and is verified against Syncro before anything is sent,
 * so nothing is repeated. One fsync per write instead of two keeps the event
 * loop free enough to run at the rate limit.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { SyncroEtlError } from '../errors.js';

export const JOURNAL_VERSION = 1;

export type EntryPhase = 'intent' | 'done' | 'failed';

/** One journal line. `mode` tells apply entries from undo entries. */
export interface JournalEntry {
  seq: number;
  mode: 'apply' | 'undo';
  opId: string;
  /** Step within the operation (a merge has several writes): "create", "update", "move:contacts:12", "delete"... */
  step: string;
  phase: EntryPhase;
  method?: string;
  path?: string;
  body?: unknown;
  /** Id of the record the write produced or touched. */
  resultId?: number;
  /** The record as it was before the write (updates, moves, deletes). */
  before?: unknown;
  /** The record as Syncro answered after the write (its updated_at lets undo see later edits). */
  after?: unknown;
  message?: string;
  at: string;
}

export type NewEntry = Omit<JournalEntry, 'seq' | 'at'>;

export class Journal {
  private readonly db: Db;
  private readonly insert: Database.Statement;
  private fullSync = true;

  private constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    this.db = db;
    this.insert = db.prepare(
      'INSERT INTO entries (mode, op_id, step, phase, method, path, body, result_id, before, after, message, at) VALUES (@mode, @opId, @step, @phase, @method, @path, @body, @resultId, @before, @after, @message, @at)',
    );
  }

  static open(path: string, now: () => Date = () => new Date()): Journal {
    let db: Db;
    try {
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(`
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS entries (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          mode TEXT NOT NULL, op_id TEXT NOT NULL, step TEXT NOT NULL, phase TEXT NOT NULL,
          method TEXT, path TEXT, body TEXT, result_id INTEGER, before TEXT, after TEXT, message TEXT, at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS entries_op ON entries (mode, op_id, step);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('version', '${JOURNAL_VERSION}');
      `);
    } catch (err) {
      throw new SyncroEtlError(
        'JOURNAL_CORRUPT',
        `cannot open the journal ${path}: ${(err as Error).message}. Keep the run folder as it is and report this.`,
        { file: path },
        { cause: err },
      );
    }
    const version = (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined)?.value;
    if (version !== String(JOURNAL_VERSION)) {
      db.close();
      throw new SyncroEtlError(
        'JOURNAL_CORRUPT',
        `the journal ${path} is version ${version}; this syncro-etl reads version ${JOURNAL_VERSION}`,
        { file: path },
      );
    }
    return new Journal(db, now);
  }

  /** Appends one entry (an intent: on disk before this returns) and returns it with its sequence number. */
  append(entry: NewEntry): JournalEntry {
    const at = this.now().toISOString();
    const durable = entry.phase === 'intent';
    if (durable !== this.fullSync) {
      this.db.pragma(`synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
      this.fullSync = durable;
    }
    const info = this.insert.run({
      mode: entry.mode,
      opId: entry.opId,
      step: entry.step,
      phase: entry.phase,
      method: entry.method ?? null,
      path: entry.path ?? null,
      body: json(entry.body),
      resultId: entry.resultId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      message: entry.message ?? null,
      at,
    });
    return { ...entry, seq: Number(info.lastInsertRowid), at };
  }

  entries(mode?: 'apply' | 'undo'): JournalEntry[] {
    const rows = (
      mode
        ? this.db.prepare('SELECT * FROM entries WHERE mode = ? ORDER BY seq').all(mode)
        : this.db.prepare('SELECT * FROM entries ORDER BY seq').all()
    ) as Row[];
    return rows.map(fromRow);
  }

  /** The latest entry of each (op, step) for a mode: what state every write step reached. */
  latestByStep(mode: 'apply' | 'undo'): Map<string, JournalEntry> {
    const out = new Map<string, JournalEntry>();
    for (const e of this.entries(mode)) out.set(stepKey(e.opId, e.step), e);
    return out;
  }

  getMeta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  close(): void {
    this.db.close();
  }
}

export function stepKey(opId: string, step: string): string {
  return `${opId}\u0000${step}`;
}

interface Row {
  seq: number;
  mode: 'apply' | 'undo';
  op_id: string;
  step: string;
  phase: EntryPhase;
  method: string | null;
  path: string | null;
  body: string | null;
  result_id: number | null;
  before: string | null;
  after: string | null;
  message: string | null;
  at: string;
}

function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

function parse(v: string | null): unknown {
  return v === null ? undefined : (JSON.parse(v) as unknown);
}

function fromRow(r: Row): JournalEntry {
  const e: JournalEntry = { seq: r.seq, mode: r.mode, opId: r.op_id, step: r.step, phase: r.phase, at: r.at };
  if (r.method !== null) e.method = r.method;
  if (r.path !== null) e.path = r.path;
  if (r.body !== null) e.body = parse(r.body);
  if (r.result_id !== null) e.resultId = r.result_id;
  if (r.before !== null) e.before = parse(r.before);
  if (r.after !== null) e.after = parse(r.after);
  if (r.message !== null) e.message = r.message;
  return e;
}
