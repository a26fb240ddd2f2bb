/**
 * Creates are re-checked before writing, as updates are (issue 14.2): a
 * record that is now in Syncro with the create's identity — another plan of
 * the same file applied first, an older run applied after a newer one, a
 * copied run folder, someone typing it in — turns the create into a conflict,
 * or into a skip when that record already holds exactly what the create
 * would write. Records this run created itself are not counted.
 */
import type { Operation, OperationOf } from '../plan/schema.js';
import { emailKey } from '../plan/snapshot-index.js';
import {
  contactsByEmail,
  CustomerKeyIndex,
  customerLookups,
  identicalContact,
  identicalCustomer,
  sameContactUnderCustomer,
  sameCustomer,
} from './create-identity.js';
import type { FreshReads, FreshRecord } from './fresh-reads.js';

export type CreateFinding =
  /** The record is there already, identical: nothing to create; dependents use it. */
  { kind: 'exists'; id: number; message: string } | { kind: 'conflict'; message: string };

/** Ids of the records this run created (from its journal): never evidence against its own creates. */
export interface OwnRecords {
  customers: ReadonlySet<number>;
  contacts: ReadonlySet<number>;
  /** Per op: records a person already weighed and chose to create beside (a conflict decided "create"). */
  weighed?: ReadonlyMap<string, ReadonlySet<number>>;
}

const ignored = (own: OwnRecords, resource: 'customers' | 'contacts', opId: string, id: number) =>
  own[resource].has(id) || (own.weighed?.get(opId)?.has(id) ?? false);

/** A conflict decided "create" is a create: checked the same way, beside the candidates the person saw. */
export function decidedCreate(op: OperationOf<'conflict'>): Operation | undefined {
  const base = { id: op.id, sources: op.sources, dependsOn: op.dependsOn, label: op.label, payload: op.payload };
  if (op.entity === 'customer') return { ...base, kind: 'create-customer' };
  return op.customer ? { ...base, kind: 'create-contact', customer: op.customer } : undefined;
}

type Rec = Record<string, unknown>;
const PLAN_AGAIN = 'not created; plan again to see it (it appeared in Syncro after this plan was made)';

/** Customer creates: one listing of every customer when that is no dearer than a filtered look-up per create. */
export async function checkCustomerCreates(
  ops: Operation[],
  reads: FreshReads,
  country: string,
  own: OwnRecords,
): Promise<Map<string, CreateFinding>> {
  const findings = new Map<string, CreateFinding>();
  const creates = ops.filter((op): op is OperationOf<'create-customer'> => op.kind === 'create-customer');
  if (creates.length === 0) return findings;
  const lookups = creates.map((op) => customerLookups(op.payload));
  const all = await reads.allCustomers(reads.lookupsIgnored ? Number.POSITIVE_INFINITY : lookups.reduce((n, l) => n + l.length, 0));
  let index = all ? new CustomerKeyIndex(all) : undefined;

  for (const [i, op] of creates.entries()) {
    // A look-up filter found ignored on the way: one full list from here on, not one per create.
    if (!index && reads.lookupsIgnored) index = new CustomerKeyIndex((await reads.allCustomers(Number.POSITIVE_INFINITY)) ?? []);
    const pool = index ? index.candidates(op.payload) : await lookUp(reads, lookups[i]!);
    const matches: Array<{ record: Rec & { id: number }; why: string }> = [];
    for (const record of pool as Array<Rec & { id: number }>) {
      if (ignored(own, 'customers', op.id, record.id)) continue;
      const why = sameCustomer(op.payload, record, country);
      if (why) matches.push({ record, why });
    }
    if (matches.length === 0) continue;
    const only = matches.length === 1 ? matches[0]! : undefined;
    if (only && identicalCustomer(op.payload, only.record, country)) {
      findings.set(op.id, {
        kind: 'exists',
        id: only.record.id,
        message: `already in Syncro as customer #${only.record.id} (${only.why}), identical: not created again`,
      });
    } else {
      const which = matches
        .map((m) => `#${m.record.id} (${m.why}${identicalCustomer(op.payload, m.record, country) ? '' : ', other values'})`)
        .join(', ');
      findings.set(op.id, { kind: 'conflict', message: `Syncro now has customer ${which}; ${PLAN_AGAIN}` });
    }
  }
  return findings;
}

