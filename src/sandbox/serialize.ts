/**
 * Stored rows → Syncro's wire shapes (src/syncro/types.ts), with the derived
 * fields Syncro computes: fullname, business_then_name, business_and_full_name,
 * processed_phone/processed_mobile. Field order follows Syncro's examples.
 */
import type { SyncroContact, SyncroCustomer } from '../syncro/types.js';
import { digitsOnly } from './fields.js';
import type { Fields } from './fields.js';
import type { StoredRow } from './store.js';
import type { FormatTime } from './time.js';

/** A customer without its nested contacts (as in the dump). */
export type CustomerBody = Omit<SyncroCustomer, 'contacts'>;
/** A contact that may not be saved yet (the `record` of a 422). */
export type ContactShape = Omit<SyncroContact, 'id' | 'customer_id' | 'created_at' | 'updated_at'> & {
  id: number | null;
  customer_id: number | null;
  created_at: string | null;
  updated_at: string | null;
};

const str = (f: Fields, k: string): string | null => (typeof f[k] === 'string' ? (f[k] as string) : null);
const num = (f: Fields, k: string): number | null => (typeof f[k] === 'number' ? (f[k] as number) : null);
const bool = (f: Fields, k: string): boolean => f[k] === true;
const props = (f: Fields): Record<string, string> => ({ ...((f.properties ?? {}) as Record<string, string>) });

/** "firstname lastname", trimmed. */
export function fullname(f: Fields): string {
  return `${str(f, 'firstname') ?? ''} ${str(f, 'lastname') ?? ''}`.trim();
}

/** The business name when there is one, else the person's full name. */
export function businessThenName(f: Fields): string {
  const business = str(f, 'business_name')?.trim();
  return business ? business : fullname(f);
}

/** "business - fullname", or whichever of the two exists. */
export function businessAndFullName(f: Fields): string {
  const business = str(f, 'business_name')?.trim();
  const name = fullname(f);
  if (business && name) return `${business} - ${name}`;
  return business || name;
}

/** A customer as Syncro answers it, without `contacts`. */
export function customerBody(row: StoredRow, fmt: FormatTime): CustomerBody {
  const f = row.fields;
  return {
    id: row.id,
    firstname: str(f, 'firstname'),
    lastname: str(f, 'lastname'),
    fullname: fullname(f),
    business_name: str(f, 'business_name'),
    email: str(f, 'email'),
    phone: str(f, 'phone'),
    mobile: str(f, 'mobile'),
    created_at: fmt(row.created_ms),
    updated_at: fmt(row.updated_ms),
    pdf_url: null,
    address: str(f, 'address'),
    address_2: str(f, 'address_2'),
    city: str(f, 'city'),
    state: str(f, 'state'),
    zip: str(f, 'zip'),
    latitude: num(f, 'latitude'),
    longitude: num(f, 'longitude'),
    notes: str(f, 'notes'),
    get_sms: bool(f, 'get_sms'),
    opt_out: bool(f, 'opt_out'),
    disabled: bool(f, 'disabled'),
    no_email: bool(f, 'no_email'),
    location_name: null,
    location_id: num(f, 'location_id'),
    properties: props(f),
    online_profile_url: null,
    tax_rate_id: num(f, 'tax_rate_id'),
    notification_email: str(f, 'notification_email'),
    invoice_cc_emails: str(f, 'invoice_cc_emails'),
    invoice_term_id: num(f, 'invoice_term_id'),
    referred_by: str(f, 'referred_by'),
    ref_customer_id: num(f, 'ref_customer_id'),
    business_and_full_name: businessAndFullName(f),
    business_then_name: businessThenName(f),
  };
}

/** A customer with its contacts, as `GET /customers/{id}` answers it. */
export function customerOut(row: StoredRow, contacts: readonly StoredRow[], fmt: FormatTime): SyncroCustomer {
  return { ...customerBody(row, fmt), contacts: contacts.map((c) => contactOut(c, fmt)) };
}

/** A contact's wire shape; id and timestamps may be null for an unsaved contact. */
export function contactShape(
  f: Fields,
  id: number | null,
  createdMs: number | null,
  updatedMs: number | null,
  fmt: FormatTime,
): ContactShape {
  return {
    id,
    name: str(f, 'name'),
    address1: str(f, 'address1'),
    address2: str(f, 'address2'),
    city: str(f, 'city'),
    state: str(f, 'state'),
    zip: str(f, 'zip'),
    email: str(f, 'email'),
    phone: str(f, 'phone'),
    mobile: str(f, 'mobile'),
    latitude: num(f, 'latitude'),
    longitude: num(f, 'longitude'),
    customer_id: num(f, 'customer_id'),
    account_id: 1,
    notes: str(f, 'notes'),
    created_at: createdMs === null ? null : fmt(createdMs),
    updated_at: updatedMs === null ? null : fmt(updatedMs),
    vendor_id: num(f, 'vendor_id'),
    properties: props(f),
    opt_out: bool(f, 'opt_out'),
    extension: str(f, 'extension'),
    processed_phone: digitsOnly(f.phone),
    processed_mobile: digitsOnly(f.mobile),
    ticket_matching_emails: str(f, 'ticket_matching_emails'),
    // Only under the top-level-title variant is `title` stored as a field.
    ...(Object.hasOwn(f, 'title') ? { title: str(f, 'title') } : {}),
  };
}

/** A stored contact as Syncro answers it (flat, never wrapped). */
export function contactOut(row: StoredRow, fmt: FormatTime): SyncroContact {
  return contactShape(row.fields, row.id, row.created_ms, row.updated_ms, fmt) as SyncroContact;
}
