/**
 * The column-mapping template format (version 1), one zod schema; the types
 * are inferred from it. Described for people in templates/README.md.
 */
import { z } from 'zod';
import { CONTACT_FIELDS, CUSTOMER_FIELDS } from '../model/fields.js';

/** A source column: one header name, or alternatives (the first present in the file is used). */
export const ColumnRefSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export type ColumnRef = z.infer<typeof ColumnRefSchema>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** How one target field gets its value. A bare string or list is `{ column }`. */
export const FieldRuleObjectSchema = z
  .object({
    /** Take the value of this column. */
    column: ColumnRefSchema.optional(),
    /** Concatenate these columns (empty ones skipped) with `separator`. */
    join: z.array(ColumnRefSchema).min(1).optional(),
    separator: z.string().optional(),
    /** Take one part of a person's full name ("Smith, John" understood). */
    part: z.enum(['first', 'last']).optional(),
    /** Translate values (keys compared ignoring case and spaces); null = leave empty. */
    map: z.record(z.string(), z.union([Scalar, z.null()])).optional(),
    /** Value used for every row (no column). */
    const: Scalar.optional(),
    /** Value used when the column is empty or absent. */
    default: Scalar.optional(),
  })
  .strict()
  .refine((r) => [r.column, r.join, r.const].filter((x) => x !== undefined).length <= 1, {
    message: 'use only one of column, join and const',
  })
  .refine((r) => r.column !== undefined || r.join !== undefined || r.const !== undefined || r.default !== undefined, {
    message: 'needs one of column, join, const or default',
  })
  .refine((r) => r.part === undefined || r.column !== undefined || r.join !== undefined, { message: 'part needs a column or join' });

/**
 * A rule: a column (or alternatives), a rule object, or a list of rule
 * objects tried in order (the first whose columns the file has is used, e.g.
 * "Full Name" else "First Name" + "Last Name").
 */
export const FieldRuleSchema = z.union([ColumnRefSchema, FieldRuleObjectSchema, z.array(FieldRuleObjectSchema).min(1)]);
export type FieldRule = z.infer<typeof FieldRuleSchema>;
export type FieldRuleObject = z.infer<typeof FieldRuleObjectSchema>;

/** Customer targets beyond the canonical fields: `id` (Syncro id), `key` (the source's company id, the group key), `type` (customer type), `tax_rate` (name or percentage looked up in --tax-rates), `properties` (a cell holding several custom fields), `properties.<Name>` (one custom field). */
export const CUSTOMER_SPECIAL_TARGETS = ['id', 'key', 'type', 'tax_rate'] as const;
const customerTargets = new Set<string>([...CUSTOMER_FIELDS, ...CUSTOMER_SPECIAL_TARGETS]);
const contactTargets = new Set<string>([...CONTACT_FIELDS, 'id']);

/** Rules by target; `properties.<Name>` sets one custom field, `notes.<Label>` appends "Label: value" to the notes. */
const rules = (allowed: Set<string>, entity: string) =>
  z.record(z.string(), FieldRuleSchema).superRefine((rec, ctx) => {
    for (const k of Object.keys(rec)) {
      if (allowed.has(k) || /^(properties|notes)\..+/.test(k)) continue;
      ctx.addIssue({ code: 'custom', path: [k], message: `is not a ${entity} field (use one of ${[...allowed].join(', ')}, properties.<Custom Field Name> or notes.<Label>)` });
    }
  });

export const CUSTOMER_TYPES = ['Business', 'Residential', 'Government', 'Non-Profit'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const TemplateSchema = z
  .object({
    /** The format's version; readers refuse others. */
    format: z.literal('syncro-etl/template@1'),
    /** Lowercase name used with --template. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lowercase letters, digits and dashes' }),
    /** Product and export the template reads, e.g. "ConnectWise Manage: Contacts list export". */
    label: z.string().min(1),
    description: z.string().min(1),
    /** What one row of the file is: a customer, or a contact with its company's columns. */
    entity: z.enum(['customers', 'contacts']),
    /** Headers that fingerprint this export (matched ignoring case, spaces and punctuation). */
    detect: z.array(z.string().min(1)),
    /** Lowest-priority catch-all template (`generic`): detected only when nothing more specific fits. */
    fallback: z.boolean().default(false),
    customer: rules(customerTargets, 'customer'),
    contact: rules(contactTargets, 'contact').default({}),
    /** Columns deliberately not imported (reported, never silently). */
    ignore: z.array(z.string().min(1)).default([]),
    /** Where columns the template does not name go. */
    unmapped: z
      .object({
        to: z.enum(['properties', 'notes']).default('notes'),
        /** Whose properties/notes: the contact (when the row has one) or the customer. */
        entity: z.enum(['customer', 'contact']).default('customer'),
      })
      .default({ to: 'notes', entity: 'customer' }),
    /** Custom field (in `properties`) that records the customer type; null to not record it. */
    customerTypeProperty: z.string().min(1).nullable().default('Customer Type'),
    /** Custom field that keeps the source's company id (`key`); null to not keep it. */
    keyProperty: z.string().min(1).nullable().default(null),
    /** Strip the protective leading apostrophe of exported cells ('=…, '+…, '0123). */
    stripApostrophe: z.boolean().default(true),
    /**
     * Per-field policy on existing Syncro records, overriding `--update`:
     * `fill` (write only when Syncro's value is blank), `overwrite`, or `never`.
     * Keys are Syncro field names (`notes`, `email`, `properties.Contract`…).
     */
    fieldModes: z.record(z.string().min(1), z.enum(['fill', 'overwrite', 'never'])).default({}),
  })
  .strict();

export type Template = z.infer<typeof TemplateSchema>;
export type TemplateInput = z.input<typeof TemplateSchema>;
