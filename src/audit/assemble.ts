/**
 * Assembles the audit's merge plan: pure and deterministic. Duplicate
 * customer clusters become merge-customers operations; duplicate contacts
 * under one customer become merge-contacts; the same person under several
 * customers becomes a conflict for a person to decide (never merged blindly).
 */
import { CONTACT_FIELDS, CUSTOMER_FIELDS } from '../model/fields.js';
import { OperationIds } from '../plan/ids.js';
import { PLAN_KIND, PLAN_VERSION } from '../plan/schema.js';
import type { Evidence, LinkedMove, MergeMember, Operation, Plan } from '../plan/schema.js';
import { contactLabel, customerLabel, SnapshotIndex } from '../plan/snapshot-index.js';
import { summarize } from '../plan/summary.js';
import type { Snapshot } from '../syncro/snapshot.js';
import { snapshotDigest } from '../syncro/snapshot.js';
import type { SyncroAsset, SyncroContact, SyncroCustomer, SyncroInvoice, SyncroTicket } from '../syncro/types.js';
import { mergeFields, rankMembers } from './survivorship.js';
import type { Candidate, SurvivorshipOptions } from './survivorship.js';

export interface FoundCluster {
  members: number[];
  evidence: Evidence;
}

export interface LinkedRecords {
  tickets: SyncroTicket[];
  customer_assets: SyncroAsset[];
  invoices: SyncroInvoice[];
}

export interface AuditPlanInput {
  snapshot: Snapshot;
  customerClusters: FoundCluster[];
  contactClusters: FoundCluster[];
  /** Tickets, assets and invoices of every customer that sits in a cluster (or owns a contact cluster). */
  linked: Map<number, LinkedRecords>;
  survivorship: SurvivorshipOptions;
  finally: 'delete' | 'disable';
  rateLimit: number;
  target: Plan['target'];
  inputs?: Plan['inputs'];
}

const CUSTOMER_MERGE_FIELDS = CUSTOMER_FIELDS.filter((f) => f !== 'disabled');
const CONTACT_MERGE_FIELDS = CONTACT_FIELDS.filter((f) => f !== 'customer_id');
const EMPTY: LinkedRecords = { tickets: [], customer_assets: [], invoices: [] };

const plain = (r: object) => {
  const { contacts: _c, ...rest } = r as Record<string, unknown>;
  return rest;
};

