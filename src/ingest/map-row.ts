/**
 * One source row → a validated customer (and contact) through a compiled
 * template: rules evaluated, values coerced, unmapped columns sent to
 * properties or notes (never dropped), residential customers made people,
 * the user's --normalize options applied, then the zod schemas checked.
 *
 * Most exports repeat the company's columns on every contact row: a
 * company part already mapped and validated for the same cells is reused
 * (see customer-cache.ts), unless this row's contact changes it.
 *
 * Each part's rules run as one generated function (part.ts), and the common
 * row of a template whose rules are plain takes a fast path to the same
 * result (fast-row.ts); every other row is mapped here.
 */
import { customFieldName } from '../model/fields.js';
import type { Contact, Customer } from '../model/index.js';
import type { RowIssue, SourceRef } from '../model/source.js';
import { companyMatchKey } from '../normalize/index.js';
import type { CountryCode } from '../normalize/index.js';
import type { SourceRow } from '../read/types.js';
import type { BoundRule, CompiledTemplate } from '../templates/compile.js';
import type { TaxRateTable } from '../templates/tax-rates.js';
import { canonicalCustomerType, stripProtectiveApostrophe } from '../templates/values.js';
import { assigner } from './assign.js';
import { CustomerCache } from './customer-cache.js';
import type { CustomerFacts } from './customer-cache.js';
import { addIssue, emptyDraft, hasError, UNUSED_DRAFT } from './draft.js';
import type { Draft, Entity, RowState } from './draft.js';
import { fastRowMapper } from './fast-row.js';
import type { NormalizeOption } from './normalize-options.js';
import { applyNormalize } from './normalize-values.js';
import { contactBecomesCustomer, contactReshapes, makeResidential } from './person.js';
import { compilePart, partLoop } from './part.js';
import type { PartRule } from './part.js';
import { cellText, compileRule } from './rule.js';
import type { ApplyRule } from './rule.js';
import { textMemo } from './text-memo.js';
import { validateContact, validateCustomer } from './validate.js';
import type { CompanyPart, MappedRow } from './mapped-row.js';

export type { CompanyPart, MappedRow } from './mapped-row.js';

export interface MapperOptions {
  taxRates?: TaxRateTable;
  normalize?: ReadonlySet<NormalizeOption>;
  defaultCountry?: CountryCode;
  /** Overrides the template's `customerTypeProperty`. */
  customerTypeProperty?: string | null;
  /** Reuse the mapped company part of rows with the same company cells (default true; off only to test that it changes nothing). */
  memo?: boolean;
  /** Generated code: each part's rules as one function, and the fast path of fast-row.ts (default true; off only to test that it changes nothing). */
  generate?: boolean;
}

const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

/** The draft as a record (its fields object, completed in place: drafts are per row). */
function finish(d: Draft): Record<string, unknown> {
  const out = d.fields;
  if (d.hasProperties) out.properties = d.properties;
  if (d.hasNoteLines) {
    const lines = typeof out.notes === 'string' && out.notes !== '' ? [out.notes, ...d.noteLines] : d.noteLines;
    out.notes = lines.length === 1 ? (lines[0] as string) : lines.join('\n');
  }
  return out;
}

/** Reset the mapper's state for a new row (the customer draft is made only when the company part is mapped). */
function startRow(state: RowState, source: SourceRef): void {
  state.source = source;
  state.issues = [];
  state.customer = UNUSED_DRAFT;
  state.contact = emptyDraft();
  state.key = undefined;
  state.type = undefined;
  state.taxRate = undefined;
  state.contactHasData = false;
}

/**
 * Build the per-row mapping function for a compiled template. Rows read by
 * a reader carry their cells by position (`SourceRow.cells`), which must line
 * up with the headers the template was compiled for (as in stream.ts); rows
 * without cells are read by header name from `values`.
 * @example const map = createRowMapper(compileTemplate(t, table.headers)); for await (const r of table.rows()) map(r);
 */
