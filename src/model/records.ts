/**
 * Mapped input records: a customer with the contacts grouped under it, each
 * naming every source row it was built from. This is what readers + templates
 * + validation hand to the matcher and the planner.
 */
import type { Contact } from './contact.js';
import type { Customer } from './customer.js';
import type { SourceRef } from './source.js';

export interface ContactRecord {
  sources: SourceRef[];
  contact: Contact;
}

/** Rows taken as one customer beside the first, and the evidence that decided it (shown in the plan and reports). */
export interface FoldNote {
  evidence: string;
  sources: SourceRef[];
}

/**
 * What source rows themselves said of their customer (the record's values
 * mix its rows: blanks filled from later ones): the rows from `sources[from]`
 * up to the next entry's `from` gave these values.
 */
export interface RowValues {
  from: number;
  business_name?: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  phone?: string;
  mobile?: string;
}

export interface CustomerRecord {
  sources: SourceRef[];
  customer: Customer;
  contacts: ContactRecord[];
  /** Why the rows after the first were folded in (absent: one row, or nothing recorded). */
  folds?: FoldNote[];
  /** The rows' own values, an entry where they change (see RowValues); kept only when several rows were read as one customer. */
  rowValues?: RowValues[];
  /**
   * Set when the reader kept the contacts on disk (an import: see
   * ingest/contact-spill.ts): `contacts` stays empty and the planner takes
   * them back by `owner`, customer by customer. `emails` are what in-file
   * folding (fold-groups.ts) reads of them: one per company email domain, and
   * any that is some input customer's own email (ContactSpill.evidenceEmails).
   */
  spilled?: { owner: number; emails: string[] };
}

/** The emails of a record's contacts, whether it holds them or they were kept on disk. */
export function contactEmailsOf(record: CustomerRecord): Array<string | undefined> {
  return record.spilled ? record.spilled.emails : record.contacts.map((c) => c.contact.email);
}
