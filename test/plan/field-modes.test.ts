/**
 * Per-field overrides: a template's `fieldModes` and `--field-mode` change
 * what an update writes; the command line wins over the template.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFieldModes } from '../../src/cli/import-flow.js';
import type { OperationOf } from '../../src/plan/schema.js';
import { planImport } from '../../src/run/import.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SyncroClient } from '../../src/syncro/client.js';
import { clientFor, sandbox } from '../helpers/target.js';

let sb: RunningSandbox;
let client: SyncroClient;
let dir: string;
beforeEach(async () => {
  sb = await sandbox();
  client = clientFor(sb);
  dir = mkdtempSync(join(tmpdir(), 'syncro-etl-modes-'));
  await client.createCustomer({ business_name: 'Acme', email: 'ops@acme.example', city: 'Austin', notes: 'Keep me' });
  writeFileSync(join(dir, 'in.csv'), 'business_name,email,city,notes\r\nAcme,ops@acme.example,Dallas,New note\r\n');
  const template = JSON.parse(readFileSync('templates/syncro.json', 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'mine.json'), JSON.stringify({ ...template, name: 'mine', fieldModes: { notes: 'never', city: 'fill' } }));
});
afterEach(async () => {
  await sb.close();
});

const updateOf = async (plan: Partial<Parameters<typeof planImport>[0]['plan']>, templatePath?: string) => {
  const { plan: p } = await planImport({
    files: [join(dir, 'in.csv')],
    load: templatePath ? { template: templatePath } : { template: 'syncro' },
    plan,
    client,
    target: { baseUrl: 'x', sandbox: true },
    cwd: dir,
  });
  return p.operations.find((o) => o.kind === 'update-customer') as OperationOf<'update-customer'> | undefined;
};

describe('field modes', () => {
  it("without overrides, overwrite writes both fields; Syncro's notes are kept, the file's line added under them", async () => {
    expect((await updateOf({}))?.payload).toEqual({ city: 'Dallas', notes: 'Keep me\nNew note' });
  });

  it("a template's fieldModes hold fields back", async () => {
    const op = await updateOf({}, join(dir, 'mine.json'));
    expect(op).toBeUndefined(); // notes never, city only when blank: nothing to write
  });

  it('--field-mode wins over the template', async () => {
    const op = await updateOf({ fields: parseFieldModes(['city=overwrite']) }, join(dir, 'mine.json'));
    expect(op?.payload).toEqual({ city: 'Dallas' });
    expect(op?.held.map((h) => h.field)).toEqual(['notes']);
  });

  it('a malformed --field-mode is a usage error', () => {
    expect(() => parseFieldModes(['city=sometimes'])).toThrow(/FIELD=fill\|overwrite\|never/);
  });
});
