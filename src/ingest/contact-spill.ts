/**
 * The contacts of an import, kept on disk while the file is read and planned,
 * so memory grows with the customers, not with the rows (a million-row
 * export is a million contacts under a quarter of a million customers).
 * Each contact is stored under its customer's number (the order the reader
 * met the customers in) and handed back per customer, in the order read.
 *
 * SQLite (better-sqlite3, already the journal's store) in a temporary
 * folder of its own: an index on the customer number makes handing back any
 * customer's contacts one look-up, whatever order the rows came in. Nothing
 * here is durable: a crash loses only the temporary file, and `close`
 * removes it; a folder left by a killed process is removed by the next
 * import (its name holds the process id).
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContactRecord } from '../model/records.js';
import type { ContactStore } from '../plan/record-list.js';
import { companyDomain } from '../plan/company-evidence.js';
import { emailKey } from '../plan/snapshot-index.js';

/** owner, email, key, domain, record (JSON). */
type Row = [number, string, string, string, string];

/** The temporary folders' names: the prefix, the process id, a random part. */
const PREFIX = 'syncro-etl-contacts-';

/** Removes the folders in `parent` left by processes that are gone (killed midway: no `close` ran). */
function removeStale(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^syncro-etl-contacts-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process: leave its folder
  }
}

/** Customers whose contacts are read in one go (see `take`). */
const WINDOW = 2_000;

const parseContact = (json: string): ContactRecord => JSON.parse(json) as ContactRecord;

/** Contacts inserted per transaction (a transaction per row would cost a commit each). */
const BATCH = 5_000;

export class ContactSpill implements ContactStore {
  private readonly dir: string;
  private readonly db: Db;
  private readonly insert: Statement<Row>;
  private one: Statement<[number], string> | undefined;
  private range: Statement<[number, number], [number, string]> | undefined;
  /** The customers whose contacts were read ahead: [start, end), their records' JSON, those taken. */
  private window: { start: number; end: number; rows: Map<number, string[]>; taken: Set<number> } = {
    start: 0,
    end: 0,
    rows: new Map(),
    taken: new Set(),
  };
  /** Contacts inserted in the transaction open now (none open: 0). */
  private inBatch = 0;
  private stored = 0;
  private closed = false;

  /** `parent`: where the temporary folder goes (default the system's temporary folder). */
  constructor(parent = tmpdir()) {
    removeStale(parent);
    this.dir = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
    this.db = new Database(join(this.dir, 'contacts.db'));
    // A scratch file: no journal, no fsync (a crash loses nothing the input does not still hold).
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    // Little cache (the contacts are read back once each, in order) and sorting on disk: memory stays small.
    this.db.pragma('cache_size = -4000');
    this.db.pragma('temp_store = FILE');
    // email: lower-cased; domain: its company domain ('' for none or free mail), what folding reads of contacts.
    // key: the email as the planner compares contacts (emailKey), '' for none.
    this.db.exec(
      'CREATE TABLE contact (owner INTEGER NOT NULL, email TEXT NOT NULL, key TEXT NOT NULL, domain TEXT NOT NULL, record TEXT NOT NULL)',
    );
    this.insert = this.db.prepare('INSERT INTO contact (owner, email, key, domain, record) VALUES (?, ?, ?, ?, ?)');
  }

  /** How many contacts were stored. */
  get size(): number {
    return this.stored;
  }

  /** Keeps `contact` under customer number `owner`. */
  add(owner: number, contact: ContactRecord): void {
    if (this.one) throw new Error('ContactSpill: contacts are added before any is taken');
    const email = (contact.contact.email ?? '').trim().toLowerCase();
    // Inserted at once, inside a transaction of BATCH contacts: nothing waits in memory for its batch
    // (a batch held as rows outlived the young generation and cost the collector copies).
    if (this.inBatch === 0) this.db.exec('BEGIN');
    this.insert.run(owner, email, emailKey(contact.contact.email) ?? '', companyDomain(email), JSON.stringify(contact));
    this.stored++;
    if (++this.inBatch >= BATCH) this.flush();
  }

