/**
 * Finds the duplicate clusters of an audit with the matcher: customers
 * among customers; contacts among all contacts (their customer's name as
 * context, so colleagues are not taken for one person).
 */
import { findDuplicates, toMatchRecordFromContact, toMatchRecordFromCustomerWithContacts } from '../match/index.js';
import type { DuplicatesResult, MatchOptions } from '../match/index.js';
import type { Contact } from '../model/contact.js';
import { ACTION_THRESHOLDS, customerFromSyncro, evidenceOf } from '../plan/matcher-linker.js';
import type { Evidence } from '../plan/schema.js';
import type { Snapshot } from '../syncro/snapshot.js';
import type { FoundCluster } from './assemble.js';

export interface FoundDuplicates {
  customers: FoundCluster[];
  contacts: FoundCluster[];
  comparisons: number;
}

/** Clusters form only on confident pairs (ACTION_THRESHOLDS): a merge is proposed, and merges are hard to take back. */
export function findAuditClusters(snapshot: Snapshot, options: MatchOptions = {}): FoundDuplicates {
  options = { thresholds: ACTION_THRESHOLDS, ...options };
  // Each customer with its contacts' mail, as dedupe reads a file: two customers whose company domains have none
  // in common are never merged on their names and city (match/customer-domains.ts), which needs the domains.
  const asContacts = snapshot.contacts.map(contactFromSyncro); // once: the customers' records and the contacts' own read them
  const contactsOf = new Map<number, Contact[]>();
  snapshot.contacts.forEach((k, i) => {
    const list = contactsOf.get(k.customer_id);
    if (list) list.push(asContacts[i]!);
    else contactsOf.set(k.customer_id, [asContacts[i]!]);
  });
  const customers = findDuplicates(
    snapshot.customers.map((c) => toMatchRecordFromCustomerWithContacts(customerFromSyncro(c), contactsOf.get(c.id) ?? [], `c:${c.id}`)),
    { entity: 'customers', ...options },
  );
  const names = new Map(snapshot.customers.map((c) => [c.id, c.business_then_name]));
  const contacts = findDuplicates(
    snapshot.contacts.map((k, i) => toMatchRecordFromContact(asContacts[i]!, `k:${k.id}`, names.get(k.customer_id) ?? undefined)),
    { entity: 'contacts', ...options },
  );
  return {
    customers: toClusters(customers),
    contacts: toClusters(contacts),
    comparisons: customers.stats.comparisons + contacts.stats.comparisons,
  };
}

function contactFromSyncro(k: Snapshot['contacts'][number]): Contact {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(k)) if (v !== null && v !== undefined && typeof v !== 'object') out[key] = v;
  return out as Contact;
}

const idOf = (key: string) => Number(key.slice(2));

function toClusters(result: DuplicatesResult): FoundCluster[] {
  const pairByKey = new Map(result.pairs.map((p) => [[p.a, p.b].sort().join('|'), p]));
  return result.clusters
    .filter((c) => c.members.length > 1)
    .map((c) => {
      const others = c.members.filter((m) => m !== c.centre);
      const pairs = others.map((m) => pairByKey.get([c.centre, m].sort().join('|'))).filter((p) => p !== undefined);
      const weakest = [...pairs].sort((a, b) => a.score - b.score)[0];
      const evidence: Evidence = weakest
        ? {
            ...evidenceOf(weakest.explanation),
            text: pairs.map((p) => `#${idOf(p.a)}~#${idOf(p.b)}: ${evidenceOf(p.explanation).text}`).join(' | '),
          }
        : { rule: 'fuzzy', text: 'clustered by the matcher' };
      return { members: c.members.map(idOf), evidence };
    });
}
