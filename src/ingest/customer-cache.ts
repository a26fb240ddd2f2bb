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
const MAX_ENTRIES = 5_000;

/** A key is built lazily: most exports list a company's contacts together, so the previous row is checked first, cell by cell. */
export interface CacheKey {
  unmappedToContact: boolean;
  text?: string;
}

export class CustomerCache {
  private readonly map = new Map<string, CachedCustomer>();
  private readonly columns: string[];
  private readonly unmapped: string[];
  private last: { values: Record<string, string>; unmappedToContact: boolean; entry: CachedCustomer } | undefined;

  constructor(compiled: CompiledTemplate) {
    this.columns = [...new Set(compiled.customer.flatMap((r) => r.columns))];
    this.unmapped = compiled.unmapped;
  }

  /** The key for a row, or undefined when the row cannot be cached. */
  key(_values: Record<string, string>, unmappedToContact: boolean, extra: Record<string, string> | undefined): CacheKey | undefined {
    return extra ? undefined : { unmappedToContact };
  }

  private text(key: CacheKey, values: Record<string, string>): string {
    if (key.text === undefined) {
      let k = key.unmappedToContact ? 'c' : 'u';
      for (const c of this.columns) k += SEP + (values[c] ?? '');
      if (!key.unmappedToContact) for (const c of this.unmapped) k += SEP + (values[c] ?? '');
      key.text = k;
    }
    return key.text;
  }

  private sameAsLast(key: CacheKey, values: Record<string, string>): boolean {
    const last = this.last;
    if (!last || last.unmappedToContact !== key.unmappedToContact) return false;
    for (const c of this.columns) if (last.values[c] !== values[c]) return false;
    if (!key.unmappedToContact) for (const c of this.unmapped) if (last.values[c] !== values[c]) return false;
    return true;
  }

  get(key: CacheKey, values: Record<string, string>): CachedCustomer | undefined {
    if (this.sameAsLast(key, values)) return this.last?.entry;
    const entry = this.map.get(this.text(key, values));
    if (entry) this.last = { values, unmappedToContact: key.unmappedToContact, entry };
    return entry;
  }

  set(key: CacheKey, entry: CachedCustomer, values: Record<string, string>): void {
    if (this.map.size >= MAX_ENTRIES) this.map.clear();
    this.map.set(this.text(key, values), entry);
    this.last = { values, unmappedToContact: key.unmappedToContact, entry };
  }
}
