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

/** A fold: its evidence, and its rows unless they are all the record's rows after the first. */
type ShelvedFold = [string] | [string, number[]];

/**
 * A record but its customer part: [rows, folds, spilled, contacts, other
 * fields], each absent one 0. Rows as numbers (RecordShelf.places); a
 * spilled record's owner is its number (the grouper numbers them so).
 */
type ShelvedRest = [
  number[],
  ShelvedFold[] | 0,
  1 | 0,
  CustomerRecord['contacts'] | 0,
  Omit<CustomerRecord, 'customer' | 'sources' | 'folds' | 'contacts' | 'spilled'> | 0,
];

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
  /** The files (and sheets) rows come from: a record's rows are kept as [place, row, place, row, …]. */
  private readonly places: Array<{ file: string; sheet?: string }> = [];
  private readonly placeNumbers = new Map<string, number>();

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
    return this.hot.get(i)?.sources ?? this.decodeSources((JSON.parse(this.text(this.rest, i)) as ShelvedRest)[0]);
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
    const { customer, sources, folds, contacts, spilled, ...extra } = record;
    if (spilled && spilled.owner !== i) throw new Error(`RecordShelf: record ${i} names contacts of customer ${spilled.owner}`);
    const rows = this.encodeSources(sources);
    // A fold of every row after the first (a company's rows under one piece of evidence) is written as its evidence alone.
    const foldsOut = folds?.map((f): ShelvedFold => {
      const own = this.encodeSources(f.sources);
      return own.length === rows.length - 2 && own.every((v, k) => v === rows[k + 2]) ? [f.evidence] : [f.evidence, own];
    });
    const shelved: ShelvedRest = [
      rows,
      foldsOut ?? 0,
      spilled ? 1 : 0,
      contacts.length ? contacts : 0,
      Object.keys(extra).length ? extra : 0,
    ];
    this.customers[i] = JSON.stringify(customer);
    this.rest[i] = JSON.stringify(shelved);
  }

  private parse(i: number): CustomerRecord {
    const [rows, folds, spilled, contacts, extra] = JSON.parse(this.text(this.rest, i)) as ShelvedRest;
    const sources = this.decodeSources(rows);
    const record: CustomerRecord = {
      ...(extra || {}),
      sources,
      customer: JSON.parse(this.text(this.customers, i)) as Customer,
      contacts: contacts || [],
    };
    if (folds) record.folds = folds.map(([evidence, own]) => ({ evidence, sources: own ? this.decodeSources(own) : sources.slice(1) }));
    if (spilled) record.spilled = { owner: i, emails: [] };
    return record;
  }

  private encodeSources(sources: SourceRef[]): number[] {
    const out: number[] = [];
    for (const s of sources) {
      const key = s.sheet === undefined ? s.file : `${s.file}\0${s.sheet}`;
      let n = this.placeNumbers.get(key);
      if (n === undefined) {
        n = this.places.push(s.sheet === undefined ? { file: s.file } : { file: s.file, sheet: s.sheet }) - 1;
        this.placeNumbers.set(key, n);
      }
      out.push(n, s.row);
    }
    return out;
  }

  private decodeSources(numbers: number[]): SourceRef[] {
    const out: SourceRef[] = [];
    for (let k = 0; k < numbers.length; k += 2) out.push({ ...this.places[numbers[k]!]!, row: numbers[k + 1]! });
    return out;
  }

  private text(list: string[], i: number): string {
    const t = list[i];
    if (!t) throw new Error(`RecordShelf: record ${i} ${t === undefined ? 'does not exist' : 'was released'}`);
    return t;
  }
}
