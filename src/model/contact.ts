/**
 * The canonical Contact. A contact always belongs to a customer: in an input
 * file through the customer it was grouped under, in Syncro through
 * `customer_id`. `title` is written as `title`; Syncro answers it back inside
 * `properties.title`.
 */
import { z } from 'zod';
import { MAX_NOTES, MAX_TEXT, PropertiesSchema } from './customer.js';

const text = z.string().max(MAX_TEXT, { message: `must be at most ${MAX_TEXT} characters` });

export const ContactFieldsSchema = z.object({
  id: z.number().int().positive().optional(),
  customer_id: z.number().int().positive().optional(),
  name: text.optional(),
  title: text.optional(),
  email: z.string().max(MAX_TEXT).email({ message: 'is not an email address' }).optional(),
  phone: text.optional(),
  mobile: text.optional(),
  extension: text.optional(),
  address1: text.optional(),
  address2: text.optional(),
  city: text.optional(),
  state: text.optional(),
  zip: text.optional(),
  notes: z.string().max(MAX_NOTES).optional(),
  opt_out: z.boolean().optional(),
  properties: PropertiesSchema.optional(),
});

/** A valid contact has a name or an email (Syncro shows one of them). */
export const ContactSchema = ContactFieldsSchema.refine((c) => Boolean(c.name?.trim() || c.email?.trim()), {
  message: 'needs a name or an email',
  path: ['name'],
});
export type Contact = z.infer<typeof ContactFieldsSchema>;
