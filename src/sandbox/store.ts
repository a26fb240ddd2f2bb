/**
 * The sandbox's data: one SQLite table per resource holding each record's
 * fields as JSON plus indexed projection columns (customer_id, lower-cased
 * email and names). A file store runs in WAL mode with `synchronous=FULL`, so
 * a write is durable when its call returns; without a file the database lives
 * in memory. Ids come from AUTOINCREMENT: never reused after a delete.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { SyncroEtlError } from '../errors.js';
import { CUSTOMER_COLUMNS, customerProjection, customerQuery } from './customer-query.js';
import type { CustomerFilter } from './customer-query.js';
import type { Fields } from './fields.js';

export const TABLES = ['customers', 'contacts', 'tickets', 'assets', 'invoices'] as const;
export type TableName = (typeof TABLES)[number];

/** A stored record: its id, timestamps (epoch ms) and fields. */
export interface StoredRow {
  id: number;
  created_ms: number;
  updated_ms: number;
  fields: Fields;
}

/** One page of rows and the total number of matches. */
export interface RowPage {
  rows: StoredRow[];
  total: number;
}

/** Explicit id and timestamps, for seeding. */
export interface InsertMeta {
  id?: number;
  created_ms?: number;
  updated_ms?: number;
}

const SCHEMA_VERSION = 1;

const int = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const PROJECTIONS: Record<TableName, { columns: readonly string[]; values: (f: Fields) => unknown[] }> = {
  customers: { columns: CUSTOMER_COLUMNS, values: customerProjection },
  contacts: { columns: ['customer_id'], values: (f) => [int(f.customer_id)] },
  tickets: { columns: ['customer_id', 'contact_id'], values: (f) => [int(f.customer_id), int(f.contact_id)] },
  assets: { columns: ['customer_id'], values: (f) => [int(f.customer_id)] },
  invoices: { columns: ['customer_id'], values: (f) => [int(f.customer_id)] },
};

function createSchema(db: Db): void {
  const base = 'id INTEGER PRIMARY KEY AUTOINCREMENT, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, data TEXT NOT NULL';
  db.exec(`
    CREATE TABLE IF NOT EXISTS customers (${base}, email_lc TEXT, disabled INTEGER NOT NULL DEFAULT 0,
      firstname_lc TEXT, lastname_lc TEXT, business_lc TEXT, search_lc TEXT, phone_digits TEXT);
    CREATE INDEX IF NOT EXISTS customers_email ON customers(email_lc);
    CREATE INDEX IF NOT EXISTS customers_disabled ON customers(disabled, id);
    CREATE TABLE IF NOT EXISTS contacts (${base}, customer_id INTEGER);
    CREATE INDEX IF NOT EXISTS contacts_customer ON contacts(customer_id);
    CREATE TABLE IF NOT EXISTS tickets (${base}, customer_id INTEGER, contact_id INTEGER);
    CREATE INDEX IF NOT EXISTS tickets_customer ON tickets(customer_id);
    CREATE INDEX IF NOT EXISTS tickets_contact ON tickets(contact_id);
    CREATE TABLE IF NOT EXISTS assets (${base}, customer_id INTEGER);
    CREATE INDEX IF NOT EXISTS assets_customer ON assets(customer_id);
    CREATE TABLE IF NOT EXISTS invoices (${base}, customer_id INTEGER);
    CREATE INDEX IF NOT EXISTS invoices_customer ON invoices(customer_id);
  `);
}

interface RawRow {
  id: number;
  created_ms: number;
  updated_ms: number;
  data: string;
}
const toRow = (r: RawRow): StoredRow => ({
  id: r.id,
  created_ms: r.created_ms,
  updated_ms: r.updated_ms,
  fields: JSON.parse(r.data) as Fields,
});

/**
 * The sandbox store. Open with `SandboxStore.open(file?)`.
 * @example const store = SandboxStore.open(); store.insert('customers', { business_name: 'Acme' });
 */
