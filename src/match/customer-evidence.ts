/**
 * Contacts carry their customer as evidence (issue 12, point 4). A contact
 * file lists people under customers; which customer a contact is listed
 * under is evidence the scored fields cannot carry: the context correction
 * (colleagues share company, domain, town) rightly discounts a shared
 * employer between two people, yet a full name met twice under *one*
 * customer is, as a rule, one person listed twice — written "Smith, John"
 * once, reached at jsmith@ once and john.smith@ the next time, or at two
 * free-mail boxes. And the customer's own mailboxes can say the opposite:
 * whill@ and william.hall@ at one domain, each spelling its owner's
 * surname, are two people however alike "William Hill" and "William Hall"
 * look. Two customers' contacts are never one contact.
 */
import type { FieldSpec } from './fields.js';
import type { Prepared } from './prepare.js';

/** What the customer says of two contacts listed under it: one person, two people, or nothing (the score decides). */
export interface CustomerVerdict {
  verdict: 'same' | 'apart';
  why: string;
}

export const levelOf = (fields: readonly FieldSpec[], levels: Uint8Array, name: string): string | undefined => {
  const k = fields.findIndex((f) => f.name === name);
  return k < 0 ? undefined : fields[k]?.levels[levels[k] ?? -1];
};

/** The customer's evidence on `a` and `b`, two contacts listed under it (levels: their compared fields). */
export function underOneCustomer(fields: readonly FieldSpec[], levels: Uint8Array, a: Prepared, b: Prepared): CustomerVerdict | undefined {
  const two = twoPeopleByMailbox(fields, levels, a, b);
  if (two) return { verdict: 'apart', why: two };
  const same = samePersonUnderOneCustomer(fields, levels, a, b);
  return same ? { verdict: 'same', why: same } : undefined;
}

/** Why two company mailboxes at one domain, each spelling its owner's surname, name two people; undefined when they do not. */
export function twoPeopleByMailbox(fields: readonly FieldSpec[], levels: Uint8Array, a: Prepared, b: Prepared): string | undefined {
  if (!a.companyDomain || a.companyDomain !== b.companyDomain || a.emailBare === b.emailBare) return undefined;
  // john.smith@ and john.smith2@: how a mail admin names the second John Smith.
  const stem = (p: Prepared): string => p.emailBare.replace(/\d+$/, '');
  if (stem(a) === stem(b) && stem(a) !== '')
    return `two people under one customer: ${a.emailLocal}@ and ${b.emailLocal}@ ${a.companyDomain} differ only in a number`;
  if (!a.last || !b.last || a.last === b.last || levelOf(fields, levels, 'lastname') === 'exact') return undefined;
  const spells = (p: Prepared, q: Prepared): boolean => p.emailBare.includes(p.last) && !p.emailBare.includes(q.last);
  if (!spells(a, b) || !spells(b, a)) return undefined;
  return `two people under one customer: ${a.emailLocal}@ and ${b.emailLocal}@ ${a.companyDomain} each spell their own surname`;
}

/** Why `a` and `b`, listed under one customer, are one person; undefined when the rule does not hold. */
export function samePersonUnderOneCustomer(fields: readonly FieldSpec[], levels: Uint8Array, a: Prepared, b: Prepared): string | undefined {
  const level = (name: string): string | undefined => levelOf(fields, levels, name);
  // The whole name, both parts, spelt the same (either order): a given name alone or an initial is not enough.
  if (!a.first || !a.last || !b.first || !b.last) return undefined;
  if (level('firstname') !== 'exact' || level('lastname') !== 'exact') return undefined;
  // Two company mailboxes at different domains are two addresses of record: not decided here.
  if (a.companyDomain && b.companyDomain && a.companyDomain !== b.companyDomain) return undefined;
  const mail =
    a.email && b.email && a.email !== b.email
      ? a.companyDomain && a.companyDomain === b.companyDomain
        ? `two mailboxes of the company's domain ${a.companyDomain}`
        : 'mailboxes that are not two company domains'
      : 'no mailbox against it';
  return `same full name under one customer, ${mail}`;
}
