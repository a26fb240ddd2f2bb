/**
 * One source row → a validated customer (and contact) through a compiled
 * template: rules evaluated, values coerced, unmapped columns sent to
 * properties or notes (never dropped), residential customers made people,
 * the user's --normalize options applied, then the zod schemas checked.
 *
 * Most exports repeat the company's columns on every contact row: a
 * company part already mapped and validated for the same cells is reused
 * (see customer-cache.ts), unless this row's contact changes it.
 */
import { customFieldName } from '../model/fields.js';
import type { Contact, Customer } from '../model/index.js';
import type { RowIssue, SourceRef } from '../model/source.js';
import { companyMatchKey } from '../normalize/index.js';
import type { CountryCode } from '../normalize/index.js';
import type { SourceRow } from '../read/types.js';
import type { BoundRule, CompiledTemplate, Scalar } from '../templates/compile.js';
import { valueKey } from '../templates/compile.js';
import type { TaxRateTable } from '../templates/tax-rates.js';
import { canonicalCustomerType, stripProtectiveApostrophe } from '../templates/values.js';
import { assigner } from './assign.js';
import type { Assign } from './assign.js';
import { CustomerCache } from './customer-cache.js';
import { addIssue, emptyDraft } from './draft.js';
import type { Draft, Entity, RowState } from './draft.js';
import type { NormalizeOption } from './normalize-options.js';
import { applyNormalize } from './normalize-values.js';
import { contactBecomesCustomer, makeResidential, personParts } from './person.js';
import { validateContact, validateCustomer } from './validate.js';

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

export interface MapperOptions {
  taxRates?: TaxRateTable;
  normalize?: ReadonlySet<NormalizeOption>;
  defaultCountry?: CountryCode;
  /** Overrides the template's `customerTypeProperty`. */
  customerTypeProperty?: string | null;
  /** Reuse the mapped company part of rows with the same company cells (default true; off only to test that it changes nothing). */
  memo?: boolean;
}

interface Op {
  rule: BoundRule;
  assign: Assign;
}

const tokens = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Evaluate one rule for a row; undefined when it yields nothing. `hit.fromCell` says a cell was read. */
function ruleValue(rule: BoundRule, get: (col: string) => string, state: RowState, entity: Entity, hit: { fromCell: boolean }): Scalar | undefined {
  let v: Scalar | undefined;
  hit.fromCell = false;
  if (rule.kind === 'column') {
    const s = get(rule.columns[0] as string).trim();
    if (s !== '') {
      v = s;
      hit.fromCell = true;
    }
  } else if (rule.kind === 'join') {
    let joined = '';
    for (const c of rule.columns) {
      const s = get(c).trim();
      if (s !== '') joined = joined === '' ? s : joined + rule.separator + s;
    }
    if (joined !== '') {
      v = joined;
      hit.fromCell = true;
    }
  } else if (rule.kind === 'const') v = rule.const;
  if (v === undefined) v = rule.default;
  if (v === undefined) return undefined;
  if (rule.part && hit.fromCell) {
    v = namePart(rule, String(v), state, entity);
    if (v === '') return undefined;
  }
  if (rule.map && typeof v === 'string') {
    const k = valueKey(v);
    if (rule.map.has(k)) {
      const m = rule.map.get(k);
      return m === null ? undefined : m;
    }
  }
  return v;
}

/** First or last name of a full-name cell; words the split leaves out are kept in the notes. */
function namePart(rule: BoundRule, full: string, state: RowState, entity: Entity): string {
  const p = personParts(full);
  const kept = new Set(tokens(`${p.first} ${p.last}`));
  const lost = tokens(full).filter((t) => !kept.has(t));
  if (lost.length > 0) {
    const draft = entity === 'customer' ? state.customer : state.contact;
    const line = `Full name in source: ${full}`;
    if (!draft.noteLines.includes(line)) draft.noteLines.push(line);
    addIssue(state, { field: rule.columns.join(' + '), value: full, code: 'NAME_PARTS_DROPPED', severity: 'warning', message: `"${full}" was split into first "${p.first}" and last "${p.last}" (${lost.join(', ')} left out); the full name was kept in the notes` });
  }
  return rule.part === 'first' ? p.first : p.last;
}

