/**
 * Groups valid mapped rows into customers with their contacts. Rows share a
 * customer when their group key matches (Syncro id, else the source's
 * company id), or when they share the company match key and nothing beside
 * the name says they are different companies (plan/company-evidence.ts: a
 * branch office or a namesake in another town, with another phone and
 * address, another state or another company email domain, is a customer of
 * its own). Every source row is named, and each fold keeps the evidence that
 * decided it. When rows of one customer disagree about a field the first
 * value is kept and the other goes to the notes, with a warning: nothing is
 * dropped.
 */
import type { ContactRecord, CustomerRecord, FoldNote, RowValues } from '../model/records.js';
import type { Customer } from '../model/customer.js';
import type { RowIssue, SourceRef } from '../model/source.js';
import { addEmail, companyDomain, mergeProfile, placeAmong, profileOf } from '../plan/company-evidence.js';
import type { CompanyProfile } from '../plan/company-evidence.js';
import type { MappedRow } from './map-row.js';
import type { ContactSpill } from './contact-spill.js';
import type { RecordShelf } from './record-shelf.js';
import { compactCopy, ownCopy } from './strings.js';

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

/** A group of same-name rows: its key and what its rows say beside the name. */
interface NameGroup {
  key: string;
  profile: CompanyProfile;
  /** The last row's company part (rows of one company often share it: see customer-cache.ts). */
  last: Customer;
}

const SHOWN = ['business_name', 'firstname', 'lastname', 'email', 'phone', 'mobile'] as const;

/**
 * Note the values the record's next row gives its customer (what a reviewer
 * of the grouping sees of that row), only where they differ from the row
 * before: a company's rows repeat its columns. Noted strings are copies, so
 * they pin no chunk of the file's text.
 */
function noteRowValues(record: CustomerRecord, c: Customer): void {
  // Before any merge the record still holds its first row's values exactly.
  const notes = (record.rowValues ??= [{ from: 0, ...pick(record.customer) }]);
  const last = notes[notes.length - 1]!;
  if (SHOWN.every((k) => (last[k] ?? '') === (c[k] || ''))) return;
  const v: RowValues = { from: record.sources.length };
  for (const k of SHOWN) if (c[k]) v[k] = ownCopy(c[k]);
  notes.push(v);
}

function pick(c: Customer): Omit<RowValues, 'from'> {
  const v: Omit<RowValues, 'from'> = {};
  for (const k of SHOWN) if (c[k]) v[k] = c[k];
  return v;
}

function addFold(record: CustomerRecord, evidence: string, source: SourceRef): void {
  const folds = (record.folds ??= []);
  const note: FoldNote | undefined = folds.find((f) => f.evidence === evidence);
  if (note) note.sources.push(source);
  else folds.push({ evidence, sources: [source] });
}

export interface GrouperOptions {
  /**
   * Count only (validate): a customer keeps its first row and the values
   * its conflicts are told against, not its contacts, later rows, folds or
   * notes, so memory grows with the customers, not with the rows.
   * The counts and warnings are those of the full grouping.
   */
  countOnly?: boolean;
  /** Note what each row itself gives a customer read from several rows (CustomerRecord.rowValues: what dedupe lists). */
  rowValues?: boolean;
  /** Keep the contacts on disk (an import), each under its customer's number: see CustomerRecord.spilled. */
  spill?: ContactSpill;
  /** Keep the records as text (an import): read them back from `shelve()`, not `records()`. */
  shelf?: RecordShelf;
}

/** Accumulates rows; `records()` returns the customers in first-seen order. */
export class CustomerGrouper {
  /** Group key → record number (in `kept`, or on the shelf). */
  private readonly groups = new Map<string, number>();
  private readonly kept: CustomerRecord[] = [];
  private readonly countOnly: boolean;
  private contactCount = 0;
  /** Groups of rows keyed by company name only, per name key. */
  private readonly byName = new Map<string, NameGroup[]>();
  /** Evidence of a company part, worked out once for the rows that share it. */
  private readonly profiles = new WeakMap<Customer, CompanyProfile>();

  private readonly rowValues: boolean;
  private readonly spill: ContactSpill | undefined;
  private readonly shelf: RecordShelf | undefined;

  constructor(options: GrouperOptions = {}) {
    this.countOnly = options.countOnly ?? false;
    this.rowValues = options.rowValues ?? false;
    this.spill = options.spill;
    this.shelf = options.shelf;
  }

  /** Add a valid row; returns warnings about conflicting customer values. */
  add(row: MappedRow): RowIssue[] {
    if (row.contact) this.contactCount++;
    const contact: ContactRecord | undefined = row.contact && !this.countOnly ? { sources: [row.source], contact: row.contact } : undefined;
    const { key, evidence } = this.place(row);
    const at = this.groups.get(key);
    const existing = at === undefined ? undefined : this.shelf ? this.shelf.edit(at) : this.kept[at]!;
    if (!existing) {
      // A copy: the row's customer may be shared with other rows of the same company (see customer-cache.ts).
      const customer = compactCopy(row.customer, this.countOnly ? 'notes' : undefined);
      const record: CustomerRecord = { sources: [row.source], customer, contacts: [] };
      if (this.spill) record.spilled = { owner: this.groups.size, emails: [] };
      this.groups.set(key, this.shelf ? this.shelf.add(record) : this.kept.push(record) - 1);
      if (contact) this.keepContact(record, contact);
      return [];
    }
    if (this.countOnly) return this.merge(existing, row);
    if (this.rowValues) noteRowValues(existing, row.customer);
    existing.sources.push(row.source);
    addFold(existing, evidence, row.source);
    if (contact) this.keepContact(existing, contact);
    return this.merge(existing, row);
  }

