/** Export tests: a seeded sandbox, a client on it, and a scratch folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { seedStore } from '../../src/sandbox/seed.js';
import type { SandboxSeed } from '../../src/sandbox/types.js';
import type { SyncroClient } from '../../src/syncro/client.js';
import { clientFor, sandbox } from '../helpers/target.js';

export interface Seeded {
  sb: RunningSandbox;
  client: SyncroClient;
  dir: string;
  close(): Promise<void>;
}

/** A sandbox holding `seed`, a client on it and an empty scratch folder. */
export async function seeded(seed: SandboxSeed): Promise<Seeded> {
  const sb = await sandbox();
  seedStore(sb.store, seed);
  const client = clientFor(sb);
  const dir = mkdtempSync(join(tmpdir(), 'syncro-etl-export-test-'));
  return {
    sb,
    client,
    dir,
    async close() {
      await client.http.limiter.close();
      await sb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Texts that spreadsheets would run as formulas. */
export const INJECTIONS = ['=1+1', '+1 555 0100', '-2', '@SUM(A1)', '\tx'] as const;

/** A small tenant with the awkward values the export must keep. */
export const SMALL_SEED: SandboxSeed = {
  customers: [
    {
      business_name: 'Harbor View Dental',
      firstname: 'Margaret',
      lastname: 'Chen',
      email: 'mchen@harborviewdental.com',
      phone: '+1 555 0100',
      mobile: '(503) 555-0187',
      address: '1420 Harbor View Dr',
      address_2: 'Suite 200',
      city: 'Boston',
      state: 'MA',
      zip: '02134',
      notes: 'Line one, with comma\nLine "two"',
      get_sms: true,
      properties: { Contract: 'Managed Gold', 'Customer Type': 'Business' },
      created_at: '2024-03-05T15:14:24.066+02:00',
      updated_at: '2024-03-06T10:00:00.000+02:00',
      contacts: [
        { name: 'Ann Lee', title: 'Office Manager', email: 'ann@harborviewdental.com', phone: '=1+1', zip: '02134' },
        { name: 'Bob Ray', email: 'bob@harborviewdental.com', properties: { Shift: 'Night' } },
      ],
    },
    {
      business_name: 'Okafor & Partners, Law',
      firstname: 'Daniel',
      lastname: 'Okafor',
      email: 'dokafor@okaforlaw.com',
      notes: '@SUM(A1)',
      referred_by: '-2',
      city: '\tx',
      properties: { Tier: '2' },
      contacts: [{ name: 'Cara Diaz', email: 'cara@okaforlaw.com' }],
    },
    {
      business_name: 'Closed Shop Ltd',
      email: 'old@closed.example',
      disabled: true,
      contacts: [{ name: 'Gone Person', email: 'gone@closed.example' }],
    },
  ],
};
