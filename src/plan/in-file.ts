/**
 * Duplicates inside the input itself: records that name the same Syncro id,
 * the same email, or the same business with evidence that agrees (grouped in
 * fold-groups.ts). Per the user's choice they become one create/update
 * (values merged, every source row named, the evidence kept) or a conflict.
 */
import type { Contact } from '../model/contact.js';
import type { Customer } from '../model/customer.js';
import type { ContactRecord, CustomerRecord, FoldNote } from '../model/records.js';
import type { SourceRef } from '../model/source.js';
import { isBlank, sameValue } from './equivalence.js';
import { emailKey } from './snapshot-index.js';

export { groupInFileDuplicates } from './fold-groups.js';
export type { InFileGroup } from './fold-groups.js';

/**
 * One record from several: first non-blank value per field (another value of
 * a later record goes to the notes, "Other firstname (file row 8): Jane", so
 * no value is lost), notes joined, custom fields merged, contacts deduplicated, and the evidence of every fold
 * (the records' own, from reading, and `folds`, why the records were joined).
 */
export function mergeCustomerRecords(group: CustomerRecord[], folds: FoldNote[] = []): CustomerRecord {
  const customer = mergeValues(group.map((r) => ({ value: r.customer, source: r.sources[0] }))) as Customer;
  const contacts = dedupeContacts(group.flatMap((r) => r.contacts));
  const all = [...group.flatMap((r) => r.folds ?? []), ...folds];
  return { sources: group.flatMap((r) => r.sources), customer, contacts, ...(all.length ? { folds: all } : {}) };
}

/**
 * Contacts under one customer that are the same person merged into one: the
 * same id, else the same email; a contact without an email joins the one
 * contact of the same name (if exactly one), else others of its name.
 */
export function dedupeContacts(contacts: ContactRecord[]): ContactRecord[] {
  const groups: ContactRecord[][] = [];
  const byKey = new Map<string, ContactRecord[]>();
  const nameOf = (c: ContactRecord) => (c.contact.name ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  const add = (key: string, c: ContactRecord) => {
    const group = byKey.get(key);
    if (group) group.push(c);
    else {
      const fresh = [c];
      byKey.set(key, fresh);
      groups.push(fresh);
    }
  };
  const nameless: ContactRecord[] = [];
  for (const c of contacts) {
    const email = emailKey(c.contact.email);
    if (c.contact.id) add(`id:${c.contact.id}`, c);
    else if (email) add(`email:${email}`, c);
    else nameless.push(c);
  }
  for (const c of nameless) {
    const name = nameOf(c);
    const same = groups.filter((g) => name && g.some((x) => nameOf(x) === name) && !byKey.has(`name:${name}`));
    if (same.length === 1) same[0]!.push(c);
    else add(`name:${name}`, c);
  }
  return groups.map((g) =>
    g.length === 1
      ? g[0]!
      : {
          sources: g.flatMap((c) => c.sources),
          contact: mergeValues(g.map((c) => ({ value: c.contact, source: c.sources[0] }))) as Contact,
        },
  );
}

function mergeValues(records: Array<{ value: Record<string, unknown>; source: SourceRef | undefined }>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const notes: string[] = [];
  const others: string[] = [];
  const properties: Record<string, string> = {};
  const other = (field: string, value: unknown, source: SourceRef | undefined): void => {
    const line = `Other ${field} (${source ? `${source.file} row ${source.row}` : 'another row'}): ${String(value)}`;
    if (!others.includes(line)) others.push(line);
  };
  for (const { value: v, source } of records) {
    for (const [field, value] of Object.entries(v)) {
      if (field === 'notes') {
        if (typeof value === 'string' && value.trim() && !notes.includes(value.trim())) notes.push(value.trim());
      } else if (field === 'properties' && value && typeof value === 'object') {
        for (const [k, pv] of Object.entries(value as Record<string, string>)) {
          if (isBlank(pv)) continue;
          if (!(k in properties)) properties[k] = pv;
          else if (!sameValue(k, properties[k], pv)) other(k, pv, source);
        }
      } else if (isBlank(out[field]) && !isBlank(value)) {
        out[field] = value;
      } else if (!(field in out)) {
        out[field] = value;
      } else if (!isBlank(value) && !sameValue(field, out[field], value)) {
        other(field, value, source);
      }
    }
  }
  if (notes.length || others.length) out.notes = [...notes, ...others].join('\n');
  if (Object.keys(properties).length) out.properties = properties;
  return out;
}
