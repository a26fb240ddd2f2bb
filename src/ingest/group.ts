/**
 * Groups valid mapped rows into customers with their contacts. Rows share a
 * customer when their group key matches (Syncro id, else the source's
 * company id, else the company match key); every source row is named. When
 * rows disagree about a customer field the first value is kept and the
 * other goes to the notes, with a warning: nothing is dropped.
 */
import type { ContactRecord, CustomerRecord } from '../model/records.js';
import type { Customer } from '../model/customer.js';
import type { RowIssue } from '../model/source.js';
import type { MappedRow } from './map-row.js';

const loose = (v: unknown): string => {
  const s = String(v).trim().toLowerCase().replace(/\s+/g, ' ');
  const digits = s.replace(/\D/g, '');
  return /^[\d\s().+\-x]+$/.test(s) && digits.length >= 7 ? digits : s;
};

function mergeNotes(a: string | undefined, b: string | undefined): string | undefined {
  if (!b) return a;
  if (!a) return b;
  const lines = a.split('\n');
  for (const line of b.split('\n')) if (!lines.includes(line)) lines.push(line);
  return lines.join('\n');
}

/** Accumulates rows; `records()` returns the customers in first-seen order. */
export class CustomerGrouper {
  private readonly groups = new Map<string, CustomerRecord>();

  /** Add a valid row; returns warnings about conflicting customer values. */
  add(row: MappedRow): RowIssue[] {
    const contact: ContactRecord | undefined = row.contact ? { sources: [row.source], contact: row.contact } : undefined;
    const existing = this.groups.get(row.key);
    if (!existing) {
      // A copy: the row's customer may be shared with other rows of the same company (see customer-cache.ts).
      const customer = { ...row.customer };
      if (customer.properties) customer.properties = { ...customer.properties };
      this.groups.set(row.key, { sources: [row.source], customer, contacts: contact ? [contact] : [] });
      return [];
    }
    existing.sources.push(row.source);
    if (contact) existing.contacts.push(contact);
    return this.merge(existing, row);
  }

  private merge(into: CustomerRecord, row: MappedRow): RowIssue[] {
    const issues: RowIssue[] = [];
    const target = into.customer as Record<string, unknown>;
    const extra: string[] = [];
    const first = into.sources[0];
    const where = first ? `row ${first.row}` : 'an earlier row';
    for (const [field, value] of Object.entries(row.customer as Record<string, unknown>)) {
      if (value === undefined || value === '') continue;
      if (field === 'notes' || field === 'properties') continue;
      const have = target[field];
      if (have === undefined || have === '') target[field] = value;
      else if (loose(have) !== loose(value)) {
        extra.push(`Other ${field} (${row.source.file} row ${row.source.row}): ${String(value)}`);
        issues.push({ source: row.source, field, value: String(value), code: 'CUSTOMER_CONFLICT', severity: 'warning', message: `this row gives the customer's ${field} as "${String(value)}", ${where} gave "${String(have)}": the first was kept, this one is in the customer's notes` });
      }
    }
    const props = row.customer.properties;
    if (props) {
      const mine = (into.customer.properties ??= {});
      for (const [k, v] of Object.entries(props)) {
        if (mine[k] === undefined || mine[k] === '') mine[k] = v;
        else if (loose(mine[k]) !== loose(v)) {
          extra.push(`Other ${k} (${row.source.file} row ${row.source.row}): ${v}`);
          issues.push({ source: row.source, field: k, value: v, code: 'CUSTOMER_CONFLICT', severity: 'warning', message: `this row gives custom field "${k}" as "${v}", ${where} gave "${mine[k]}": the first was kept, this one is in the customer's notes` });
        }
      }
    }
    const notes = mergeNotes(mergeNotes(into.customer.notes, row.customer.notes), extra.join('\n') || undefined);
    if (notes !== undefined) (into.customer as Customer).notes = notes;
    return issues;
  }

  records(): CustomerRecord[] {
    return [...this.groups.values()];
  }
}
