/**
 * The shapes a mapped row takes, shared by the general mapper (map-row.ts)
 * and its fast path (fast-row.ts, fast-company.ts): types only, in a module
 * of their own so that the three do not import each other in a circle.
 */
import type { Contact, Customer } from '../model/index.js';
import type { RowIssue, SourceRef } from '../model/source.js';
import type { SourceRow } from '../read/types.js';
import type { CompiledTemplate } from '../templates/compile.js';
import type { CustomerCache } from './customer-cache.js';
import type { UnmappedColumn } from './plain-rules.js';

/** A mapped and validated row. `valid` is false when any issue is an error (the row is rejected). */
export interface MappedRow {
  source: SourceRef;
  /** Group key: `id:` Syncro id, `key:` source company id, `name:` company match key, or `row:` (a person). */
  key: string;
  /** Treat as read-only: rows with the same company cells may share it. */
  customer: Customer;
  contact?: Contact;
  /** The row only points at an existing Syncro customer (by id). */
  customerIsReference: boolean;
  issues: RowIssue[];
  valid: boolean;
}

/** A company part mapped for a row: its customer, group key and issues (warnings, and errors that reject the row). */
export interface CompanyPart {
  customer: Customer;
  key: string;
  issues: RowIssue[];
}

export interface FastRowSetup {
  compiled: CompiledTemplate;
  colIndex: (col: string) => number;
  strip: boolean;
  /** The cache of company parts (filled by the company part's mapping). */
  cache: CustomerCache;
  unmapped: readonly UnmappedColumn[];
  /** Custom fields recording the customer type and the source's company id (null: none). */
  typeProperty: string | null;
  keyProperty: string | null;
  /** The general path's mapping of a company part not reused, for a row whose contact is built here; undefined where it would change the contact. */
  company: (row: SourceRow, cells: readonly string[], person: unknown, contactEmail: unknown) => CompanyPart | undefined;
}
