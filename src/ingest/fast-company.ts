/**
 * The fast path's company part for a row of a company not met before: what
 * `mapCompany` (map-row.ts) does for the common company, without the draft
 * and row state. The customer is built by a function written out for the
 * template's customer rules (plain-rules.ts), then given its key, its type
 * and key custom fields, finished and tested as validation tests it, and
 * stored in the cache like the general path stores it. Where the general
 * path would do more (a company that is a person, a residential customer, a
 * contact that reshapes it, an unknown customer type or a tax rate to
 * record with a note, an id column, a customer the fast validity test does
 * not accept…) the answer is undefined and the general path maps it.
 */
import type { Customer } from '../model/index.js';
import type { RowIssue } from '../model/source.js';
import { companyMatchKey } from '../normalize/company.js';
import { canonicalCustomerType } from '../templates/values.js';
import type { CustomerFacts } from './customer-cache.js';
import type { CompanyPart, FastRowSetup } from './mapped-row.js';
import { contactReshapes } from './person.js';
import { PLAIN_HELPERS, plainCode, plainHelpers } from './plain-rules.js';
import { recordCheck } from './record-check.js';
import { textMemo } from './text-memo.js';
import { CUSTOMER_TESTS } from './validate.js';

/** What the customer rules leave besides the record: the source's key and type (as the row state holds them), custom fields and note lines. */
interface Rest {
  key: string | undefined;
  type: string | undefined;
  props: Record<string, string> | undefined;
  notes: string | undefined;
}

type Build = (cells: readonly string[], state: Rest) => Record<string, unknown> | null;

/**
 * The company part of a row whose contact the fast path built (`person` and
 * `contactEmail` its name and email), or undefined for the general path;
 * undefined as a whole when the template's customer rules are not all plain.
 */
export function companyBuilder(
  setup: FastRowSetup,
): ((cells: readonly string[], person: unknown, contactEmail: unknown) => CompanyPart | undefined) | undefined {
  const { compiled, colIndex, strip, cache, typeProperty, keyProperty } = setup;
  const t = compiled.template;
  if (typeProperty === '__proto__' || keyProperty === '__proto__') return undefined;
  const toContact = t.unmapped.entity === 'contact';
  const unmapped = toContact ? undefined : { columns: setup.unmapped, toProperties: t.unmapped.to === 'properties' };
  const plain = plainCode('customer', compiled.customer, colIndex, strip, unmapped);
  if (!plain) return undefined;
  const check = recordCheck(CUSTOMER_TESTS, new Set([...plain.keys, 'properties', 'notes']));
  if (!check) return undefined;
  const source = `return function customer(cells, state) {
  let hit = false, v, t, m, x, b, c, notes, props;
  const f = {};
  state.key = undefined;
  state.type = undefined;
${plain.code}
  state.props = props;
  state.notes = notes;
  return f;
};`;
  let build: Build;
  try {
    build = new Function(...PLAIN_HELPERS, source)(...plainHelpers('customer', compiled.customer)) as Build;
  } catch {
    return undefined;
  }
  const contactsFile = t.entity === 'contacts';
  const customerType = textMemo(canonicalCustomerType);
  const rest: Rest = { key: undefined, type: undefined, props: undefined, notes: undefined };
  return (cells, person, contactEmail) => {
    const f = build(cells, rest);
    if (f === null) return undefined;
    const { key: sourceKey, type, notes } = rest;
    let props = rest.props;
    const business = typeof f.business_name === 'string' ? f.business_name : '';
    const facts: CustomerFacts = {
      business: business !== '',
      names: Boolean(f.firstname || f.lastname),
      id: f.id !== undefined,
      key: Boolean(sourceKey),
    };
    const matchKey = facts.id || sourceKey || !business ? '' : companyMatchKey(business);
    if (!facts.id && !sourceKey && !matchKey) return undefined; // a person's own row, never reused
    const canonical = type ? customerType(type) : undefined;
    if (canonical === 'Residential' || contactReshapes(facts, contactsFile, true, person, contactEmail)) return undefined;
    if (type && typeProperty) {
      if (!canonical) return undefined; // recorded as written, with a warning
      (props ??= {})[typeProperty] = canonical;
    }
    if (sourceKey && keyProperty) (props ??= {})[keyProperty] = sourceKey;
    // The draft's finish (see FINISH_CODE): custom fields, then note lines after the notes a rule set.
    if (props !== undefined) f.properties = props;
    if (notes !== undefined) f.notes = typeof f.notes === 'string' && f.notes !== '' ? `${f.notes}\n${notes}` : notes;
    if (!check(f)) return undefined;
    const customer = f as Customer;
    const key = facts.id ? `id:${String(f.id)}` : sourceKey ? `key:${sourceKey.toLowerCase()}` : `name:${matchKey}`;
    const issues: RowIssue[] = [];
    cache.set(cells, toContact, { customer, key, issues, facts });
    return { customer, key, issues };
  };
}
