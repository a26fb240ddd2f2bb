/**
 * The input records as the planner reads them: by number, in the order the
 * reader met them. An array in memory, or the import's records kept as text
 * (ingest/record-shelf.ts), whose every read is a fresh copy — so folding
 * reads only the customer part and the planner lets each record go once planned.
 */
import type { Customer } from '../model/customer.js';
import type { ContactRecord, CustomerRecord } from '../model/records.js';
import type { SourceRef } from '../model/source.js';
import { contactEmailsOf } from '../model/records.js';

export interface RecordList {
  readonly length: number;
  /** The whole record. */
  at(i: number): CustomerRecord;
  /** Its customer part only. */
  customerAt(i: number): Customer;
  /** Its rows. */
  sourcesAt(i: number): SourceRef[];
  /** The emails of its contacts, what folding reads of them (CustomerRecord.spilled). */
  contactEmailsAt(i: number): Array<string | undefined>;
  /** Planned: the list may let the record go (reading it again is an error). */
  release(i: number): void;
}

/** Contacts kept apart from their records (the import's: ingest/contact-spill.ts). */
export interface ContactStore {
  /** The contacts of customer number `owner`, asked once per record, when it is planned. */
  take(owner: number): ContactRecord[];
  /** Contact emails (emailKey) under more than one customer number, with those numbers. */
  sharedEmails(): Map<string, number[]>;
}

/** A list over records in memory (its own copy of the array: a released record is let go). */
export function recordList(records: readonly CustomerRecord[]): RecordList {
  const own: Array<CustomerRecord | undefined> = records.slice();
  const at = (i: number): CustomerRecord => {
    const r = own[i];
    if (!r) throw new Error(`record ${i} ${i < own.length ? 'was released' : 'does not exist'}`);
    return r;
  };
  return {
    length: own.length,
    at,
    customerAt: (i) => at(i).customer,
    sourcesAt: (i) => at(i).sources,
    contactEmailsAt: (i) => contactEmailsOf(at(i)),
    release: (i) => {
      own[i] = undefined;
    },
  };
}
