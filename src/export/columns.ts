/**
 * The export's column layout: Syncro's own CSV-import names (so the `syncro`
 * template reads the file back), each with a cell kind that decides how it is
 * typed in XLSX and written in CSV. Custom fields (`properties`) become one
 * column each, named `custom: <Name>`, so they can never be mistaken for a
 * standard column (see {@link customFieldName}).
 */
import type { SyncroContact, SyncroCustomer } from '../syncro/types.js';

/**
 * How a column's cells are typed: `id` numbers, `date` timestamps, `boolean`
 * True/False, `code` text Excel must never retype (phones, zips: leading
 * zeros and `+` kept), `text` everything else.
 */
export type CellKind = 'id' | 'date' | 'boolean' | 'code' | 'text';

export type ExportEntity = 'customers' | 'contacts';

/** What a contact row needs beyond the contact: its customer's business name. */
export interface ContactContext {
  businessName(customerId: number): string | undefined;
}

/** A customer or contact as the API answered it. */
export type ApiRecord = Record<string, unknown>;

/** One standard column: its header and how its value is read from an API record. */
export interface BaseColumn {
  name: string;
  kind: CellKind;
  read(record: ApiRecord, ctx: ContactContext): unknown;
}

/** A column read straight from the API field of the same name (the name is checked against the API type). */
const field = <R>(key: keyof R & string, kind: CellKind = 'text'): BaseColumn => ({ name: key, kind, read: (r) => r[key] });

/** Customer columns, in Syncro's import order where Syncro has one. */
export const CUSTOMER_COLUMNS: readonly BaseColumn[] = [
  field<SyncroCustomer>('id', 'id'),
  field<SyncroCustomer>('firstname'),
  field<SyncroCustomer>('lastname'),
  field<SyncroCustomer>('email'),
  field<SyncroCustomer>('address'),
  field<SyncroCustomer>('address_2'),
  field<SyncroCustomer>('city'),
  field<SyncroCustomer>('state'),
  field<SyncroCustomer>('zip', 'code'),
  field<SyncroCustomer>('phone', 'code'),
  field<SyncroCustomer>('mobile', 'code'),
  field<SyncroCustomer>('business_name'),
  field<SyncroCustomer>('referred_by'),
  field<SyncroCustomer>('notes'),
  field<SyncroCustomer>('tax_rate_id', 'id'),
  field<SyncroCustomer>('get_sms', 'boolean'),
  field<SyncroCustomer>('no_email', 'boolean'),
  field<SyncroCustomer>('opt_out', 'boolean'),
  field<SyncroCustomer>('disabled', 'boolean'),
  field<SyncroCustomer>('created_at', 'date'),
  field<SyncroCustomer>('updated_at', 'date'),
  field<SyncroCustomer>('notification_email'),
  field<SyncroCustomer>('invoice_cc_emails'),
];

/** Contact columns: Syncro's import order, with the customer's business name beside `customer_id`. */
export const CONTACT_COLUMNS: readonly BaseColumn[] = [
  field<SyncroContact>('customer_id', 'id'),
  {
    name: 'customer_business_name',
    kind: 'text',
    read: (r, ctx) => (typeof r.customer_id === 'number' ? ctx.businessName(r.customer_id) : undefined),
  },
  { name: 'contact_id', kind: 'id', read: (r) => r.id },
  field<SyncroContact>('name'),
  // Syncro answers a contact's title inside properties.title.
  { name: 'title', kind: 'text', read: (r) => propertiesOf(r).title },
  field<SyncroContact>('email'),
  field<SyncroContact>('phone', 'code'),
  field<SyncroContact>('extension', 'code'),
  field<SyncroContact>('mobile', 'code'),
  field<SyncroContact>('address1'),
  field<SyncroContact>('address2'),
  field<SyncroContact>('city'),
  field<SyncroContact>('state'),
  field<SyncroContact>('zip', 'code'),
  field<SyncroContact>('notes'),
  field<SyncroContact>('opt_out', 'boolean'),
  field<SyncroContact>('created_at', 'date'),
  field<SyncroContact>('updated_at', 'date'),
];

/** Custom-field keys that a standard column already shows (so they get no `custom:` column). */
export const SHOWN_PROPERTIES: Record<ExportEntity, ReadonlySet<string>> = {
  customers: new Set(),
  contacts: new Set(['title']),
};

/** Columns that are always exported: the keys an import needs to plan updates. */
export const KEY_COLUMNS: Record<ExportEntity, readonly string[]> = {
  customers: ['id'],
  contacts: ['customer_id', 'contact_id'],
};

/** The standard columns of `entity`, in file order. */
export function baseColumns(entity: ExportEntity): readonly BaseColumn[] {
  return entity === 'customers' ? CUSTOMER_COLUMNS : CONTACT_COLUMNS;
}

/** Prefix of a custom-field column header. */
export const CUSTOM_PREFIX = 'custom: ';

/** `Contract` → `custom: Contract`. */
export function customColumnName(property: string): string {
  return `${CUSTOM_PREFIX}${property}`;
}

export { customFieldName } from '../model/fields.js';

/**
 * A record's custom fields as text (Syncro sends strings; anything else is
 * stringified, JSON for objects; null and undefined are left out).
 */
export function propertiesOf(record: { properties?: unknown }): Record<string, string> {
  const raw = record.properties;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}