  private keepContact(record: CustomerRecord, contact: ContactRecord): void {
    if (!record.spilled || !this.spill) return void record.contacts.push(contact);
    this.spill.add(record.spilled.owner, contact);
  }

  /** How many customers and contacts the rows added so far make (contacts before any dedupe: one per row that names a person). */
  totals(): { customers: number; contacts: number } {
    return { customers: this.groups.size, contacts: this.contactCount };
  }

  /** The group key of a row, and why it joins that group when the group exists. */
  private place(row: MappedRow): { key: string; evidence: string } {
    const kind = row.key.slice(0, row.key.indexOf(':'));
    if (kind === 'id') return { key: row.key, evidence: `same Syncro id ${row.key.slice(3)}` };
    if (kind === 'key') return { key: row.key, evidence: `same company id ${row.key.slice(4)}` };
    if (kind !== 'name') return { key: row.key, evidence: '' };
    const groups = this.byName.get(row.key);
    const domain = companyDomain(row.contact?.email);
    if (groups?.length === 1 && groups[0]!.last === row.customer && (!domain || groups[0]!.profile.domains.has(domain))) {
      // The common case, a company's rows one after another: the same company part, no new email domain.
      addEmail(groups[0]!.profile, row.contact?.email);
      return { key: groups[0]!.key, evidence: 'same name and company details' };
    }
    const p = this.profileOfRow(row);
    if (!groups) {
      this.byName.set(row.key, [{ key: row.key, profile: p, last: row.customer }]);
      return { key: row.key, evidence: '' };
    }
    const at = placeAmong(
      groups.map((g) => g.profile),
      p,
    );
    if (at.join >= 0) {
      const g = groups[at.join]!;
      mergeProfile(g.profile, p);
      g.last = row.customer;
      return { key: g.key, evidence: `same name; ${at.text}` };
    }
    const key = `${row.key}#${groups.length + 1}`;
    groups.push({ key, profile: p, last: row.customer });
    return { key, evidence: '' };
  }

  /** A fresh profile of the row: its company part's, plus its contact's email domain. */
  private profileOfRow(row: MappedRow): CompanyProfile {
    let base = this.profiles.get(row.customer);
    if (!base) this.profiles.set(row.customer, (base = profileOf(row.customer)));
    const p = profileOf({});
    mergeProfile(p, base);
    addEmail(p, row.contact?.email);
    return p;
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
      if (have === undefined || have === '') target[field] = typeof value === 'string' ? ownCopy(value) : value;
      else if (have !== value && loose(have) !== loose(value)) {
        extra.push(`Other ${field} (${row.source.file} row ${row.source.row}): ${String(value)}`);
        issues.push({
          source: row.source,
          field,
          value: String(value),
          code: 'CUSTOMER_CONFLICT',
          severity: 'warning',
          message: `this row gives the customer's ${field} as "${String(value)}", ${where} gave "${String(have)}": the first was kept, this one is in the customer's notes`,
        });
      }
    }
    const props = row.customer.properties;
    if (props) {
      const mine = (into.customer.properties ??= {});
      for (const [k, v] of Object.entries(props)) {
        if (mine[k] === undefined || mine[k] === '') mine[k] = ownCopy(v);
        else if (mine[k] !== v && loose(mine[k]) !== loose(v)) {
          extra.push(`Other ${k} (${row.source.file} row ${row.source.row}): ${v}`);
          issues.push({
            source: row.source,
            field: k,
            value: v,
            code: 'CUSTOMER_CONFLICT',
            severity: 'warning',
            message: `this row gives custom field "${k}" as "${v}", ${where} gave "${mine[k]}": the first was kept, this one is in the customer's notes`,
          });
        }
      }
    }
    if (this.countOnly) return issues;
    const notes = mergeNotes(mergeNotes(into.customer.notes, row.customer.notes), extra.join('\n') || undefined);
    if (notes !== undefined) (into.customer as Customer).notes = notes;
    return issues;
  }

  /** The customers, in first-seen order (their lists trimmed to size: a list grown row by row keeps room for more). */
  records(): CustomerRecord[] {
    if (this.shelf) throw new Error('CustomerGrouper: the records are on the shelf (seal it with shelve())');
    const out = this.kept;
    for (const r of out) {
      r.sources = r.sources.slice();
      if (r.folds) for (const f of r.folds) f.sources = f.sources.slice();
    }
    if (this.spill) {
      const emails = this.evidenceEmails(out.length, (i) => out[i]!.customer);
      for (const r of out) if (r.spilled) r.spilled.emails = emails.get(r.spilled.owner) ?? [];
    }
    return out;
  }

  /** Reading is over: seals the shelf the records were kept on, with what folding reads of their contacts. */
  shelve(): RecordShelf {
    if (!this.shelf) throw new Error('CustomerGrouper: no shelf');
    const shelf = this.shelf;
    shelf.seal(this.spill ? this.evidenceEmails(shelf.length, (i) => shelf.customerAt(i)) : undefined);
    return shelf;
  }

  /** What folding reads of the contacts kept on disk: their company domains, and mailboxes that are some customer's own. */
  private evidenceEmails(n: number, customerAt: (i: number) => Customer): Map<number, string[]> {
    const own = new Set<string>();
    for (let i = 0; i < n; i++) {
      const e = (customerAt(i).email ?? '').trim().toLowerCase();
      if (e.includes('@')) own.add(e);
    }
    return this.spill!.evidenceEmails(own);
  }
}
