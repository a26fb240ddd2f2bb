/**
 * Customers that are people. A residential customer has a person's name and
 * no business name: the name comes from the source's first/last name, else
 * from the row's contact, else from the company-name cell ("Walsh, Greg").
 * A row with no company at all but a contact person becomes a customer that
 * is that person (what Syncro calls a residential customer).
 */
import { joinFullName, splitFullName } from '../normalize/index.js';
import type { CustomerFacts } from './customer-cache.js';
import { addIssue, emptyDraft } from './draft.js';
import type { RowState } from './draft.js';

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** First and last name of a full name, middle names kept with the first. */
export function personParts(full: string): { first: string; last: string } {
  const s = splitFullName(full);
  return { first: [s.first, s.middle].filter(Boolean).join(' '), last: s.last };
}

const nameKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .sort()
    .join(' ');

/** Contact fields that move onto a customer made from the contact, by customer field name. */
const MOVES: Array<[contact: string, customer: string]> = [
  ['email', 'email'],
  ['phone', 'phone'],
  ['mobile', 'mobile'],
  ['address1', 'address'],
  ['address2', 'address_2'],
  ['city', 'city'],
  ['state', 'state'],
  ['zip', 'zip'],
  ['opt_out', 'opt_out'],
];

/**
 * Whether a row's contact is moved onto its customer ({@link contactBecomesCustomer}):
 * a row whose company part names no company and no person but whose contact
 * names a person (the contact is the customer), or, in a contacts file, a row
 * whose contact names nobody (a company row).
 */
export function contactReshapes(
  f: CustomerFacts,
  contactsFile: boolean,
  contactHasData: boolean,
  person: unknown,
  contactEmail: unknown,
): boolean {
  return (
    (!f.business && !f.names && !f.id && !f.key && contactHasData && Boolean(person)) ||
    (contactsFile && contactHasData && !person && !contactEmail && (f.business || f.key))
  );
}

/**
 * Move the row's contact onto its customer (fields moved, nothing dropped):
 * a row with no company becomes a customer that is its person; a company row
 * whose contact columns name no person (just a phone) gives them to the company.
 */
export function contactBecomesCustomer(state: RowState): void {
  const c = state.contact;
  const cu = state.customer;
  const { first, last } = personParts(str(c.fields.name));
  if (!cu.fields.business_name) {
    if (!cu.fields.firstname && first) cu.fields.firstname = first;
    if (!cu.fields.lastname && last) cu.fields.lastname = last;
  }
  for (const [from, to] of MOVES) {
    const v = c.fields[from];
    if (v === undefined || v === '') continue;
    if (cu.fields[to] === undefined || cu.fields[to] === '') cu.fields[to] = v;
    else if (cu.fields[to] !== v) cu.noteLines.push(`Contact ${from}: ${String(v)}`);
  }
  if (str(c.fields.title)) cu.noteLines.push(`Title: ${str(c.fields.title)}`);
  if (str(c.fields.extension)) cu.noteLines.push(`Phone extension: ${str(c.fields.extension)}`);
  if (c.fields.id !== undefined) cu.noteLines.push(`Contact id in source: ${String(c.fields.id)}`);
  const notes = [str(cu.fields.notes), str(c.fields.notes)].filter(Boolean).join('\n');
  if (notes) cu.fields.notes = notes;
  Object.assign(cu.properties, { ...c.properties, ...cu.properties });
  cu.noteLines.push(...c.noteLines);
  state.contact = emptyDraft();
  state.contactHasData = false;
}

/**
 * A residential customer: give it a person's name and no business name. The
 * company-name cell is kept in the notes when it is not simply that name.
 */
export function makeResidential(state: RowState): void {
  const cu = state.customer.fields;
  const business = str(cu.business_name);
  if (!str(cu.firstname) && !str(cu.lastname)) {
    const from = str(state.contact.fields.name) || business;
    if (!from) return;
    const { first, last } = personParts(from);
    if (first) cu.firstname = first;
    if (last) cu.lastname = last;
  }
  // Residential: fill the customer's own email and phones from its contact, kept on the contact too.
  for (const f of ['email', 'phone', 'mobile'] as const) {
    const v = state.contact.fields[f];
    if (!cu[f] && typeof v === 'string' && v) cu[f] = v;
  }
  if (business) {
    delete cu.business_name;
    const person = joinFullName(str(cu.firstname), str(cu.lastname));
    if (nameKey(person) !== nameKey(business)) {
      state.customer.noteLines.push(`Name in source: ${business}`);
      addIssue(state, {
        field: 'business_name',
        value: business,
        code: 'RESIDENTIAL_NAME',
        severity: 'warning',
        message: `residential customer: named ${person || '(no name)'}, without a business name; the source's name "${business}" was kept in the notes`,
      });
    }
  }
}