  /**
   * What in-file folding reads of each customer's contacts, without holding
   * them all: one email per company domain (the domains are evidence), and
   * every email that is some customer's own (`ownEmails`, lower-cased: the
   * same-mailbox rule). Per customer number, in no particular order.
   */
  evidenceEmails(ownEmails: Iterable<string>): Map<number, string[]> {
    this.flush();
    const out = new Map<number, string[]>();
    const add = (owner: number, email: string): void => {
      const list = out.get(owner);
      if (!list) out.set(owner, [email]);
      else if (!list.includes(email)) list.push(email);
    };
    const byDomain = this.db.prepare<[], [number, string]>(
      "SELECT owner, MIN(email) FROM contact WHERE domain <> '' GROUP BY owner, domain",
    );
    for (const [owner, email] of byDomain.raw().iterate()) add(owner, email);
    this.db.exec('CREATE TEMP TABLE own (email TEXT PRIMARY KEY) WITHOUT ROWID');
    const insertOwn = this.db.prepare<[string]>('INSERT OR IGNORE INTO own (email) VALUES (?)');
    this.db.transaction(() => {
      for (const e of ownEmails) insertOwn.run(e);
    })();
    const mailbox = this.db.prepare<[], [number, string]>('SELECT DISTINCT owner, email FROM contact JOIN own USING (email)');
    for (const [owner, email] of mailbox.raw().iterate()) add(owner, email);
    this.db.exec('DROP TABLE own');
    return out;
  }

  /** Contact emails (emailKey) stored under more than one customer number, with those numbers. */
  sharedEmails(): Map<string, number[]> {
    this.flush();
    const out = new Map<string, number[]>();
    const rows = this.db.prepare<[], [string, number]>(
      "SELECT key, owner FROM contact WHERE key IN (SELECT key FROM contact WHERE key <> '' GROUP BY key HAVING COUNT(DISTINCT owner) > 1) GROUP BY key, owner",
    );
    for (const [key, owner] of rows.raw().iterate()) {
      const list = out.get(key);
      if (list) list.push(owner);
      else out.set(key, [owner]);
    }
    return out;
  }

  /**
   * The contacts stored under `owner`, in the order they were added; each
   * owner is taken once. The planner takes them in customer order, so they
   * are read a window of WINDOW customers at a time (one query, not one per
   * customer); an owner out of that order is one query of its own.
   */
  take(owner: number): ContactRecord[] {
    if (!this.one) {
      this.flush();
      this.db.exec('CREATE INDEX contact_owner ON contact (owner)');
      this.one = this.db.prepare<[number], string>('SELECT record FROM contact WHERE owner = ? ORDER BY rowid').pluck();
      this.range = this.db.prepare<[number, number], [number, string]>(
        'SELECT owner, record FROM contact WHERE owner >= ? AND owner < ? ORDER BY owner, rowid',
      );
    }
    const w = this.window;
    if (owner >= w.end && owner < w.end + WINDOW) this.load(owner);
    else if (owner < w.start || owner >= w.end) return this.one.all(owner).map(parseContact);
    if (this.window.taken.has(owner)) throw new Error(`ContactSpill: the contacts of customer ${owner} were taken already`);
    this.window.taken.add(owner);
    const texts = this.window.rows.get(owner);
    this.window.rows.delete(owner);
    return texts ? texts.map(parseContact) : [];
  }

  private load(start: number): void {
    const rows = new Map<number, string[]>();
    for (const [owner, json] of this.range!.raw().iterate(start, start + WINDOW)) {
      const list = rows.get(owner);
      if (list) list.push(json);
      else rows.set(owner, [json]);
    }
    this.window = { start, end: start + WINDOW, rows, taken: new Set() };
  }

  /** Closes the store and removes its temporary folder (safe to call twice). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Commits the open transaction, if any. */
  private flush(): void {
    if (this.inBatch === 0) return;
    this.inBatch = 0;
    this.db.exec('COMMIT');
  }
}
