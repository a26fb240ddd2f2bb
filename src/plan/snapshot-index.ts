/** Look-ups over a snapshot: by id, by normalized email, contacts per customer. */
import { companyMatchKey, normalizeEmail } from '../normalize/index.js';
import type { Snapshot } from '../syncro/snapshot.js';
import type { SyncroContact, SyncroCustomer } from '../syncro/types.js';

export function emailKey(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  return normalizeEmail(raw).email ?? raw.trim().toLowerCase();
}

export function businessKey(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  return companyMatchKey(raw) || undefined;
}

export class SnapshotIndex {
  readonly customersById = new Map<number, SyncroCustomer>();
  readonly customersByEmail = new Map<string, SyncroCustomer[]>();
  /** By business-name match key (legal suffixes, case, punctuation folded). */
  readonly customersByBusiness = new Map<string, SyncroCustomer[]>();
  readonly contactsById = new Map<number, SyncroContact>();
  readonly contactsByCustomer = new Map<number, SyncroContact[]>();
  readonly contactsByEmail = new Map<string, SyncroContact[]>();

  constructor(readonly snapshot: Snapshot) {
    for (const c of snapshot.customers) {
      this.customersById.set(c.id, c);
      push(this.customersByEmail, emailKey(c.email), c);
      push(this.customersByBusiness, businessKey(c.business_name), c);
    }
    for (const k of snapshot.contacts) {
      this.contactsById.set(k.id, k);
      push(this.contactsByCustomer, k.customer_id, k);
      push(this.contactsByEmail, emailKey(k.email), k);
    }
  }

  contactsOf(customerId: number): SyncroContact[] {
    return this.contactsByCustomer.get(customerId) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K | undefined, value: V): void {
  if (key === undefined) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The label people know a customer by. */
export function customerLabel(c: {
  business_name?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
  id?: number;
}): string {
  const person = [c.firstname, c.lastname].filter((x) => x && String(x).trim()).join(' ');
  if (c.business_name && c.business_name.trim()) return person ? `${c.business_name} (${person})` : c.business_name;
  return person || c.email || (c.id ? `#${c.id}` : '(no name)');
}

export function contactLabel(c: { name?: string | null; email?: string | null; id?: number }): string {
  return c.name?.trim() || c.email?.trim() || (c.id ? `#${c.id}` : '(no name)');
}

/** Writable fields of a Syncro record plus id, customer_id and updated_at: the before-image. */
export function beforeImage(record: object, fields: readonly string[]): Record<string, unknown> {
  const r = record as Record<string, unknown>;
  const out: Record<string, unknown> = { id: r.id, updated_at: r.updated_at };
  if ('customer_id' in r) out.customer_id = r.customer_id;
  for (const f of fields) if (f in r) out[f] = r[f];
  return out;
}

/**
 * A Syncro contact as the planner compares it: `title` lives in
 * properties.title (seen on a live account), or top-level on an account that
 * keeps it there (an open point of the API; syncro/compare.ts reads it the same way).
 */
export function contactView(k: SyncroContact): Record<string, unknown> {
  const topLevel = (k as { title?: unknown }).title;
  return { ...k, title: k.properties?.title ?? (typeof topLevel === 'string' ? topLevel : null) };
}
