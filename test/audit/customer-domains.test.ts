/**
 * An audit reads each Syncro customer with its contacts' mail, as dedupe
 * reads a file: two customers whose company email domains have none in
 * common are not merged on a near name and a shared city (a merge moves
 * their tickets and invoices); one customer written twice still is.
 */
import { describe, expect, it } from 'vitest';
import { findAuditClusters } from '../../src/audit/find.js';
import { existingContact, existingCustomer, snap } from '../helpers/records.js';

const near = (id: number, name: string) => existingCustomer(id, { business_name: name, city: 'Austin', state: 'TX', zip: '78701' });
const others = Array.from({ length: 40 }, (_, i) =>
  existingCustomer(100 + i, {
    business_name: `${['North', 'South', 'East', 'West'][i % 4]} ${['Cedar', 'Pine', 'Birch', 'Elm', 'Oak'][i % 5]} ${['Dental', 'Law', 'Roofing', 'Bakery'][Math.floor(i / 10)]}`,
    city: ['Dallas', 'Houston', 'El Paso', 'Waco'][i % 4],
  }),
);

describe('audit of customers with their contacts', () => {
  it('two customers of one name (branches, franchisees) with their contacts at two company domains are no merge cluster', () => {
    const s = snap(
      [near(1, 'Magnolia Plumbing'), near(2, 'Magnolia Plumbing'), ...others],
      [
        existingContact(11, 1, { name: 'Dee Fox', email: 'dee@magnoliaplumbingcompany.biz' }),
        existingContact(12, 2, { name: 'Cy Moss', email: 'cy@magnoliaplumbingcorporation.net' }),
      ],
    );
    const found = findAuditClusters(s);
    expect(found.customers.filter((c) => c.members.includes(1) || c.members.includes(2))).toEqual([]);
  });

  it('the same customer twice, its contacts at one domain, is still a cluster', () => {
    const s = snap(
      [near(1, 'Magnolia Plumbing Company LLC'), near(2, 'Magnolia Plumbing Co'), ...others],
      [
        existingContact(11, 1, { name: 'Dee Fox', email: 'dee@magnoliaplumbing.biz' }),
        existingContact(12, 2, { name: 'Cy Moss', email: 'cy@magnoliaplumbing.biz' }),
      ],
    );
    expect(findAuditClusters(s).customers.map((c) => [...c.members].sort())).toContainEqual([1, 2]);
  });
});
