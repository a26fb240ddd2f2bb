/**
 * One source row → a validated customer (and contact) through a compiled
 * template: rules evaluated, values coerced, unmapped columns sent to
 * properties or notes (never dropped), residential customers made people,
 * the user's --normalize options applied, then the zod schemas checked.
 */
import type { Contact, Customer } from '../model/index.js';
import type { RowIssue, SourceRef } from '../model/source.js';
import { companyMatchKey } from '../normalize/index.js';
import type { CountryCode } from '../normalize/index.js';
import type { SourceRow } from '../read/types.js';
import type { BoundRule, CompiledTemplate, Scalar } from '../templates/compile.js';
import { valueKey } from '../templates/compile.js';
import type { TaxRateTable } from '../templates/tax-rates.js';
import { canonicalCustomerType, stripProtectiveApostrophe } from '../templates/values.js';
import { assign } from './assign.js';
import { addIssue, emptyDraft } from './draft.js';
import type { Draft, Entity, RowState } from './draft.js';
import type { NormalizeOption } from './normalize-options.js';
import { applyNormalize } from './normalize-values.js';
import { contactBecomesCustomer, makeResidential, personParts } from './person.js';
import { validateRecord } from './validate.js';

/** A mapped and validated row. `valid` is false when any issue is an error (the row is rejected). */
export interface MappedRow {
  source: SourceRef;
  /** Group key: `id:` Syncro id, `key:` source company id, `name:` company match key, or `row:` (a person). */
  key: string;
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
}

const tokens = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Evaluate one bound rule for a row; undefined when it yields nothing. */
function ruleValue(rule: BoundRule, get: (col: string) => string, state: RowState, entity: Entity): { value: Scalar; fromCell: boolean } | undefined {
  let v: Scalar | undefined;
  let fromCell = false;
  if (rule.kind === 'const') v = rule.const;
  else if (rule.kind === 'column') {
    const s = get(rule.columns[0] as string).trim();
    if (s !== '') {
      v = s;
      fromCell = true;
    }
  } else if (rule.kind === 'join') {
    const parts: string[] = [];
    for (const c of rule.columns) {
      const s = get(c).trim();
      if (s !== '') parts.push(s);
    }
    if (parts.length > 0) {
      v = parts.join(rule.separator);
      fromCell = true;
    }
  }
  if (v === undefined) v = rule.default;
  if (v === undefined) return undefined;
  if (rule.part && typeof v === 'string' && fromCell) {
    const full = v;
    const p = personParts(full);
    v = rule.part === 'first' ? p.first : p.last;
    const kept = new Set(tokens(`${p.first} ${p.last}`));
    const lost = tokens(full).filter((t) => !kept.has(t));
    if (lost.length > 0) {
      const draft = entity === 'customer' ? state.customer : state.contact;
      const line = `Full name in source: ${full}`;
      if (!draft.noteLines.includes(line)) draft.noteLines.push(line);
      addIssue(state, { field: rule.columns.join(' + '), value: full, code: 'NAME_PARTS_DROPPED', severity: 'warning', message: `"${full}" was split into first "${p.first}" and last "${p.last}" (${lost.join(', ')} left out); the full name was kept in the notes` });
    }
    if (v === '') return undefined;
  }
  if (rule.map && typeof v === 'string') {
    const k = valueKey(v);
    if (rule.map.has(k)) {
      const m = rule.map.get(k);
      if (m === null || m === undefined) return undefined;
      v = m;
    }
  }
  return { value: v, fromCell };
}

function finish(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d.fields };
  if (Object.keys(d.properties).length > 0) out.properties = d.properties;
  if (d.noteLines.length > 0) out.notes = [typeof d.fields.notes === 'string' ? d.fields.notes : '', ...d.noteLines].filter(Boolean).join('\n');
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
  const label = (entity: Entity, target: string): string => columnsOf.get(`${entity}.${target}`)?.join(' + ') ?? target;

  return (row) => {
    const state: RowState = {
      source: row.source,
      issues: row.issues ? [...row.issues] : [],
      customer: emptyDraft(),
      contact: emptyDraft(),
      contactHasData: false,
      columnsOf,
    };
    const values = row.values;
    const get = strip ? (c: string) => stripProtectiveApostrophe(values[c] ?? '') : (c: string) => values[c] ?? '';
    for (const rule of compiled.customer) {
      const r = ruleValue(rule, get, state, 'customer');
      if (r) assign(state, 'customer', rule.target, r.value);
    }
    for (const rule of compiled.contact) {
      const r = ruleValue(rule, get, state, 'contact');
      if (!r) continue;
      if (r.fromCell) state.contactHasData = true;
      assign(state, 'contact', rule.target, r.value);
    }
    const toContact = t.unmapped.entity === 'contact' && state.contactHasData;
    const dest = toContact ? state.contact : state.customer;
    const put = (col: string, v: string) => {
      if (t.unmapped.to === 'properties') dest.properties[col] = v;
      else dest.noteLines.push(`${col}: ${v}`);
    };
    for (const col of compiled.unmapped) {
      const v = get(col).trim();
      if (v !== '') put(col, v);
    }
    if (row.extra) for (const [col, v] of Object.entries(row.extra)) if (v.trim() !== '') put(col, stripProtectiveApostrophe(v).trim());

    const cu = state.customer.fields;
    const business = typeof cu.business_name === 'string' ? cu.business_name : '';
    const key =
      cu.id !== undefined ? `id:${String(cu.id)}`
      : state.key ? `key:${state.key.toLowerCase()}`
      : business && companyMatchKey(business) ? `name:${companyMatchKey(business)}`
      : `row:${row.source.file}|${row.source.sheet ?? ''}|${row.source.row}`;

    const canonical = state.type ? canonicalCustomerType(state.type) : undefined;
    const person = state.contact.fields.name;
    if (!business && !cu.firstname && !cu.lastname && cu.id === undefined && !state.key && state.contactHasData && person) {
      contactBecomesCustomer(state); // no company: the person is the customer
    } else if (state.contactHasData && !person && !state.contact.fields.email && (business || state.key) && t.entity === 'contacts') {
      contactBecomesCustomer(state); // a company row whose contact columns name nobody (just a phone)
    }
    if (canonical === 'Residential') makeResidential(state);

    if (state.type && typeProperty) {
      state.customer.properties[typeProperty] = canonical ?? state.type;
      if (!canonical) addIssue(state, { field: label('customer', 'type'), value: state.type, code: 'CUSTOMER_TYPE_UNKNOWN', severity: 'warning', message: `customer type "${state.type}" is not Business, Residential, Government or Non-Profit; recorded as written` });
    }
    if (state.key && t.keyProperty) state.customer.properties[t.keyProperty] = state.key;
    if (state.taxRate) resolveTaxRate(state, options.taxRates, label('customer', 'tax_rate'));
    applyNormalize(state, normalize, country as CountryCode);

    const customer = finish(state.customer) as Customer;
    const contact = state.contactHasData ? (finish(state.contact) as Contact) : undefined;
    const customerIsReference = customer.id !== undefined && !customer.business_name && !customer.firstname && !customer.lastname;
    state.issues.push(...validateRecord(customer, contact, row.source, label, customerIsReference));
    const mapped: MappedRow = { source: row.source, key, customer, customerIsReference, issues: state.issues, valid: !state.issues.some((i) => i.severity === 'error') };
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
