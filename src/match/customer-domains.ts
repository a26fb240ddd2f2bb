/**
 * Customers carry their contacts' mail as evidence (issue 12): two
 * customers whose company email domains (their own and their contacts', free
 * mail aside) have none in common are two companies, however alike their
 * names and towns ("Magnolia Plumbing Company LLC" at
 * magnoliaplumbingcompany.biz, "Magnolia Plumbing Corporation Ltd" at
 * magnoliaplumbingcorporation.net) — what import's folding says too
 * (plan/company-evidence.ts). A phone or street address in common is
 * evidence the other way: then a person decides. Never a match either way.
 * A domain in common is not scored: branches and franchisees share the
 * brand's domain, which says no more than the name already does.
 */
import type { CustomerVerdict } from './customer-evidence.js';
import { levelOf } from './customer-evidence.js';
import type { FieldSpec } from './fields.js';
import type { Prepared } from './prepare.js';

/** Why `a` and `b` are two customers by their domains (a review at most); undefined when the domains say nothing against. */
export function twoCustomersByDomain(
  fields: readonly FieldSpec[],
  levels: Uint8Array,
  a: Prepared,
  b: Prepared,
): CustomerVerdict | undefined {
  if (a.domains.length === 0 || b.domains.length === 0 || a.domains.some((d) => b.domains.includes(d))) return undefined;
  const why = `different email domains ${a.domains.join(', ')} / ${b.domains.join(', ')}`;
  const ties = [
    levelOf(fields, levels, 'phone') === 'exact' && 'same phone',
    levelOf(fields, levels, 'address') === 'exact' && 'same address',
  ];
  const agree = ties.filter((t): t is string => typeof t === 'string');
  return {
    verdict: 'apart',
    why: agree.length ? `two customers or one, for a person: ${why}, but ${agree.join(' and ')}` : `two customers: ${why}`,
  };
}
