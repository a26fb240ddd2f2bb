/**
 * Syncro's API shapes as they come over the wire (see shared/syncro-api).
 * These are the raw records; the canonical model lives in src/model.
 */

export interface ListMeta {
  total_pages: number;
  total_entries: number;
  per_page: number;
  page: number;
}

/**
 * A customer's contact. Lists of all contacts may also hold vendor contacts: see SyncroListedContact.
 * (A type, not an interface: a record can then be read as a Record<string, unknown> without a cast.)
 */
export type SyncroContact = {
  id: number;
  customer_id: number;
  account_id?: number | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  extension: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  notes: string | null;
  properties: Record<string, string>;
  opt_out: boolean | null;
  vendor_id: number | null;
  processed_phone: string | null;
  processed_mobile: string | null;
  ticket_matching_emails: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: string;
  updated_at: string;
};

/** A contact as listed or read: `customer_id` is null for a vendor contact, which belongs to no customer. */
export type SyncroListedContact = Omit<SyncroContact, 'customer_id'> & { customer_id: number | null };

/** True for a contact that belongs to a customer (not a vendor contact). */
export function isCustomerContact(k: SyncroListedContact): k is SyncroContact {
  return typeof k.customer_id === 'number';
}

export type SyncroCustomer = {
  id: number;
  firstname: string | null;
  lastname: string | null;
  fullname: string;
  business_name: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  address: string | null;
  address_2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  notes: string | null;
  referred_by: string | null;
  tax_rate_id: number | null;
  get_sms: boolean | null;
  opt_out: boolean | null;
  no_email: boolean | null;
  disabled: boolean;
  properties: Record<string, string>;
  location_id: number | null;
  location_name: string | null;
  latitude: number | null;
  longitude: number | null;
  notification_email: string | null;
  invoice_cc_emails: string | null;
  invoice_term_id: number | null;
  ref_customer_id: number | null;
  online_profile_url: string | null;
  pdf_url: string | null;
  business_and_full_name: string;
  business_then_name: string;
  created_at: string;
  updated_at: string;
  contacts: SyncroContact[];
};

export interface SyncroTicket {
  id: number;
  customer_id: number;
  contact_id: number | null;
  subject: string;
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}

export interface SyncroAsset {
  id: number;
  customer_id: number;
  name: string | null;
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}

export interface SyncroInvoice {
  id: number;
  customer_id: number;
  number: string | null;
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}

/** The resources the sandbox serves and the client calls, with their page sizes. */
export const RESOURCES = {
  customers: { path: 'customers', listKey: 'customers', itemKey: 'customer', pageSize: 100 },
  contacts: { path: 'contacts', listKey: 'contacts', itemKey: null, pageSize: 50 },
  tickets: { path: 'tickets', listKey: 'tickets', itemKey: 'ticket', pageSize: 25 },
  customer_assets: { path: 'customer_assets', listKey: 'assets', itemKey: 'asset', pageSize: 25 },
  invoices: { path: 'invoices', listKey: 'invoices', itemKey: 'invoice', pageSize: 25 },
} as const;
export type ResourceName = keyof typeof RESOURCES;
