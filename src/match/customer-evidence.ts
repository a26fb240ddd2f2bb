/**
 * Contacts carry their customer as evidence (issue 12, point 4). A contact
 * file lists people under customers; which customer a contact is listed
 * under is evidence the scored fields cannot carry: the context correction
 * (colleagues share company, domain, town) rightly discounts a shared
 * employer between two people, yet a full name met twice under *one*
 * customer is, as a rule, one person listed twice — written "Smith, John"
 * once, reached at jsmith@ once and john.smith@ the next time, or at two
 * free-mail boxes. Two customers' contacts are never one contact.
 */
import type { FieldSpec } from './fields.js';
import type { Prepared } from './prepare.js';

/** Why `a` and `b`, listed under one customer, are one person; undefined when the rule does not hold. */
export function samePersonUnderOneCustomer(fields: readonly FieldSpec[], levels: Uint8Array, a: Prepared, b: Prepared): string | undefined {
  const level = (name: string): string | undefined => {
    const k = fields.findIndex((f) => f.name === name);
    return k < 0 ? undefined : fields[k]?.levels[levels[k] ?? -1];
  };
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
