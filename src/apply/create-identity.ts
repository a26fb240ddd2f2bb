/**
 * Is a record now in Syncro the one a planned create would make? The
 * planner's exact rules, applied to fresh records: a customer by normalized
 * email, by business-name key, or — for a person with neither — by full name
 * plus the same phone or address; a contact under its customer by email, or
 * by name when one side has no email. And "identical": the create would
 * change nothing on that record.
 */
import { CONTACT_FIELDS, CUSTOMER_FIELDS } from '../model/fields.js';
import { collapseSpaces, phoneMatchKey } from '../normalize/index.js';
import { diffFields } from '../plan/diff.js';
import { businessKey, contactView, emailKey } from '../plan/snapshot-index.js';
import type { SyncroContact } from '../syncro/types.js';

type Rec = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? collapseSpaces(v).toLowerCase() : '');

function personKey(r: Rec): string | undefined {
  const name = [text(r.firstname), text(r.lastname)].filter(Boolean).join(' ');
  return name || undefined;
}

function phoneKeys(r: Rec, country: string): Set<string> {
  const keys = new Set<string>();
  for (const f of ['phone', 'mobile']) {
    const v = r[f];
    if (typeof v !== 'string' || !v.trim()) continue;
    const key = phoneMatchKey(v, country as Parameters<typeof phoneMatchKey>[1]);
    if (key.replace(/\D/g, '').length >= 7) keys.add(key);
  }
  return keys;
}

function addressKey(r: Rec): string | undefined {
  const street = text(r.address);
  return street ? `${street}|${text(r.city) || text(r.zip)}` : undefined;
}

/** Why `record` is the customer `payload` would create, or undefined when it is not. */
export function sameCustomer(payload: Rec, record: Rec, country: string): string | undefined {
  const email = emailKey(payload.email);
  if (email && email === emailKey(record.email)) return `same email ${email}`;
  const business = businessKey(payload.business_name);
  if (business && business === businessKey(record.business_name)) return `same business name "${String(payload.business_name).trim()}"`;
  if (business) return undefined;
  // A person: the full name alone is weak; with the same phone or street address it is evidence enough to stop and ask.
  const person = personKey(payload);
  if (!person || businessKey(record.business_name) || person !== personKey(record)) return undefined;
  const theirPhones = phoneKeys(record, country);
  if ([...phoneKeys(payload, country)].some((p) => theirPhones.has(p))) return `same name "${person}" and phone`;
  const address = addressKey(payload);
  if (address && address === addressKey(record)) return `same name "${person}" and address`;
  return undefined;
}

/** The list filters that find every customer sameCustomer could accept (Syncro's filters are case-insensitive "like"). */
export function customerLookups(payload: Rec): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  const email = emailKey(payload.email);
  if (email) out.push({ email });
  const business = businessKey(payload.business_name);
  // The name key: "Acme Widgets, Inc." and "ACME WIDGETS" both contain "acme widgets". (One word of it
  // would also find "A-C-M-E Widgets", but a common word like "plumbing" would page through half the account.)
  if (business) out.push({ business_name: business });
  if (!business && typeof payload.lastname === 'string' && payload.lastname.trim()) out.push({ lastname: payload.lastname.trim() });
  return out;
}

/** Why `record` (a contact of the same customer) is the contact `payload` would create, or undefined. */
export function sameContactUnderCustomer(payload: Rec, record: Rec): string | undefined {
  const email = emailKey(payload.email);
  const theirs = emailKey(record.email);
  if (email && email === theirs) return `same email ${email} under this customer`;
  const name = text(payload.name);
  if (name && name === text(record.name) && (!email || !theirs)) return `same name "${String(payload.name).trim()}" under this customer`;
  return undefined;
}

/** Would creating `payload` change nothing on `record`? */
export function identicalCustomer(payload: Rec, record: Rec, country: string): boolean {
  return diffFields(CUSTOMER_FIELDS, payload, record, { blank: 'skip', update: 'overwrite', country }).changes.length === 0;
}

export function identicalContact(payload: Rec, record: Rec, country: string): boolean {
  const fields = CONTACT_FIELDS.filter((f) => f !== 'customer_id');
  return (
    diffFields(fields, payload, contactView(record as unknown as SyncroContact), { blank: 'skip', update: 'overwrite', country }).changes
      .length === 0
  );
}

/** Fresh customers indexed by the keys sameCustomer compares, so each create looks at a handful, not the account. */
export class CustomerKeyIndex {
  private readonly byKey = new Map<string, Rec[]>();

  constructor(records: Iterable<Rec>) {
    for (const r of records) for (const key of keysOf(r)) push(this.byKey, key, r);
  }

  /** Records sharing a key with `payload` (sameCustomer decides). */
  candidates(payload: Rec): Rec[] {
    const seen = new Set<Rec>();
    for (const key of keysOf(payload)) for (const r of this.byKey.get(key) ?? []) seen.add(r);
    return [...seen];
  }
}

function keysOf(r: Rec): string[] {
  const keys: string[] = [];
  const email = emailKey(r.email);
  if (email) keys.push(`e:${email}`);
  const business = businessKey(r.business_name);
  if (business) keys.push(`b:${business}`);
  else {
    const person = personKey(r);
    if (person) keys.push(`p:${person}`);
  }
  return keys;
}

/** Contacts indexed by normalized email, for the account-wide check. */
export function contactsByEmail(records: Iterable<Rec>): Map<string, Rec[]> {
  const out = new Map<string, Rec[]>();
  for (const r of records) {
    const key = emailKey(r.email);
    if (key) push(out, key, r);
  }
  return out;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
