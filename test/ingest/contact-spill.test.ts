/**
 * An import's records kept as text (RecordShelf) and its contacts on disk
 * (ContactSpill) while it is read and planned: the plan is the same
 * operation for operation as when every record is held in memory,
 * on MSP-shaped files with their Syncro snapshot (folding, branches, the
 * matcher) and on every shipped fixture; the records hold no contacts;
 * the store is gone once closed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContactSpill } from '../../src/ingest/contact-spill.js';
import { loadRecords } from '../../src/ingest/load.js';
import { RecordShelf } from '../../src/ingest/record-shelf.js';
import type { LoadOptions } from '../../src/ingest/load.js';
import { assembleImportPlan } from '../../src/plan/assemble.js';
import { matcherLinker } from '../../src/plan/matcher-linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/options.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import { generateMspData, writeMspCsv } from '../helpers/msp-data.js';

const EMPTY: Snapshot = { takenAt: '2026-01-01T00:00:00.000Z', customers: [], contacts: [] };

async function bothWays(files: string[], snapshot: Snapshot, load: LoadOptions = {}) {
  const plan = async (spill?: ContactSpill) => {
    const shelf = spill ? new RecordShelf() : undefined;
    const loaded = await loadRecords(files, { ...load, ...(spill && shelf ? { spillContacts: spill, shelf } : {}) });
    if (spill && shelf) {
      expect(loaded.customers).toEqual([]);
      expect(shelf.length).toBe(loaded.totals.customers);
      for (let i = 0; i < shelf.length; i++) expect(shelf.at(i).contacts).toEqual([]);
      expect(spill.size).toBe(loaded.totals.contacts);
    }
    return assembleImportPlan({
      records: shelf ?? loaded.customers,
      issues: loaded.issues,
      snapshot,
      inputs: [],
      target: { baseUrl: 'local sandbox', sandbox: true },
      options: { ...DEFAULT_PLAN_OPTIONS },
      linker: matcherLinker(),
      ...(spill ? { contactStore: spill } : {}),
    });
  };
  const held = await plan();
  const spill = new ContactSpill();
  try {
    return { held, spilled: await plan(spill) };
  } finally {
    spill.close();
  }
}

describe('records kept as text and contacts on disk during an import', () => {
  it.each([3, 7, 16])('plans MSP-shaped seed %i exactly as with every contact held', async (seed) => {
    const data = generateMspData({ seed, customers: 120, companyIds: seed === 7 });
    const dir = mkdtempSync(join(tmpdir(), 'spill-msp-'));
    const file = join(dir, 'clients.csv');
    await writeMspCsv(file, data);
    const { held, spilled } = await bothWays([file], data.syncro.snapshot);
    expect(held.operations.some((o) => o.kind === 'create-contact' || o.kind === 'update-contact')).toBe(true);
    expect(held.operations.some((o) => 'folded' in o && o.folded)).toBe(true);
    expect(spilled).toEqual(held);
  });

  it('makes the same conflicts of a contact email under two customers of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spill-shared-'));
    const file = join(dir, 'clients.csv');
    writeFileSync(
      file,
      [
        'Company,City,Phone,Contact,Email',
        'Acme Plumbing - Denver,Denver,303-555-0100,Ann Lee,ann@acmeplumbing.com',
        'Acme Plumbing,Boston,617-555-0100,Ann Lee,ANN@acmeplumbing.com',
        'Acme Plumbing,Boston,617-555-0100,Bo Ray,bo@acmeplumbing.com',
      ].join('\n'),
    );
    const { held, spilled } = await bothWays([file], EMPTY, { template: 'generic' });
    expect(held.operations.filter((o) => o.kind === 'conflict' && o.entity === 'contact')).toHaveLength(2);
    expect(spilled).toEqual(held);
  });

  it('folds on what only the contacts say (their company domain) the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spill-domain-'));
    const file = join(dir, 'clients.csv');
    writeFileSync(
      file,
      [
        'Company,City,Contact,Email',
        'Fairview Chiropractic,Austin,Ann Lee,ann@fairviewchiro.com',
        'Faivriew Chiropractic,Austin,Bob Ray,bob@fairviewchiro.com',
        'Fairview Chiropractic,Denver,Cy Dunn,cy@otherchiro.com',
      ].join('\n'),
    );
    const { held, spilled } = await bothWays([file], EMPTY, { template: 'generic' });
    const folded = held.operations.flatMap((o) => (o.kind === 'create-customer' && o.folded ? [o] : []));
    expect(folded.map((o) => o.folded?.[0]?.evidence)).toEqual([expect.stringContaining('written another way')]);
    expect(spilled).toEqual(held);
  });

  it('plans the same when a customer’s rows are far apart (records written back as text and edited again)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spill-spread-'));
    const file = join(dir, 'contacts.csv');
    const companies = 700; // more than the records the shelf keeps as objects
    const lines = ['Company ID,Company Name,Phone Number,City,First Name,Last Name,Email'];
    for (let round = 0; round < 3; round++)
      for (let c = 0; c < companies; c++) {
        // The third round gives another phone for some: a conflict kept in the notes, with a warning.
        const phone = round === 2 && c % 7 === 0 ? `(503) 555-9${String(c).padStart(3, '0')}` : `(503) 555-${String(c).padStart(4, '0')}`;
        lines.push(`C${c},Company ${c} Inc,${phone},${round === 1 ? '' : 'Portland'},F${round}x${c},L${c},f${round}.${c}@co${c}.example`);
      }
    writeFileSync(file, lines.join('\r\n'));
    const { held, spilled } = await bothWays([file], EMPTY, { template: 'connectwise-manage' });
    const creates = held.operations.filter((o) => o.kind === 'create-customer');
    expect(creates).toHaveLength(companies);
    expect(held.operations.filter((o) => o.kind === 'create-contact')).toHaveLength(companies * 3);
    expect(creates.filter((o) => String(o.payload.notes ?? '').includes('Other phone'))).toHaveLength(100);
    expect(spilled).toEqual(held);
  });

  const fixtures = join(import.meta.dirname, '../../fixtures');
  const files = readdirSync(fixtures)
    .filter((d) => statSync(join(fixtures, d)).isDirectory())
    .flatMap((d) => readdirSync(join(fixtures, d)).map((f) => join(fixtures, d, f)))
    .filter((f) => /\.(csv|xlsx)$/i.test(f));

  it('covers the shipped fixtures', () => expect(files.length).toBeGreaterThan(5));

  it.each(files.map((f) => [f.slice(fixtures.length + 1), f]))('plans fixture %s the same', async (_name, file) => {
    let result;
    try {
      result = await bothWays([file], EMPTY);
    } catch (err) {
      // A fixture that cannot be read at all (a broken file on purpose) fails the same without the spill.
      await expect(loadRecords([file], { spillContacts: new ContactSpill() })).rejects.toThrow((err as Error).message);
      return;
    }
    expect(result.spilled).toEqual(result.held);
  });

  it('hands folding one email per company domain and the mailboxes that are a customer’s own', () => {
    const spill = new ContactSpill();
    try {
      const contact = (email: string) => ({ sources: [{ file: 'f.csv', row: 2 }], contact: { name: 'A', email } });
      spill.add(0, contact('ann@acme.com'));
      spill.add(0, contact('bob@acme.com'));
      spill.add(0, contact('Eve@Gmail.com'));
      spill.add(1, contact('front@beta.com'));
      spill.add(1, contact('carl@gmail.com'));
      const emails = spill.evidenceEmails(['carl@gmail.com']);
      expect(emails.get(0)).toEqual(['ann@acme.com']);
      expect([...(emails.get(1) ?? [])].sort()).toEqual(['carl@gmail.com', 'front@beta.com']);
      expect(spill.take(0).map((c) => c.contact.email)).toEqual(['ann@acme.com', 'bob@acme.com', 'Eve@Gmail.com']);
      expect(spill.take(2)).toEqual([]);
    } finally {
      spill.close();
    }
  });

  it('hands back each customer’s contacts, in order or not, across its read-ahead windows', () => {
    const spill = new ContactSpill();
    try {
      const owners = 5_000;
      const contact = (o: number, k: number) => ({ sources: [{ file: 'f.csv', row: o * 3 + k + 2 }], contact: { name: `P${o}.${k}` } });
      // Rows interleaved: customer o's contacts are far apart; every 7th customer has none.
      for (let k = 0; k < 3; k++) for (let o = 0; o < owners; o++) if (o % 7) spill.add(o, contact(o, k));
      const names = (o: number) => spill.take(o).map((c) => c.contact.name);
      const want = (o: number) => (o % 7 ? [0, 1, 2].map((k) => `P${o}.${k}`) : []);
      // Out of order first (a conflict planned early), then in order, as the planner does.
      expect(names(4_321)).toEqual(want(4_321));
      expect(names(2_500)).toEqual(want(2_500));
      for (let o = 0; o < owners; o++) if (o !== 4_321 && o !== 2_500) expect(names(o)).toEqual(want(o));
      expect(() => spill.take(4_999)).toThrow(/taken already/);
    } finally {
      spill.close();
    }
  });

  it('removes the folder a killed import left (its process is gone), never a live one’s', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'spill-stale-'));
    const child = spawn(process.execPath, ['-e', '0']);
    const dead = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
    mkdirSync(join(parent, `syncro-etl-contacts-${dead}-abc123`));
    mkdirSync(join(parent, `syncro-etl-contacts-${process.ppid}-def456`)); // a live process (this one's parent)
    mkdirSync(join(parent, 'unrelated'));
    const spill = new ContactSpill(parent);
    const left = readdirSync(parent).sort();
    spill.close();
    expect(left).toHaveLength(3);
    expect(left).toContain(`syncro-etl-contacts-${process.ppid}-def456`);
    expect(left).toContain('unrelated');
    expect(left).not.toContain(`syncro-etl-contacts-${dead}-abc123`);
  });

  it('removes its store when closed', () => {
    const parent = mkdtempSync(join(tmpdir(), 'spill-dir-'));
    const spill = new ContactSpill(parent);
    spill.add(0, { sources: [{ file: 'f.csv', row: 2 }], contact: { name: 'A' } });
    expect(readdirSync(parent)).toHaveLength(1);
    spill.close();
    spill.close();
    expect(readdirSync(parent)).toHaveLength(0);
    expect(existsSync(parent)).toBe(true);
  });
});