async function lookUp(reads: FreshReads, queries: Array<Record<string, string>>): Promise<FreshRecord[]> {
  const byId = new Map<number, FreshRecord>();
  for (const q of queries) for (const c of await reads.customersWhere(q)) byId.set(c.id, c);
  return [...byId.values()];
}

/** The existing customer a contact create lands under: its own id, the record a customer create turned out to be, or none yet. */
function ownerOf(op: OperationOf<'create-contact'>, customers: Map<string, CreateFinding>): number | 'new' | 'blocked' {
  if ('id' in op.customer) return op.customer.id;
  const finding = customers.get(op.customer.op);
  if (!finding) return 'new';
  return finding.kind === 'exists' ? finding.id : 'blocked'; // a customer create in conflict: its contacts wait with it
}

/** What the contact check will read: the owners to list, and how many creates an account-wide email check would serve. */
export function contactCheckNeeds(ops: Operation[], customers: Map<string, CreateFinding>): { owners: number[]; withEmail: number } {
  const owners = new Set<number>();
  let withEmail = 0;
  for (const op of ops) {
    if (op.kind !== 'create-contact') continue;
    const owner = ownerOf(op, customers);
    if (owner === 'blocked') continue;
    if (typeof owner === 'number') owners.add(owner);
    if (emailKey(op.payload.email)) withEmail++;
  }
  return { owners: [...owners].sort((a, b) => a - b), withEmail };
}

/**
 * Contact creates, after `reads.loadContacts(contactCheckNeeds(...))`: a contact
 * of the same customer with the same email (or name, when one side has none),
 * or — when every contact was read — the same email under another customer
 * (the planner's rule), stops the create. `skipped` counts creates whose email
 * could not be checked account-wide because that listing was too dear.
 */
export function checkContactCreates(
  ops: Operation[],
  reads: FreshReads,
  country: string,
  own: OwnRecords,
  customers: Map<string, CreateFinding>,
): { findings: Map<string, CreateFinding>; emailsNotChecked: number } {
  const findings = new Map<string, CreateFinding>();
  const every = reads.allContacts();
  const byEmail = every ? contactsByEmail(every.filter((k) => !own.contacts.has(k.id))) : undefined;
  let emailsNotChecked = 0;
  for (const op of ops) {
    if (op.kind !== 'create-contact') continue;
    const owner = ownerOf(op, customers);
    if (owner === 'blocked') continue;
    const email = emailKey(op.payload.email);
    if (typeof owner === 'number') {
      const matches: Array<{ record: Rec & { id: number }; why: string }> = [];
      for (const k of reads.contactsOf(owner) ?? []) {
        if (ignored(own, 'contacts', op.id, k.id)) continue;
        const why = sameContactUnderCustomer(op.payload, k);
        if (why) matches.push({ record: k, why });
      }
      const only = matches.length === 1 ? matches[0]! : undefined;
      if (only && identicalContact(op.payload, only.record, country)) {
        findings.set(op.id, {
          kind: 'exists',
          id: only.record.id,
          message: `already in Syncro as contact #${only.record.id} of customer #${owner} (${only.why}), identical: not created again`,
        });
        continue;
      }
      if (matches.length) {
        findings.set(op.id, {
          kind: 'conflict',
          message: `customer #${owner} now has contact ${matches.map((m) => `#${m.record.id} (${m.why})`).join(', ')}; ${PLAN_AGAIN}`,
        });
        continue;
      }
    }
    if (!email) continue;
    if (!byEmail) {
      emailsNotChecked++;
      continue;
    }
    // Vendor contacts (no customer) are kept out of customer logic, as the planner does.
    const elsewhere = (byEmail.get(email) ?? []).filter(
      (k) => typeof k.customer_id === 'number' && k.customer_id !== owner && !ignored(own, 'contacts', op.id, Number(k.id)),
    );
    if (elsewhere.length) {
      findings.set(op.id, {
        kind: 'conflict',
        message: `a contact with the email ${email} is now in Syncro under customer #${elsewhere.map((k) => k.customer_id).join(', #')}; ${PLAN_AGAIN}`,
      });
    }
  }
  return { findings, emailsNotChecked };
}
