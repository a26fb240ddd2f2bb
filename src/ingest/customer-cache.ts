/**
 * Memo of mapped company parts. PSA exports repeat a company's columns on
 * every one of its contacts' rows; mapping and validating those cells again
 * gives the same customer, so it is done once per distinct set of cells.
 * The key is every cell the company part can read: the customer rules'
 * columns, and the unmapped columns when they go to the customer. Rows with
 * cells past the header are never cached.
 *
 * Only a company met again is kept (the map is cleared when full): the
 * value of the first cell the company part reads (its id, as a rule) is
 * noted the first time, and a company part mapped for a value noted before
 * is stored. The map is only searched when it holds something.
 * A file sorted by company, where each company's rows follow each other
 * (answered by the check against the previous row), then builds no key and
 * stores nothing: on a million rows, storing every company part made the
 * garbage collector copy each of them (and the chunk of the file's text
 * their strings point into) and spend a fifth of the run. Stored entries hold
 * copies of their strings (see `ownCopy`).
 */
import type { Customer } from '../model/index.js';
import type { RowIssue } from '../model/source.js';
import type { CompiledTemplate } from '../templates/compile.js';
import { ownCopy } from './strings.js';

/** What decides whether a row's contact reshapes its customer (see `contactReshapes`). */
export interface CustomerFacts {
  business: boolean;
  names: boolean;
  id: boolean;
  key: boolean;
}

export interface CachedCustomer {
  customer: Customer;
  key: string;
  /** Warnings of the company part (sources are restamped for each row). */
  issues: RowIssue[];
  facts: CustomerFacts;
}

const SEP = '\u0001';
const MAX_ENTRIES = 5_000;
const SEEN_SLOTS = 8_192; // a power of two

/** FNV-1a of the text (its first 64 characters and its length), never 0 (0 marks an empty slot). */
function hash(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0, n = Math.min(s.length, 64); i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 1;
}

/**
 * `a === b` for cell texts, faster on the long ones: V8 keeps a string of 13
 * characters or more cut from a longer one (a cell cut from the file's text)
 * as a view of it, and compares two views for `===` in a runtime call; of
 * two strings of equal length, `a.indexOf(b) === 0` says the same and
 * compares them in place, in two thirds of the time. (The length only picks
 * the faster test: both are exact for any strings.)
 */
export const sameText = (a: string, b: string): boolean => (a.length < 13 ? a === b : a.length === b.length && a.indexOf(b) === 0);

/** The cells at `columns` are the same in both rows (a missing cell reads as ''). */
function sameCells(a: readonly string[], b: readonly string[], columns: readonly number[]): boolean {
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k] as number;
    if (!sameText(a[c] ?? '', b[c] ?? '')) return false;
  }
  return true;
}

/** Give the entry's strings storage of their own (values are unchanged). */
function detach(entry: CachedCustomer): void {
  const c = entry.customer as Record<string, unknown>;
  for (const k of Object.keys(c)) if (typeof c[k] === 'string') c[k] = ownCopy(c[k] as string);
  const p = entry.customer.properties;
  if (p) for (const k of Object.keys(p)) p[k] = ownCopy(p[k] as string);
  entry.key = ownCopy(entry.key);
  for (const i of entry.issues) {
    if (i.value !== undefined) i.value = ownCopy(i.value);
    i.message = ownCopy(i.message);
  }
}

/**
 * Cells are compared by column index (the rows' cells line up with the
 * compiled headers), missing cells reading as ''. Most exports list a
 * company's contacts together, so the previous row is checked first, cell
 * by cell; only a new company builds the text key of the map.
 */
export class CustomerCache {
  /** Company parts asked for more than once. */
  private readonly map = new Map<string, CachedCustomer>();
  /**
   * Hashes of the first cells (`probe`) of the company parts mapped so far,
   * one slot per hash: a slot taken by another value forgets the older one.
   * Numbers, not strings: nothing for the garbage collector to trace or copy.
   * Two values with the same hash only make a part be stored that need not be.
   */
  private readonly seen = new Int32Array(SEEN_SLOTS);
  /** Index of the first cell the company part reads (-1: none, every row reads as ''). */
  private readonly probe: number;
  /** Indexes of the cells the company part reads. */
  private readonly columns: number[];
  /** Indexes of the unmapped cells (part of the key when they go to the customer). */
  private readonly unmapped: number[];
  private lastCells: readonly string[] | undefined;
  private lastToContact = false;
  private lastEntry: CachedCustomer | undefined;
  /** The text key built by the last miss, reused by the `set` that follows it. */
  private keyCells: readonly string[] | undefined;
  private keyToContact = false;
  private keyText = '';
  private readonly parts: string[] = [];

  constructor(compiled: CompiledTemplate) {
    const index = new Map(compiled.headers.map((h, i) => [h, i]));
    const at = (c: string): number => index.get(c) ?? -1;
    this.columns = [...new Set(compiled.customer.flatMap((r) => r.columns))].map(at);
    this.unmapped = compiled.unmapped.map(at);
    this.probe = this.columns[0] ?? -1;
  }

  private text(cells: readonly string[], unmappedToContact: boolean): string {
    if (this.keyCells === cells && this.keyToContact === unmappedToContact) return this.keyText;
    // One join, not a chain of concatenations: three times faster, and the key is a fresh string (no view into the chunk).
    const parts = this.parts;
    parts.length = 0;
    parts.push(unmappedToContact ? 'c' : 'u');
    for (const c of this.columns) parts.push(cells[c] ?? '');
    if (!unmappedToContact) for (const c of this.unmapped) parts.push(cells[c] ?? '');
    this.keyCells = cells;
    this.keyToContact = unmappedToContact;
    this.keyText = parts.join(SEP);
    return this.keyText;
  }

  private sameAsLast(cells: readonly string[], unmappedToContact: boolean): boolean {
    const last = this.lastCells;
    if (!last || this.lastToContact !== unmappedToContact) return false;
    return sameCells(last, cells, this.columns) && (unmappedToContact || sameCells(last, cells, this.unmapped));
  }

  private remember(cells: readonly string[], unmappedToContact: boolean, entry: CachedCustomer): void {
    this.lastCells = cells;
    this.lastToContact = unmappedToContact;
    this.lastEntry = entry;
  }

  /** The company part mapped before for the same cells, if any. */
  get(cells: readonly string[], unmappedToContact: boolean): CachedCustomer | undefined {
    if (this.sameAsLast(cells, unmappedToContact)) return this.lastEntry;
    if (this.map.size === 0) return undefined;
    const entry = this.map.get(this.text(cells, unmappedToContact));
    if (entry) this.remember(cells, unmappedToContact, entry);
    return entry;
  }

  /** A company part just mapped: reused by the next rows with the same cells, and stored when its company was met before. */
  set(cells: readonly string[], unmappedToContact: boolean, entry: CachedCustomer): void {
    const h = hash(cells[this.probe] ?? '');
    const slot = h & (SEEN_SLOTS - 1);
    if (this.seen[slot] === h) {
      if (this.map.size >= MAX_ENTRIES) this.map.clear();
      detach(entry);
      this.map.set(this.text(cells, unmappedToContact), entry);
    } else this.seen[slot] = h;
    this.remember(cells, unmappedToContact, entry);
  }
}
