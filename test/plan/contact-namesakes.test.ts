/**
 * One person under one customer, written with two emails (an old and a new
 * address), is not created twice unseen: `dedupe --entity contacts` calls
 * them one person, so import holds the later for a decision, in the file
 * and against the contacts Syncro already has.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opsOf, planFile } from '../helpers/plan-file.js';
import { afterAll, describe, expect, it } from 'vitest';
import { matcherInFile } from '../../src/plan/matcher-linker.js';
import type { Plan } from '../../src/plan/schema.js';
import { OperationSchema } from '../../src/plan/schema.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import { existingContact, existingCustomer, snap } from '../helpers/records.js';

const dir = mkdtempSync(join(tmpdir(), 'namesakes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function planOf(lines: string[], snapshot: Snapshot = snap([])): Promise<Plan> {
  const file = join(dir, `n${++n}.csv`);
  writeFileSync(file, ['Company,First Name,Last Name,Email', ...lines].join('\n') + '\n');
  return planFile(file, { snapshot, inFile: matcherInFile() });
}
const ops = opsOf;

describe('the same name under one customer with another email', () => {
  it('in the file: the first is created, the later held naming it; another person is created', async () => {
    const p = await planOf([
      'Acme Ltd,Ann,Lee,ann@acme.example',
      'Acme Ltd,Ann,Lee,ann.lee@acme.example',
      'Acme Ltd,Bo,Chan,bo@acme.example',
    ]);
    const created = ops(p, 'create-contact');
    expect(created.map((c) => c.payload.email)).toEqual(['ann@acme.example', 'bo@acme.example']);
    const [held] = ops(p, 'conflict');
    expect(held).toMatchObject({ entity: 'contact', payload: { email: 'ann.lee@acme.example' }, alike: { op: created[0]!.id } });
    expect(held?.reason).toMatch(/may be the same person as Contact Ann Lee .*ann@acme\.example \/ ann\.lee@acme\.example/);
    expect(held?.customer).toEqual(created[0]!.customer);
    expect(() => OperationSchema.parse(held)).not.toThrow();
  });

  it('the same name and email twice is one contact, as before; no email on one side joins it', async () => {
    const p = await planOf(['Acme Ltd,Ann,Lee,ann@acme.example', 'Acme Ltd,Ann,Lee,ANN@acme.example', 'Acme Ltd,Ann,Lee,']);
    expect(ops(p, 'create-contact')).toHaveLength(1);
    expect(ops(p, 'conflict')).toHaveLength(0);
  });

  it('against Syncro: a namesake under the matched customer at another address is a conflict offering that contact', async () => {
    const acme = existingCustomer(5, { business_name: 'Acme Ltd' });
    const ann = existingContact(51, 5, { name: 'Ann Lee', email: 'ann@acme.example' });
    const p = await planOf(['Acme Ltd,Ann,Lee,ann.lee@acme.example'], snap([acme], [ann]));
    expect(ops(p, 'create-contact')).toHaveLength(0);
    const [held] = ops(p, 'conflict');
    expect(held?.candidates.map((c) => c.id)).toEqual([51]);
    expect(held?.reason).toMatch(/already has a contact named "Ann Lee" with another email \(ann@acme\.example\)/);
  });
});
