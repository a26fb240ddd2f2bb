/**
 * The scene the variant tests play on: two records of one practice (a merge
 * cluster), two unrelated firms that own tickets, assets and invoices (what a
 * merge must never move), contacts, and what a run left behind, by owner.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SandboxSeed } from '../../src/sandbox/types.js';
import type { SandboxVariants } from '../../src/sandbox/variants.js';
import type { dump } from '../helpers/target.js';
import { sandbox } from '../helpers/target.js';

export const MAIN = 1;
export const DUP = 2;
export const OTHER = 3;
export const THIRD = 4;

export const SEED: SandboxSeed = {
  customers: [
    {
      id: MAIN,
      business_name: 'Harbor View Dental',
      email: 'office@harborviewdental.com',
      phone: '(503) 555-0142',
      address: '1420 Harbor View Dr',
      city: 'Portland',
      state: 'OR',
      zip: '97209',
      notes: 'Main office',
      contacts: [
        { name: 'Margaret Chen', email: 'mchen@harborviewdental.com' },
        { name: 'Raj Patel', email: 'raj@harborviewdental.com' },
      ],
    },
    {
      id: DUP,
      business_name: 'Harborview Dental LLC',
      email: 'billing@harborviewdental.com',
      phone: '503-555-0142',
      address: '1420 Harbor View Drive',
      city: 'Portland',
      state: 'OR',
      zip: '97209',
      mobile: '(503) 555-0199',
      contacts: [{ name: 'Lena Ford', email: 'lena@harborviewdental.com' }],
    },
    {
      id: OTHER,
      business_name: 'Okafor & Partners Law',
      email: 'it@okaforlaw.com',
      phone: '(206) 555-0133',
      city: 'Seattle',
      state: 'WA',
      contacts: [{ name: 'Jim Park', email: 'jim.park@okaforlaw.com', title: 'Partner' }],
    },
    {
      id: THIRD,
      business_name: 'Becker Heating & Cooling',
      email: 'tom@beckerhvac.com',
      phone: '(614) 555-0175',
      city: 'Columbus',
      state: 'OH',
      contacts: [{ name: 'Tom Becker', email: 'tom@beckerhvac.com' }],
    },
  ],
  tickets: [
    { customer_index: 0, contact_index: 0, subject: 'Printer jam' },
    { customer_index: 1, contact_index: 0, subject: 'Invoice question' },
    { customer_index: 2, subject: 'VPN' },
    { customer_index: 3, subject: 'Thermostat app' },
  ],
  assets: [
    { customer_index: 0, name: 'Front desk PC', asset_type: 'Desktop' },
    { customer_index: 1, name: 'Billing laptop', asset_type: 'Laptop' },
    { customer_index: 2, name: 'Law server', asset_type: 'Server' },
  ],
  invoices: [
    { customer_index: 1, number: '1001' },
    { customer_index: 2, number: '1002' },
    { customer_index: 2, number: '1003' },
    { customer_index: 3, number: '1004' },
  ],
};

export async function variantSandbox(variants: SandboxVariants, seed: SandboxSeed = SEED): Promise<RunningSandbox> {
  const sb = await sandbox({ seed });
  sb.setVariants(variants);
  return sb;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'syncro-etl-variants-'));
}

export type State = Awaited<ReturnType<typeof dump>>;
type Linked = 'tickets' | 'assets' | 'invoices' | 'contacts';
export const LINKED: readonly Linked[] = ['tickets', 'assets', 'invoices', 'contacts'];

/** "tickets#3" → owning customer id, for every linked record and contact. */
export function owners(state: State): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const key of LINKED) for (const r of state[key]) out.set(`${key}#${String(r.id)}`, r.customer_id);
  return out;
}

/** Records whose owner changed between two states, as "tickets#3: 2 → 1". */
export function moved(before: State, after: State): string[] {
  const a = owners(after);
  return [...owners(before)].filter(([k, v]) => a.has(k) && a.get(k) !== v).map(([k, v]) => `${k}: ${String(v)} → ${String(a.get(k))}`);
}
