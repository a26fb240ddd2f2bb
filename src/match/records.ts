/**
 * Canonical customers and contacts to the flat MatchRecord the matcher reads.
 * Values stay raw; the matcher normalizes them itself.
 */
import type { Contact } from '../model/contact.js';
import type { Customer } from '../model/customer.js';
import type { MatchRecord } from './types.js';

function phones(...values: (string | undefined)[]): string[] | undefined {
  const list = values.filter((v): v is string => Boolean(v?.trim()));
  return list.length > 0 ? list : undefined;
}

/** Drop undefined values so the record stays small and `exactOptionalPropertyTypes`-friendly. */
function compact(r: MatchRecord): MatchRecord {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== '')) as unknown as MatchRecord;
}

/**
 * A customer as a MatchRecord: business name as `company`, the person's
 * name, email, phone and mobile, address. `extra` (e.g. selected custom
 * fields from `properties`) is passed through.
 * @example toMatchRecordFromCustomer({ business_name: 'Acme', email: 'a@acme.com' }, 'syncro:12')
 */
export function toMatchRecordFromCustomer(c: Customer, key: string, extra?: Record<string, string>): MatchRecord {
  return compact({
    key,
    company: c.business_name,
    firstname: c.firstname,
    lastname: c.lastname,
    email: c.email,
    phone: phones(c.phone, c.mobile),
    address: c.address,
    address2: c.address_2,
    city: c.city,
    state: c.state,
    zip: c.zip,
    extra,
  });
}

/**
 * A customer with what its contacts say of it (a one-row-per-contact file
 * puts Email on the contact): their emails, whose company domains are the
 * customer's. Their phones are not the customer's: a direct line differs
 * from the main number of the same company (taken as the customer's phone
 * when it has none, they cost recall on MSP tuning seed 16 and helped no pair).
 * @example toMatchRecordFromCustomerWithContacts({ business_name: 'Acme' }, [{ email: 'jo@acme.com' }], 'file.csv:2')
 */
export function toMatchRecordFromCustomerWithContacts(c: Customer, contacts: readonly Contact[], key: string): MatchRecord {
  const emails = contacts.map((ct) => ct.email?.trim() ?? '').filter(Boolean);
  return { ...toMatchRecordFromCustomer(c, key), contactEmails: emails };
}

/**
 * A contact as a MatchRecord. `company` is the name of the customer it
 * belongs to, when known (two contacts of different customers are less
 * likely the same person).
 * @example toMatchRecordFromContact({ name: 'Jane Doe', email: 'jane@acme.com' }, 'file.csv:7', 'Acme')
 */
export function toMatchRecordFromContact(c: Contact, key: string, company?: string, extra?: Record<string, string>): MatchRecord {
  return compact({
    key,
    name: c.name,
    company,
    email: c.email,
    phone: phones(c.phone, c.mobile),
    address: c.address1,
    address2: c.address2,
    city: c.city,
    state: c.state,
    zip: c.zip,
    extra,
  });
}