export class SandboxStore {
  private readonly statements = new Map<string, Statement>();
  private lastStamp: number;

  private constructor(
    private readonly db: Db,
    /** The data file, or undefined for an in-memory store. */
    readonly file: string | undefined,
    private readonly now: () => number,
  ) {
    this.lastStamp = Math.max(
      0,
      ...TABLES.map((t) => (this.db.prepare(`SELECT MAX(updated_ms) AS m FROM ${t}`).get() as { m: number | null }).m ?? 0),
    );
  }

  /** Opens (creating if needed) the store in `file`, or in memory when `file` is undefined. */
  static open(file?: string, options: { now?: () => number } = {}): SandboxStore {
    let db: Db;
    try {
      db = new Database(file ?? ':memory:');
      if (file) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('busy_timeout = 5000');
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version !== 0 && version !== SCHEMA_VERSION) {
        db.close();
        throw new SyncroEtlError(
          'CONFIG_INVALID',
          `Sandbox data file ${file} has schema version ${version}; this syncro-etl reads version ${SCHEMA_VERSION}. Use another --data file.`,
          { file },
        );
      }
      createSchema(db);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch (err) {
      if (err instanceof SyncroEtlError) throw err;
      throw new SyncroEtlError(
        'FILE_UNREADABLE',
        `Cannot open sandbox data file ${file}: ${(err as Error).message}. Check the path, or use another --data file.`,
        { file },
        { cause: err },
      );
    }
    return new SandboxStore(db, file, options.now ?? Date.now);
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** A strictly increasing write time: the clock, or the last stamp + 1 ms when the clock has not moved past it. */
  stamp(): number {
    this.lastStamp = Math.max(this.now(), this.lastStamp + 1);
    return this.lastStamp;
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  get(table: TableName, id: number): StoredRow | undefined {
    const r = this.stmt(`SELECT id, created_ms, updated_ms, data FROM ${table} WHERE id = ?`).get(id) as RawRow | undefined;
    return r && toRow(r);
  }

  /** Rows by id, for joins (customer names on tickets, contacts of a page). */
  getMany(table: TableName, ids: readonly number[]): Map<number, StoredRow> {
    const out = new Map<number, StoredRow>();
    if (ids.length === 0) return out;
    const sql = `SELECT id, created_ms, updated_ms, data FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`;
    for (const r of this.stmt(sql).all(JSON.stringify([...new Set(ids)])) as RawRow[]) out.set(r.id, toRow(r));
    return out;
  }

  exists(table: TableName, id: number): boolean {
    return this.stmt(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  }

  /** Stores a new record and returns it. */
  insert(table: TableName, fields: Fields, meta: InsertMeta = {}): StoredRow {
    const { columns, values } = PROJECTIONS[table];
    const created = meta.created_ms ?? this.stamp();
    const updated = meta.updated_ms ?? created;
    // Seeded timestamps may lie ahead of the clock: later writes must still be newer.
    this.lastStamp = Math.max(this.lastStamp, updated);
    const cols = ['id', 'created_ms', 'updated_ms', 'data', ...columns];
    const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
    const info = this.stmt(sql).run(meta.id ?? null, created, updated, JSON.stringify(fields), ...values(fields));
    return { id: Number(info.lastInsertRowid), created_ms: created, updated_ms: updated, fields };
  }

  /** Replaces the fields of `current` (a row just read) and gives it a fresh `updated_ms`. */
  update(table: TableName, current: StoredRow, fields: Fields): StoredRow {
    const { columns, values } = PROJECTIONS[table];
    const updated = this.stamp();
    const sets = ['updated_ms = ?', 'data = ?', ...columns.map((c) => `${c} = ?`)].join(', ');
    this.stmt(`UPDATE ${table} SET ${sets} WHERE id = ?`).run(updated, JSON.stringify(fields), ...values(fields), current.id);
    return { ...current, updated_ms: updated, fields };
  }

  /**
   * Moves a record's `updated_ms` `byMs` past its write without changing its
   * fields (a background job touching it). Later writes stay newer still.
   */
  touch(table: TableName, id: number, byMs: number): void {
    const row = this.get(table, id);
    if (!row) return;
    const touched = Math.max(row.updated_ms + byMs, this.lastStamp + 1);
    this.lastStamp = touched;
    this.stmt(`UPDATE ${table} SET updated_ms = ? WHERE id = ?`).run(touched, id);
  }

  /** Deletes a record; a customer takes its contacts with it. False when it did not exist. */
  delete(table: TableName, id: number): boolean {
    return this.transaction(() => {
      const gone = this.stmt(`DELETE FROM ${table} WHERE id = ?`).run(id).changes > 0;
      if (gone && table === 'customers') this.stmt('DELETE FROM contacts WHERE customer_id = ?').run(id);
      return gone;
    });
  }

  /** A page of rows matching equality filters on indexed columns, by id ascending. */
  listBy(table: TableName, where: Partial<Record<'customer_id' | 'contact_id', number>>, page: number, perPage: number): RowPage {
    const keys = Object.keys(where) as ('customer_id' | 'contact_id')[];
    const cond = keys.length > 0 ? keys.map((k) => `${k} = ?`).join(' AND ') : '1';
    const args = keys.map((k) => where[k]);
    return this.page(table, cond, args, 'id ASC', page, perPage);
  }

  /** A page of customers for Syncro's list filters. */
  listCustomers(filter: CustomerFilter, page: number, perPage: number): RowPage {
    const q = customerQuery(filter);
    return this.page('customers', q.where, q.args, q.order, page, perPage);
  }

  private page(table: TableName, where: string, args: unknown[], order: string, page: number, perPage: number): RowPage {
    const total = (this.stmt(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;
    const sql = `SELECT id, created_ms, updated_ms, data FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
    const rows = (this.stmt(sql).all(...args, perPage, (page - 1) * perPage) as RawRow[]).map(toRow);
    return { rows, total };
  }

  /** Contacts of each customer, by id ascending. */
  contactsOf(customerIds: readonly number[]): Map<number, StoredRow[]> {
    const out = new Map<number, StoredRow[]>(customerIds.map((id) => [id, []]));
    if (customerIds.length === 0) return out;
    const sql =
      'SELECT id, created_ms, updated_ms, data, customer_id FROM contacts WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY id';
    for (const r of this.stmt(sql).all(JSON.stringify(customerIds)) as (RawRow & { customer_id: number })[]) {
      out.get(r.customer_id)?.push(toRow(r));
    }
    return out;
  }

  /** Id of a customer (other than `exceptId`) whose lower-cased email is `emailLc`. */
  customerIdByEmail(emailLc: string, exceptId?: number): number | undefined {
    const r = this.stmt('SELECT id FROM customers WHERE email_lc = ? AND id IS NOT ? LIMIT 1').get(emailLc, exceptId ?? null) as
      { id: number } | undefined;
    return r?.id;
  }

  /** Every row of a table by id ascending. */
  all(table: TableName): StoredRow[] {
    return (this.stmt(`SELECT id, created_ms, updated_ms, data FROM ${table} ORDER BY id`).all() as RawRow[]).map(toRow);
  }

  counts(): Record<TableName, number> {
    const out = {} as Record<TableName, number>;
    for (const t of TABLES) out[t] = (this.stmt(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return out;
  }

  isEmpty(): boolean {
    return TABLES.every((t) => this.stmt(`SELECT 1 FROM ${t} LIMIT 1`).get() === undefined);
  }

  /** Deletes everything and restarts ids at 1. */
  reset(): void {
    this.transaction(() => {
      for (const t of TABLES) this.db.exec(`DELETE FROM ${t}`);
      this.db.exec('DELETE FROM sqlite_sequence');
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
