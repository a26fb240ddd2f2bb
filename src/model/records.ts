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

export interface CustomerRecord {
  sources: SourceRef[];
  customer: Customer;
  contacts: ContactRecord[];
  /** Why the rows after the first were folded in (absent: one row, or nothing recorded). */
  folds?: FoldNote[];
}
