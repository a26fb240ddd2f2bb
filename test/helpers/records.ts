/** Builders for planner tests: input records and Syncro snapshot records. */
import type { Contact } from '../../src/model/contact.js';
import type { Customer } from '../../src/model/customer.js';
import type { CustomerRecord } from '../../src/model/records.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import type { SyncroContact, SyncroCustomer } from '../../src/syncro/types.js';

let row = 1;
export function resetRows(): void {
  row = 1;
}

export function rec(customer: Customer, contacts: Contact[] = [], file = 'in.csv'): CustomerRecord {
  const r = ++row;
  return { sources: [{ file, row: r }], customer, contacts: contacts.map((contact, i) => ({ sources: [{ file, row: r + i }], contact })) };
}

export function existingCustomer(id: number, fields: Partial<SyncroCustomer> = {}): SyncroCustomer {
  const c = {
    id,
    firstname: null,
    lastname: null,
    business_name: null,
    email: null,
    phone: null,
    mobile: null,
    address: null,
    address_2: null,
    city: null,
    state: null,
    zip: null,
    notes: null,
    referred_by: null,
    tax_rate_id: null,
    get_sms: false,
    opt_out: false,
    no_email: false,
    disabled: false,
    properties: {},
    location_id: null,
    location_name: null,
    latitude: null,
    longitude: null,
    notification_email: null,
    invoice_cc_emails: null,
    invoice_term_id: null,
    ref_customer_id: null,
    online_profile_url: null,
    pdf_url: null,
    created_at: '2024-01-01T00:00:00.000+00:00',
    updated_at: `2024-01-0${(id % 9) + 1}T00:00:00.000+00:00`,
    contacts: [],
    ...fields,
  } as SyncroCustomer;
  c.fullname = [c.firstname, c.lastname].filter(Boolean).join(' ');
  c.business_then_name = c.business_name || c.fullname;
  c.business_and_full_name = c.business_name ? `${c.business_name} - ${c.fullname}` : c.fullname;
  return c;
}

export function existingContact(id: number, customerId: number, fields: Partial<SyncroContact> = {}): SyncroContact {
  return {
    id,
    customer_id: customerId,
    name: null,
    email: null,
    phone: null,
    mobile: null,
    extension: null,
    address1: null,
    address2: null,
    city: null,
    state: null,
    zip: null,
    notes: null,
    properties: {},
    opt_out: false,
    vendor_id: null,
    processed_phone: null,
    processed_mobile: null,
    ticket_matching_emails: null,
    latitude: null,
    longitude: null,
    created_at: '2024-01-01T00:00:00.000+00:00',
    updated_at: '2024-02-01T00:00:00.000+00:00',
    ...fields,
  };
}

export function snap(customers: SyncroCustomer[] = [], contacts: SyncroContact[] = []): Snapshot {
  return { takenAt: '2024-06-01T00:00:00.000Z', customers, contacts };
}
