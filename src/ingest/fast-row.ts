/**
 * The common row of a contacts export, mapped without the general
 * machinery: a contact read from plain cells, its company part met on the
 * row before (or stored in the customer cache) or new and plain, nothing to
 * warn about. Such rows are most of a PSA export (a company's columns
 * repeated on each of its contacts' rows), and the general mapper spends
 * more on drafts, row state and checks for rare cases than on the values.
 *
 * The contact (and a new company part, fast-company.ts) is built by a
 * function written out for the template (plain-rules.ts): each rule reads
 * and trims its cells and sets a field of the record directly; note lines
 * and custom fields are gathered as the draft's `finish` would write them,
 * in the same key order; the record is then tested as validation tests it
 * (record-check.ts). Any row this path cannot prove it maps as the general
 * path does (reader issues, cells past the header, a company part with
 * warnings or that the contact reshapes, an email cell holding more than an
 * address, a record the fast validity test does not accept…) returns
 * undefined: the caller maps it the general way. A template whose contact
 * rules are not all plain gets no fast path at all.
 * test/ingest/generated.test.ts checks both ways give the same rows.
 */
import type { Contact, Customer } from '../model/index.js';
import type { RowIssue } from '../model/source.js';
import type { SourceRow } from '../read/types.js';
import { hasError } from './draft.js';
import { companyBuilder } from './fast-company.js';
import type { FastRowSetup, MappedRow } from './mapped-row.js';
import { contactReshapes } from './person.js';
import { FINISH_CODE, PLAIN_HELPERS, plainCode, plainHelpers } from './plain-rules.js';
import { recordCheck } from './record-check.js';
import { CONTACT_TESTS } from './validate.js';

export type { UnmappedColumn } from './plain-rules.js';
export type { FastRowSetup } from './mapped-row.js';

/**
 * The contact of a row as the general path finishes it, validated; or
 * undefined when no contact rule read a value; or null for a row the
 * general path must map. Undefined as a whole when the template's contact
 * rules are not all plain or code cannot be generated.
 */
function contactBuilder(setup: FastRowSetup): ((cells: readonly string[]) => Contact | null | undefined) | undefined {
  const { compiled, colIndex, strip } = setup;
  const t = compiled.template;
  const unmapped = t.unmapped.entity === 'contact' ? { columns: setup.unmapped, toProperties: t.unmapped.to === 'properties' } : undefined;
  const plain = plainCode('contact', compiled.contact, colIndex, strip, unmapped);
  if (!plain) return undefined;
  const check = recordCheck(CONTACT_TESTS, plain.keys);
  if (!check) return undefined;
  const source = `return function contact(cells) {
  let hit = false, v, t, m, x, b, c, notes, props;
  const f = {};
${plain.code}
  if (!hit) return undefined;
${FINISH_CODE}
  return check(f) ? f : null;
};`;
  try {
    return new Function(...PLAIN_HELPERS, 'check', source)(...plainHelpers('contact', compiled.contact), check) as (
      cells: readonly string[],
    ) => Contact | null | undefined;
  } catch {
    return undefined; // code generation disallowed: the general path for every row
  }
}

/**
 * The fast path for `setup`'s template, or undefined when it has none. It
 * maps a row the way the general mapper would, or returns undefined for the
 * general mapper to map it.
 * @example const fast = fastRowMapper(setup); const map = (row) => fast?.(row) ?? general(row);
 */
export function fastRowMapper(setup: FastRowSetup): ((row: SourceRow) => MappedRow | undefined) | undefined {
  const t = setup.compiled.template;
  const build = contactBuilder(setup);
  if (!build) return undefined;
  const fastCompany = companyBuilder(setup);
  const { cache } = setup;
  const unmappedToContact = t.unmapped.entity === 'contact';
  const contactsFile = t.entity === 'contacts';
  return (row) => {
    const cells = row.cells;
    if (cells === undefined || row.issues !== undefined || row.extra !== undefined) return undefined;
    // Asked as for a row with a contact: a row without one is left to the general path below.
    const cached = cache.get(cells, unmappedToContact);
    if (cached !== undefined && cached.issues.length > 0) return undefined;
    const contact = build(cells);
    if (!contact) return undefined;
    let customer: Customer;
    let key: string;
    let issues: RowIssue[];
    if (cached !== undefined && !contactReshapes(cached.facts, contactsFile, true, contact.name, contact.email)) {
      customer = cached.customer;
      key = cached.key;
      issues = [];
    } else {
      const part = fastCompany?.(cells, contact.name, contact.email) ?? setup.company(row, cells, contact.name, contact.email);
      if (!part) return undefined;
      customer = part.customer;
      key = part.key;
      issues = part.issues.length === 0 ? [] : [...part.issues];
    }
    const customerIsReference = customer.id !== undefined && !customer.business_name && !customer.firstname && !customer.lastname;
    return { source: row.source, key, customer, customerIsReference, issues, valid: !hasError(issues), contact };
  };
}
