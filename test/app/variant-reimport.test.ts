/**
 * Two open points of Syncro's API played by the sandbox: contact titles kept
 * top-level instead of in properties.title, and phones stored digits-only
 * (an extension folded into the digits). Importing the same file again after
 * applying it must plan nothing: no `title: (blank) → …` update, no phone
 * "change" from `503555017422` to `503.555.0174 x 22`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRun, openSyncro, planImport } from '../../src/app/index.js';
import type { SyncroConnection } from '../../src/app/index.js';
import { sameValue } from '../../src/plan/equivalence.js';
import { contactView } from '../../src/plan/snapshot-index.js';
import { startSandbox } from '../../src/sandbox/server.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SyncroContact } from '../../src/syncro/types.js';

let cwd: string;
let sandbox: RunningSandbox;
let syncro: SyncroConnection;

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-variant-'));
  sandbox = await startSandbox({ variants: { digitPhones: ['customers', 'contacts'], contactTitleTopLevel: true } });
  syncro = await openSyncro({ baseUrl: sandbox.url, apiKey: 'sandbox-key', rateLimit: 6000 });
});

afterAll(async () => {
  await syncro?.close();
  await sandbox?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('re-import after apply on an account with top-level titles and digit-only phones', () => {
  it('plans no update at all the second time', async () => {
    const file = join(cwd, 'clients.csv');
    writeFileSync(
      file,
      [
        'Company,Phone,First Name,Last Name,Email,Title,Contact Phone',
        'Acme Ltd,503.555.0174 x 22,Ann,Lee,ann@acme.example,Office Manager,(503) 555-0175 ext. 9',
        'Beta LLC,(212) 555-0199,Bo,Chan,bo@beta.example,Owner,212-555-0100',
      ].join('\n') + '\n',
    );
    const first = await planImport({ files: [file], syncro, cwd });
    await applyRun({ run: first.runDir, syncro, cwd });
    const again = await planImport({ files: [file], syncro, cwd });
    const writes = again.plan.operations.filter((o) => o.kind !== 'skip');
    expect(writes.map((o) => ('changes' in o ? `${o.label}: ${JSON.stringify(o.changes)}` : `${o.kind} ${o.label}`))).toEqual([]);
  });
});

describe('what the planner compares', () => {
  it('a phone stored as bare digits is the phone with every digit, extension included; another extension is another phone', () => {
    expect(sameValue('phone', '503.555.0174 x 22', '503555017422')).toBe(true);
    expect(sameValue('phone', '503555017422', '503.555.0174 x 22')).toBe(true);
    expect(sameValue('phone', '(503) 555-0174', '5035550174')).toBe(true);
    expect(sameValue('phone', '(503) 555-0174', '503.555.0174')).toBe(true);
    expect(sameValue('phone', '555-0100 x12', '555-0100')).toBe(false);
    expect(sameValue('phone', '503.555.0174 x 22', '503.555.0174 x 23')).toBe(false);
    expect(sameValue('phone', '503.555.0174 x 22', '503555017423')).toBe(false);
  });

  it('a contact title is read from properties.title, else a top-level title', () => {
    const base = { id: 1, customer_id: 1, properties: {} } as unknown as SyncroContact;
    expect(contactView({ ...base, title: 'Owner' } as SyncroContact).title).toBe('Owner');
    expect(contactView({ ...base, properties: { title: 'CFO' } }).title).toBe('CFO');
    expect(contactView(base).title).toBeNull();
  });
});