export function assembleAuditPlan(input: AuditPlanInput): Plan {
  const index = new SnapshotIndex(input.snapshot);
  const ids = new OperationIds();
  const ops: Operation[] = [];

  for (const cluster of sortClusters(input.customerClusters)) {
    const customers = cluster.members.map((id) => index.customersById.get(id)).filter((c): c is SyncroCustomer => Boolean(c));
    if (customers.length < 2) continue;
    const linkedOf = (id: number) => input.linked.get(id) ?? EMPTY;
    const members: MergeMember[] = customers.map((c) => ({
      id: c.id,
      label: customerLabel(c),
      before: plain(c),
      linked: {
        contacts: index.contactsOf(c.id).length,
        tickets: linkedOf(c.id).tickets.length,
        customer_assets: linkedOf(c.id).customer_assets.length,
        invoices: linkedOf(c.id).invoices.length,
      },
    }));
    const candidates: Candidate[] = members.map((m) => ({
      id: m.id,
      label: m.label,
      record: m.before,
      linked: Object.values(m.linked).reduce((a, b) => a + b, 0),
    }));
    const { ranked, reason } = rankMembers(candidates, CUSTOMER_MERGE_FIELDS, input.survivorship);
    const moves: LinkedMove[] = [];
    for (const c of customers) {
      for (const k of index.contactsOf(c.id)) moves.push({ resource: 'contacts', id: k.id, before: plain(k) });
      for (const resource of ['tickets', 'customer_assets', 'invoices'] as const)
        for (const r of linkedOf(c.id)[resource]) moves.push({ resource, id: r.id, before: plain(r) });
    }
    const sources = customers.map((c) => ({ file: 'syncro:customers', row: c.id }));
    ops.push({
      kind: 'merge-customers',
      id: ids.next('merge-customers', sources, cluster.members.join(',')),
      sources,
      dependsOn: [],
      label: `Merge ${ranked.map((c) => `${c.label} (#${c.id})`).join(' + ')}`,
      survivorId: ranked[0]!.id,
      members,
      moves,
      merged: alternatives(ranked, CUSTOMER_MERGE_FIELDS, input.survivorship),
      finally: input.finally,
      survivorReason: reason,
      evidence: cluster.evidence,
    });
  }

  for (const cluster of sortClusters(input.contactClusters)) {
    const contacts = cluster.members.map((id) => index.contactsById.get(id)).filter((k): k is SyncroContact => Boolean(k));
    if (contacts.length < 2) continue;
    const sources = contacts.map((k) => ({ file: 'syncro:contacts', row: k.id }));
    const owners = [...new Set(contacts.map((k) => k.customer_id))];
    if (owners.length > 1) {
      ops.push({
        kind: 'conflict',
        id: ids.next('conflict', sources, cluster.members.join(',')),
        sources,
        dependsOn: [],
        label: `Contact ${contactLabel(contacts[0]!)} under ${owners.length} customers`,
        entity: 'contact',
        reason: `the same person appears under ${owners.length} customers (${owners.map((o) => `#${o} ${customerLabel(index.customersById.get(o) ?? { id: o })}`).join(', ')}); contacts across customers are not merged blindly: decide, or merge the customers first`,
        payload: {},
        contacts: [],
        candidates: contacts.map((k) => ({
          id: k.id,
          label: `${contactLabel(k)} (customer #${k.customer_id})`,
          evidence: cluster.evidence,
        })),
      });
      continue;
    }
    const customerId = owners[0]!;
    const tickets = (input.linked.get(customerId) ?? EMPTY).tickets;
    const members: MergeMember[] = contacts.map((k) => ({
      id: k.id,
      label: contactLabel(k),
      before: { ...plain(k), title: k.properties?.title ?? null },
      linked: { tickets: tickets.filter((t) => t.contact_id === k.id).length },
    }));
    const candidates: Candidate[] = members.map((m) => ({ id: m.id, label: m.label, record: m.before, linked: m.linked.tickets ?? 0 }));
    const { ranked, reason } = rankMembers(candidates, CONTACT_MERGE_FIELDS, input.survivorship);
    const memberIds = new Set(cluster.members);
    ops.push({
      kind: 'merge-contacts',
      id: ids.next('merge-contacts', sources, cluster.members.join(',')),
      sources,
      dependsOn: [],
      label: `Merge contacts ${ranked.map((c) => `${c.label} (#${c.id})`).join(' + ')} of ${customerLabel(index.customersById.get(customerId) ?? { id: customerId })}`,
      customerId,
      survivorId: ranked[0]!.id,
      members,
      moves: tickets
        .filter((t) => t.contact_id !== null && memberIds.has(t.contact_id))
        .map((t) => ({ resource: 'tickets' as const, id: t.id, before: plain(t) })),
      merged: alternatives(ranked, CONTACT_MERGE_FIELDS, input.survivorship),
      survivorReason: reason,
      evidence: cluster.evidence,
    });
  }

  return {
    kind: PLAN_KIND,
    version: PLAN_VERSION,
    command: 'audit',
    target: input.target,
    inputs: input.inputs ?? [],
    options: {
      survivor: input.survivorship.rules,
      fieldRules: input.survivorship.fields,
      finally: input.finally,
      rateLimit: input.rateLimit,
    },
    snapshot: {
      sha256: snapshotDigest(input.snapshot),
      customers: input.snapshot.customers.length,
      contacts: input.snapshot.contacts.length,
      ...(input.snapshot.vendorContacts ? { vendorContacts: input.snapshot.vendorContacts } : {}),
    },
    summary: summarize(ops, input.rateLimit, index),
    operations: ops,
  };
}

/** The merged fields for every choice of survivor: the proposal first, then each other member. */
function alternatives(ranked: Candidate[], fields: readonly string[], options: SurvivorshipOptions) {
  return ranked.map((_, i) => {
    const order = [ranked[i]!, ...ranked.filter((_, j) => j !== i)];
    return { survivorId: order[0]!.id, ...mergeFields(order, fields, options) };
  });
}

function sortClusters(clusters: FoundCluster[]): FoundCluster[] {
  return clusters.map((c) => ({ ...c, members: [...c.members].sort((a, b) => a - b) })).sort((a, b) => a.members[0]! - b.members[0]!);
}
