/**
 * Syncro's field names, the single list every stage uses. Customers say
 * `address`/`address_2`; contacts say `address1`/`address2` (Syncro's API
 * really does differ here).
 */

/** Customer fields syncro-etl reads and writes (strings unless listed below). */
export const CUSTOMER_FIELDS = [
  'business_name',
  'firstname',
  'lastname',
  'email',
  'phone',
  'mobile',
  'address',
  'address_2',
  'city',
  'state',
  'zip',
  'notes',
  'referred_by',
  'tax_rate_id',
  'get_sms',
  'opt_out',
  'no_email',
  'disabled',
  'notification_email',
  'invoice_cc_emails',
  'properties',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

export const CONTACT_FIELDS = [
  'customer_id',
  'name',
  'title',
  'email',
  'phone',
  'mobile',
  'extension',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
  'notes',
  'opt_out',
  'properties',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const CUSTOMER_BOOLEAN_FIELDS = ['get_sms', 'opt_out', 'no_email', 'disabled'] as const;
export const CONTACT_BOOLEAN_FIELDS = ['opt_out'] as const;

/** Entities syncro-etl moves. */
export const ENTITIES = ['customers', 'contacts'] as const;
export type Entity = (typeof ENTITIES)[number];

/**
 * The custom field a header names, or undefined for any other header. Case and
 * the spaces around the colon are ignored, so a header retyped in Excel still
 * counts. This is the rule the import side uses to tell custom fields apart.
 * @example customFieldName('custom: Contract') // "Contract"
 * @example customFieldName('Custom:Contract')  // "Contract"
 * @example customFieldName('notes')            // undefined
 */
export function customFieldName(header: string): string | undefined {
  const m = /^\s*custom\s*:\s*(.*?)\s*$/i.exec(header);
  return m && m[1] !== '' ? m[1] : undefined;
}
