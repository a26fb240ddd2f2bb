/**
 * Apply's checks before the first write, on the writes not yet begun: creates
 * against what is in Syncro now (create-check.ts), updates and merges
 * against their before-images (stale.ts). Both read through one FreshReads,
 * so a listing serves both: customers once, contacts once.
 */
import type { Operation } from '../plan/schema.js';
import type { SyncroClient } from '../syncro/client.js';
import { checkContactCreates, checkCustomerCreates, contactCheckNeeds } from './create-check.js';
import type { CreateFinding, OwnRecords } from './create-check.js';
import { FreshReads } from './fresh-reads.js';
import type { KnownSizes } from './fresh-reads.js';
import { checkStale, staleContactOwners } from './stale.js';

export interface Preflight {
  /** op id → why the records it changes are not what the plan saw. */
  stale: Map<string, string>;
  /** op id → what a create found already in Syncro. */
  creates: Map<string, CreateFinding>;
  /** Read requests the checks sent. */
  requests: number;
  /** Contact creates whose email was not looked for under other customers (listing every contact cost too much). */
  emailsNotChecked: number;
}

export async function preflight(
  ops: Operation[],
  client: SyncroClient,
  known: KnownSizes,
  country: string,
  own: OwnRecords,
): Promise<Preflight> {
  const reads = new FreshReads(client, known);
  const customerFindings = await checkCustomerCreates(ops, reads, country, own);
  const needs = contactCheckNeeds(ops, customerFindings);
  await reads.loadContacts([...new Set([...staleContactOwners(ops), ...needs.owners])], needs.withEmail);
  const contacts = checkContactCreates(ops, reads, country, own, customerFindings);
  const stale = await checkStale(ops, reads);
  return {
    stale,
    creates: new Map([...customerFindings, ...contacts.findings]),
    requests: reads.requests,
    emailsNotChecked: contacts.emailsNotChecked,
  };
}
