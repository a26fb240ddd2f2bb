/**
 * The import's customer records kept as JSON text while the file is read and
 * planned, not as objects: a quarter of a million customers (a million-row
 * contacts export) take ~0.3 kB each as text, against ~1.4 kB as objects,
 * and text is nothing for the garbage collector to trace. The reader edits
 * the few records its recent rows touch as objects (a small set, most recent
 * kept; a file sorted by company touches one at a time) and writes the rest
 * back as text; the planner reads a fresh copy of a record by number, the
 * customer part alone where that is all it needs, and lets each go once planned.
 * The contacts are elsewhere (contact-spill.ts).
 */
import type { Customer } from '../model/customer.js';
import type { CustomerRecord } from '../model/records.js';
import type { SourceRef } from '../model/source.js';
import type { RecordList } from '../plan/record-list.js';

/** Records kept as objects while reading (the most recently touched). */
const HOT = 256;

export class RecordShelf implements RecordList {
  /** Per record: its customer part, and the rest (sources, folds, spilled), as JSON. */
  private readonly customers: string[] = [];
  private readonly rest: string[] = [];
  /** Records being edited, least recently touched first. */
  private readonly hot = new Map<number, CustomerRecord>();
  private emails = new Map<number, string[]>();
  private sealed = false;

  get length(): number {
    return this.customers.length;
  }

  /** Shelves a new record; returns its number. */
  add(record: CustomerRecord): number {
    const i = this.customers.length;
    this.customers.push('');
    this.rest.push('');
    this.hot.set(i, record);
    this.cool();
    return i;
  }

  /** Record `i` as an object to change (changes are kept). */
  edit(i: number): CustomerRecord {
    if (this.sealed) throw new Error('RecordShelf: sealed');
    let record = this.hot.get(i);
    if (record) this.hot.delete(i);
    else record = this.parse(i);
    this.hot.set(i, record);
    this.cool();
    return record;
  }

  /**
   * Reading is over: every record goes to text. `emails`: what folding
   * reads of each record's contacts on disk, by record number (CustomerRecord.spilled).
   */
  seal(emails: Map<number, string[]> = new Map()): void {
    for (const [i, record] of this.hot) this.write(i, record);
    this.hot.clear();
    this.emails = emails;
    this.sealed = true;
  }

  at(i: number): CustomerRecord {
    const record = this.hot.get(i) ?? this.parse(i);
    if (record.spilled) record.spilled.emails = this.emails.get(i) ?? [];
    return record;
  }

  customerAt(i: number): Customer {
    return this.hot.get(i)?.customer ?? (JSON.parse(this.text(this.customers, i)) as Customer);
  }

  sourcesAt(i: number): SourceRef[] {
    return this.hot.get(i)?.sources ?? (JSON.parse(this.text(this.rest, i)) as Pick<CustomerRecord, 'sources'>).sources;
  }

  contactEmailsAt(i: number): Array<string | undefined> {
    const record = this.hot.get(i);
    if (record && !record.spilled) return record.contacts.map((c) => c.contact.email);
    return this.emails.get(i) ?? [];
  }

  release(i: number): void {
    this.customers[i] = '';
    this.rest[i] = '';
    this.emails.delete(i);
  }

  /** Writes the least recently touched records back as text, down to HOT. */
  private cool(): void {
    for (const [i, record] of this.hot) {
      if (this.hot.size <= HOT) return;
      this.hot.delete(i);
      this.write(i, record);
    }
  }

  private write(i: number, record: CustomerRecord): void {
    const { customer, ...rest } = record;
    this.customers[i] = JSON.stringify(customer);
    this.rest[i] = JSON.stringify(rest);
  }

  private parse(i: number): CustomerRecord {
    const rest = JSON.parse(this.text(this.rest, i)) as Omit<CustomerRecord, 'customer'>;
    return { ...rest, customer: JSON.parse(this.text(this.customers, i)) as Customer };
  }

  private text(list: string[], i: number): string {
    const t = list[i];
    if (!t) throw new Error(`RecordShelf: record ${i} ${t === undefined ? 'does not exist' : 'was released'}`);
    return t;
  }
}
