/**
 * Memo of mapped company parts. PSA exports repeat a company's columns on
 * every one of its contacts' rows; mapping and validating those cells again
 * gives the same customer, so it is done once per distinct set of cells.
 * The key is every cell the company part can read: the customer rules'
 * columns, and the unmapped columns when they go to the customer. Rows with
 * cells past the header are never cached. Bounded: cleared when full.
 */
import type { Customer } from '../model/index.js';
import type { RowIssue } from '../model/source.js';
import type { CompiledTemplate } from '../templates/compile.js';

export interface CachedCustomer {
  customer: Customer;
  key: string;
  /** Warnings of the company part (sources are restamped for each row). */
  issues: RowIssue[];
  /** What decides whether a row's contact would reshape this customer. */
  facts: { business: boolean; names: boolean; id: boolean; key: boolean };
}

const SEP = '\u0001';
const MAX_ENTRIES = 20_000;

export class CustomerCache {
  private readonly map = new Map<string, CachedCustomer>();
  private readonly columns: string[];
  private readonly unmapped: string[];

  constructor(compiled: CompiledTemplate) {
    this.columns = [...new Set(compiled.customer.flatMap((r) => r.columns))];
    this.unmapped = compiled.unmapped;
  }

  /** The key for a row, or undefined when the row cannot be cached. */
  key(values: Record<string, string>, unmappedToContact: boolean, extra: Record<string, string> | undefined): string | undefined {
    if (extra) return undefined;
    let k = unmappedToContact ? 'c' : 'u';
    for (const c of this.columns) k += SEP + (values[c] ?? '');
    if (!unmappedToContact) for (const c of this.unmapped) k += SEP + (values[c] ?? '');
    return k;
  }

  get(key: string): CachedCustomer | undefined {
    return this.map.get(key);
  }

  set(key: string, entry: CachedCustomer): void {
    if (this.map.size >= MAX_ENTRIES) this.map.clear();
    this.map.set(key, entry);
  }
}