/** The draft as a record (its fields object, completed in place: drafts are per row). */
function finish(d: Draft): Record<string, unknown> {
  const out = d.fields;
  for (const _ in d.properties) {
    out.properties = d.properties;
    break;
  }
  if (d.noteLines.length > 0) out.notes = (typeof out.notes === 'string' && out.notes !== '' ? [out.notes, ...d.noteLines] : d.noteLines).join('\n');
  return out;
}

/**
 * Build the per-row mapping function for a compiled template.
 * @example const map = createRowMapper(compileTemplate(t, table.headers)); for await (const r of table.rows()) map(r);
 */
export function createRowMapper(compiled: CompiledTemplate, options: MapperOptions = {}): (row: SourceRow) => MappedRow {
  const t = compiled.template;
  const strip = t.stripApostrophe;
  const typeProperty = options.customerTypeProperty !== undefined ? options.customerTypeProperty : t.customerTypeProperty;
  const normalize = options.normalize ?? new Set<NormalizeOption>();
  const country = options.defaultCountry ?? 'US';
  const columnsOf = new Map<string, string[]>();
  for (const r of compiled.customer) if (r.columns.length) columnsOf.set(`customer.${r.target}`, r.columns);
  for (const r of compiled.contact) if (r.columns.length) columnsOf.set(`contact.${r.target}`, r.columns);
  const label = (entity: Entity) => (target: string): string => columnsOf.get(`${entity}.${target}`)?.join(' + ') ?? target;
  const customerLabel = label('customer');
  const contactLabel = label('contact');
  const customerOps: Op[] = compiled.customer.map((rule) => ({ rule, assign: assigner('customer', rule.target) }));
  const contactOps: Op[] = compiled.contact.map((rule) => ({ rule, assign: assigner('contact', rule.target) }));
  const cache = new CustomerCache(compiled);
  const hit = { fromCell: false };
  const contactsFile = t.entity === 'contacts';
  let values: Record<string, string> = {};
  const get = strip ? (c: string) => stripProtectiveApostrophe(values[c] ?? '') : (c: string) => values[c] ?? '';

  return (row) => {
    const readerIssues = row.issues ?? [];
    const state: RowState = { source: row.source, issues: [], customer: emptyDraft(), contact: emptyDraft(), contactHasData: false, columnsOf };
    values = row.values;

    // Contact part.
    for (const op of contactOps) {
      const v = ruleValue(op.rule, get, state, 'contact', hit);
      if (v === undefined) continue;
      if (hit.fromCell) state.contactHasData = true;
      op.assign(state, v);
    }
    const contactIssues = state.issues;
    const person = state.contact.fields.name;
    const contactEmail = state.contact.fields.email;
    const toContact = t.unmapped.entity === 'contact' && state.contactHasData;
    const put = (dest: Draft, col: string, v: string) => {
      // A "custom: Name" column (our own export writes them) is always that custom field.
      const custom = customFieldName(col);
      if (custom !== undefined) dest.properties[custom] = v;
      else if (t.unmapped.to === 'properties') dest.properties[col] = v;
      else dest.noteLines.push(`${col}: ${v}`);
    };
    const routeUnmapped = (dest: Draft) => {
      for (const col of compiled.unmapped) {
        const v = get(col).trim();
        if (v !== '') put(dest, col, v);
      }
      if (row.extra) for (const [col, v] of Object.entries(row.extra)) if (v.trim() !== '') put(dest, col, stripProtectiveApostrophe(v).trim());
    };

    // Company part: reused when the same company cells were mapped before and this row's contact does not change it.
    const cacheKey = options.memo === false ? undefined : cache.key(values, toContact, row.extra);
    const cached = cacheKey === undefined ? undefined : cache.get(cacheKey, values);
    const contactReshapes = (f: { business: boolean; names: boolean; id: boolean; key: boolean }) =>
      (!f.business && !f.names && !f.id && !f.key && state.contactHasData && Boolean(person)) ||
      (contactsFile && state.contactHasData && !person && !contactEmail && (f.business || f.key));
    let customer: Customer;
    let customerIssues: RowIssue[];
    let key: string;
    if (cached && !contactReshapes(cached.facts)) {
      customer = cached.customer;
      key = cached.key;
      customerIssues = cached.issues.length === 0 ? cached.issues : cached.issues.map((i) => ({ ...i, source: row.source }));
      if (toContact) routeUnmapped(state.contact);
    } else {
      state.issues = [];
      for (const op of customerOps) {
        const v = ruleValue(op.rule, get, state, 'customer', hit);
        if (v !== undefined) op.assign(state, v);
      }
      routeUnmapped(toContact ? state.contact : state.customer);
      const cu = state.customer.fields;
      const business = typeof cu.business_name === 'string' ? cu.business_name : '';
      const facts = { business: business !== '', names: Boolean(cu.firstname || cu.lastname), id: cu.id !== undefined, key: Boolean(state.key) };
      const matchKey = facts.id || state.key || !business ? '' : companyMatchKey(business);
      key = facts.id ? `id:${String(cu.id)}` : state.key ? `key:${state.key.toLowerCase()}` : matchKey ? `name:${matchKey}` : `row:${row.source.file}|${row.source.sheet ?? ''}|${row.source.row}`;
      const canonical = state.type ? canonicalCustomerType(state.type) : undefined;
      const reshaped = contactReshapes(facts);
      if (reshaped) contactBecomesCustomer(state);
      if (canonical === 'Residential') makeResidential(state);
      if (state.type && typeProperty) {
        state.customer.properties[typeProperty] = canonical ?? state.type;
        if (!canonical) addIssue(state, { field: customerLabel('type'), value: state.type, code: 'CUSTOMER_TYPE_UNKNOWN', severity: 'warning', message: `customer type "${state.type}" is not Business, Residential, Government or Non-Profit; recorded as written` });
      }
      if (state.key && t.keyProperty) state.customer.properties[t.keyProperty] = state.key;
      if (state.taxRate) resolveTaxRate(state, options.taxRates, customerLabel('tax_rate'));
      applyNormalize(state, 'customer', normalize, country);
      customer = finish(state.customer) as Customer;
      const isReference = customer.id !== undefined && !customer.business_name && !customer.firstname && !customer.lastname;
      customerIssues = state.issues;
      customerIssues.push(...validateCustomer(customer, row.source, customerLabel, isReference, state.contactHasData));
      // A person's key names its own row, so it is never reused; nor is a customer with errors.
      if (cacheKey !== undefined && !reshaped && canonical !== 'Residential' && !key.startsWith('row:') && !customerIssues.some((i) => i.severity === 'error')) {
        cache.set(cacheKey, { customer, key, issues: customerIssues, facts }, values);
      }
    }

    // Finish the contact (after the company part, which may have taken it over).
    state.issues = contactIssues;
    let contact: Contact | undefined;
    if (state.contactHasData) {
      applyNormalize(state, 'contact', normalize, country);
      contact = finish(state.contact) as Contact;
      contactIssues.push(...validateContact(contact, row.source, contactLabel));
    }
    const issues = readerIssues.length + customerIssues.length === 0 ? contactIssues : [...readerIssues, ...contactIssues, ...customerIssues];
    let valid = true;
    for (const i of issues) if (i.severity === 'error') valid = false;
    const customerIsReference = customer.id !== undefined && !customer.business_name && !customer.firstname && !customer.lastname;
    const mapped: MappedRow = { source: row.source, key, customer, customerIsReference, issues, valid };
    if (contact) mapped.contact = contact;
    return mapped;
  };
}

function resolveTaxRate(state: RowState, table: TaxRateTable | undefined, field: string): void {
  const value = state.taxRate as string;
  if (!table) {
    state.customer.noteLines.push(`Tax rate: ${value}`);
    addIssue(state, { field, value, code: 'TAX_RATE_NO_TABLE', severity: 'warning', message: `tax rate "${value}" was kept in the notes and tax_rate_id left unset: pass --tax-rates FILE (id, name, rate) to map it to your Syncro tax rates` });
    return;
  }
  const id = table.lookup(value);
  if (id === undefined) {
    const known = table.entries.map((e) => e.name ?? `${e.rate}%`).join(', ');
    addIssue(state, { field, value, code: 'TAX_RATE_UNKNOWN', severity: 'error', message: `tax rate "${value}" is not in ${table.file} (${known}); add it there rather than have it guessed` });
    return;
  }
  state.customer.fields.tax_rate_id = id;
}
