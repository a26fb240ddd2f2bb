/**
 * The canonical Customer: what a mapped input row becomes and what the planner
 * compares with Syncro. Every field is optional here (Syncro requires none by
 * default); `CustomerSchema` adds the rules a row must pass to be valid.
 */
import { z } from 'zod';

export const MAX_TEXT = 255;
export const MAX_NOTES = 65_535;

const text = z.string().max(MAX_TEXT, { message: `must be at most ${MAX_TEXT} characters` });
const emailText = z.string().max(MAX_TEXT).email({ message: 'is not an email address' });

export const PropertiesSchema = z.record(z.string(), z.string());
export type Properties = z.infer<typeof PropertiesSchema>;

export const CustomerFieldsSchema = z.object({
  /** Syncro id when the input names one (round trips, Syncro's own export). */
  id: z.number().int().positive().optional(),
  business_name: text.optional(),
  firstname: text.optional(),
  lastname: text.optional(),
  email: emailText.optional(),
  phone: text.optional(),
  mobile: text.optional(),
  address: text.optional(),
  address_2: text.optional(),
  city: text.optional(),
  state: text.optional(),
  zip: text.optional(),
  notes: z.string().max(MAX_NOTES).optional(),
  referred_by: text.optional(),
  tax_rate_id: z.number().int().positive().optional(),
  get_sms: z.boolean().optional(),
  opt_out: z.boolean().optional(),
  no_email: z.boolean().optional(),
  disabled: z.boolean().optional(),
  notification_email: text.optional(),
  invoice_cc_emails: text.optional(),
  properties: PropertiesSchema.optional(),
});

/** A valid customer names a business or a person (Syncro shows one of them as its name). */
export const CustomerSchema = CustomerFieldsSchema.refine(
  (c) => Boolean(c.business_name?.trim() || c.firstname?.trim() || c.lastname?.trim()),
  { message: "needs a business name or a person's name", path: ['business_name'] },
);
export type Customer = z.infer<typeof CustomerFieldsSchema>;