export function createRowMapper(compiled: CompiledTemplate, options: MapperOptions = {}): (row: SourceRow) => MappedRow {
  const t = compiled.template;
  const strip = t.stripApostrophe;
  const typeProperty = options.customerTypeProperty !== undefined ? options.customerTypeProperty : t.customerTypeProperty;
  const normalize = options.normalize ?? new Set<NormalizeOption>();
  const country = options.defaultCountry ?? 'US';
  const memo = options.memo !== false;
  const headers = compiled.headers;
  const indexOf = new Map<string, number>();
  headers.forEach((h, i) => indexOf.set(h, i));
  const colIndex = (c: string): number => indexOf.get(c) ?? -1; // -1 reads as a missing cell
  const columnsOf = new Map<string, string[]>();
  for (const r of compiled.customer) if (r.columns.length) columnsOf.set(`customer.${r.target}`, r.columns);
  for (const r of compiled.contact) if (r.columns.length) columnsOf.set(`contact.${r.target}`, r.columns);
  const label =
    (entity: Entity) =>
    (target: string): string =>
      columnsOf.get(`${entity}.${target}`)?.join(' + ') ?? target;
  const customerLabel = label('customer');
  const contactLabel = label('contact');
  const rule =
    (entity: Entity) =>
    (r: BoundRule): PartRule => {
      const cols = r.columns.map(colIndex);
      const assign = assigner(entity, r.target);
      return { rule: r, cols, assign, apply: compileRule(r, entity, cols, strip, assign) };
    };
  const part = (entity: Entity, rules: BoundRule[]): ApplyRule =>
    (options.generate === false ? partLoop : (r: PartRule[]) => compilePart(entity, r, strip))(rules.map(rule(entity)));
  const customerPart = part('customer', compiled.customer);
  const contactPart = part('contact', compiled.contact);
  // Unmapped columns, with the custom field each names (a "custom: Name" column), worked out once.
  const unmapped = compiled.unmapped.map((col) => ({ col, index: colIndex(col), custom: customFieldName(col) }));
  const toProperties = t.unmapped.to === 'properties';
  const cache = new CustomerCache(compiled);
  const contactsFile = t.entity === 'contacts';
  const cellsOf = (values: Record<string, string>): string[] => headers.map((h) => values[h] ?? '');
  // canonicalCustomerType, remembered: a type column holds a few values over and over.
  const customerType = textMemo(canonicalCustomerType);

  const put = (dest: Draft, col: string, custom: string | undefined, v: string): void => {
    // A "custom: Name" column (our own export writes them) is always that custom field.
    if (custom !== undefined) dest.properties[custom] = v;
    else if (toProperties) dest.properties[col] = v;
    else dest.noteLines.push(`${col}: ${v}`);
  };
  const routeUnmapped = (dest: Draft, cells: readonly string[], extra: Record<string, string> | undefined): void => {
    for (let k = 0; k < unmapped.length; k++) {
      const u = unmapped[k] as (typeof unmapped)[number];
      const v = cellText(cells, u.index, strip).trim();
      if (v !== '') put(dest, u.col, u.custom, v);
    }
    if (extra)
      for (const [col, v] of Object.entries(extra))
        if (v.trim() !== '') put(dest, col, customFieldName(col), stripProtectiveApostrophe(v).trim());
  };

  // One state for every row, reset at its start (nothing keeps it past the row): all its fields set from the
  // start give it a single shape, so every rule and assigner reads it the fast way, and no row allocates it.
  const state: RowState = {
    source: { file: '', row: 0 },
    issues: [],
    customer: UNUSED_DRAFT,
    contact: UNUSED_DRAFT,
    key: undefined,
    type: undefined,
    taxRate: undefined,
    contactHasData: false,
    columnsOf,
  };

  /**
   * The company part of a row, mapped (not reused): its customer, group key
   * and issues, stored in the cache when it can be reused. Unmapped columns
   * go to the customer, or with `toContact` to `contactDest`, the general
   * path's contact draft. Without one (the fast path, whose contact is no
   * draft and has its unmapped columns already) the answer is undefined,
   * nothing changed that the general path reads, where the contact would be
   * moved onto the customer or the customer is residential (both read or
   * change the contact draft).
   */
  const mapCompany = (
    row: SourceRow,
    cells: readonly string[],
    toContact: boolean,
    contactDest: Draft | undefined,
    person: unknown,
    contactEmail: unknown,
  ): CompanyPart | undefined => {
    state.issues = [];
    state.customer = emptyDraft();
    customerPart(state, cells);
    if (!toContact) routeUnmapped(state.customer, cells, row.extra);
    else if (contactDest) routeUnmapped(contactDest, cells, row.extra);
    const cu = state.customer.fields;
    const business = typeof cu.business_name === 'string' ? cu.business_name : '';
    const facts: CustomerFacts = {
      business: business !== '',
      names: Boolean(cu.firstname || cu.lastname),
      id: cu.id !== undefined,
      key: Boolean(state.key),
    };
    const matchKey = facts.id || state.key || !business ? '' : companyMatchKey(business);
    const ofRow = !facts.id && !state.key && !matchKey; // a person's key names its own row
    const key = facts.id
      ? `id:${String(cu.id)}`
      : state.key
        ? `key:${state.key.toLowerCase()}`
        : !ofRow
          ? `name:${matchKey}`
          : `row:${row.source.file}|${row.source.sheet ?? ''}|${row.source.row}`;
    const canonical = state.type ? customerType(state.type) : undefined;
    const reshaped = contactReshapes(facts, contactsFile, state.contactHasData, person, contactEmail);
    if (!contactDest && (reshaped || canonical === 'Residential')) return undefined;
    if (reshaped) contactBecomesCustomer(state);
    if (canonical === 'Residential') makeResidential(state);
    if (state.type && typeProperty) {
      state.customer.properties[typeProperty] = canonical ?? state.type;
      if (!canonical)
        addIssue(state, {
          field: customerLabel('type'),
          value: state.type,
          code: 'CUSTOMER_TYPE_UNKNOWN',
          severity: 'warning',
          message: `customer type "${state.type}" is not Business, Residential, Government or Non-Profit; recorded as written`,
        });
    }
    if (state.key && t.keyProperty) state.customer.properties[t.keyProperty] = state.key;
    if (state.taxRate) resolveTaxRate(state, options.taxRates, customerLabel('tax_rate'));
    applyNormalize(state, 'customer', normalize, country);
    const customer = finish(state.customer) as Customer;
    const isReference = customer.id !== undefined && !customer.business_name && !customer.firstname && !customer.lastname;
    const issues = state.issues;
    const errors = validateCustomer(customer, row.source, customerLabel, isReference, state.contactHasData);
    if (errors.length > 0) issues.push(...errors);
    // A person's key names its own row, so it is never reused; nor is a customer with errors.
    if (memo && !row.extra && !reshaped && canonical !== 'Residential' && !ofRow && !hasError(issues)) {
      cache.set(cells, toContact, { customer, key, issues, facts });
    }
    return { customer, key, issues };
  };

  const general = (row: SourceRow): MappedRow => {
    const readerIssues = row.issues ?? NO_ISSUES;
    const cells = row.cells ?? cellsOf(row.values);
    startRow(state, row.source);

    // Contact part.
    if (contactPart(state, cells)) state.contactHasData = true;
    const contactIssues = state.issues;
    const person = state.contact.fields.name;
    const contactEmail = state.contact.fields.email;
    const toContact = t.unmapped.entity === 'contact' && state.contactHasData;

    // Company part: reused when the same company cells were mapped before and this row's contact does not change it.
    const cached = memo && !row.extra ? cache.get(cells, toContact) : undefined; // rows with cells past the header are never cached
    let customer: Customer;
    let customerIssues: RowIssue[];
    let key: string;
    if (cached && !contactReshapes(cached.facts, contactsFile, state.contactHasData, person, contactEmail)) {
      customer = cached.customer;
      key = cached.key;
      customerIssues = cached.issues.length === 0 ? cached.issues : cached.issues.map((i) => ({ ...i, source: row.source }));
      if (toContact) routeUnmapped(state.contact, cells, row.extra);
    } else {
      ({ customer, key, issues: customerIssues } = mapCompany(row, cells, toContact, state.contact, person, contactEmail) as CompanyPart);
    }

    // Finish the contact (after the company part, which may have taken it over).
    state.issues = contactIssues;
    let contact: Contact | undefined;
    if (state.contactHasData) {
      applyNormalize(state, 'contact', normalize, country);
      contact = finish(state.contact) as Contact;
      const contactErrors = validateContact(contact, row.source, contactLabel);
      if (contactErrors.length > 0) contactIssues.push(...contactErrors);
    }
    const issues =
      readerIssues.length + customerIssues.length === 0 ? contactIssues : [...readerIssues, ...contactIssues, ...customerIssues];
    const valid = !hasError(issues);
    const customerIsReference = customer.id !== undefined && !customer.business_name && !customer.firstname && !customer.lastname;
    const mapped: MappedRow = { source: row.source, key, customer, customerIsReference, issues, valid };
    if (contact) mapped.contact = contact;
    return mapped;
  };
  // The company part of a row the fast path maps: its contact is built, and unmapped columns routed, there.
  const company = (row: SourceRow, cells: readonly string[], person: unknown, contactEmail: unknown): CompanyPart | undefined => {
    state.source = row.source;
    state.contact = UNUSED_DRAFT;
    state.key = undefined;
    state.type = undefined;
    state.taxRate = undefined;
    state.contactHasData = true;
    return mapCompany(row, cells, t.unmapped.entity === 'contact', undefined, person, contactEmail);
  };
  // The common row, when the template allows: the same result without the general path's work (see fast-row.ts).
  const fast =
    memo && options.generate !== false && normalize.size === 0
      ? fastRowMapper({ compiled, colIndex, strip, cache, unmapped, typeProperty, keyProperty: t.keyProperty, company })
      : undefined;
  return fast ? (row) => fast(row) ?? general(row) : general;
}

function resolveTaxRate(state: RowState, table: TaxRateTable | undefined, field: string): void {
  const value = state.taxRate as string;
  if (!table) {
    state.customer.noteLines.push(`Tax rate: ${value}`);
    addIssue(state, {
      field,
      value,
      code: 'TAX_RATE_NO_TABLE',
      severity: 'warning',
      message: `tax rate "${value}" was kept in the notes and tax_rate_id left unset: pass --tax-rates FILE (id, name, rate) to map it to your Syncro tax rates`,
    });
    return;
  }
  const id = table.lookup(value);
  if (id === undefined) {
    const known = table.entries.map((e) => e.name ?? `${e.rate}%`).join(', ');
    addIssue(state, {
      field,
      value,
      code: 'TAX_RATE_UNKNOWN',
      severity: 'error',
      message: `tax rate "${value}" is not in ${table.file} (${known}); add it there rather than have it guessed`,
    });
    return;
  }
  state.customer.fields.tax_rate_id = id;
}
