/**
 * Validation of a mapped row against the canonical zod schemas (the one
 * truth): every failure becomes an error issue naming the source column,
 * the value and the reason.
 *
 * A predicate generated from the same schemas (model/fast-accept.ts) first
 * says whether zod surely accepts the record; only records it cannot pass
 * are handed to zod, so the issues of a rejected row are zod's own. On a
 * large file nearly every row is valid and never reaches zod.
 */
import { z } from 'zod';
import { ContactSchema, CustomerFieldsSchema, CustomerSchema } from '../model/index.js';
import { fastAccepts, objectTests } from '../model/fast-accept.js';
import type { Contact, Customer } from '../model/index.js';
import type { RowIssue, SourceRef } from '../model/source.js';

type ZodIssue = z.core.$ZodIssue;

/** What a valid record's check returns: one shared empty list (never written to). */
const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

/**
 * zod's safeParse, its issues finalized as zod finalizes them, without
 * making them an Error (which captures a stack trace): half the cost of
 * checking a rejected row, which is most of mapping it.
 */
const zodParse = z.core._safeParse(z.core.$ZodError);

const customerAccepted = fastAccepts(CustomerSchema);
const customerFieldsAccepted = fastAccepts(CustomerFieldsSchema);
const contactAccepted = fastAccepts(ContactSchema);

function codeOf(issue: ZodIssue): string {
  if (issue.code === 'too_big') return 'TOO_LONG';
  if (issue.code === 'invalid_format') return (issue as { format?: string }).format === 'email' ? 'EMAIL_INVALID' : 'FORMAT_INVALID';
  if (issue.code === 'custom') return 'REQUIRED';
  return 'VALUE_INVALID';
}

function toIssues(
  entity: 'customer' | 'contact',
  record: Record<string, unknown>,
  issues: readonly ZodIssue[],
  source: SourceRef,
  label: (target: string) => string,
  hasContact: boolean,
): RowIssue[] {
  return issues.map((i) => {
    const target = String(i.path[0] ?? '');
    const raw = record[target];
    let message = `${entity} ${target.replace(/_/g, ' ')} ${i.message}`;
    if (i.code === 'custom' && entity === 'customer') {
      message = hasContact
        ? 'the row names no company and no person: a contact needs a customer (a business name, or a first/last name)'
        : "customer needs a business name or a person's name";
    } else if (i.code === 'custom') message = `contact ${i.message}`;
    const out: RowIssue = { source, field: label(target), code: codeOf(i), message, severity: 'error' };
    if (raw !== undefined && typeof raw !== 'object') out.value = String(raw);
    return out;
  });
}

/**
 * Check a mapped customer. One that only points at an existing Syncro
 * customer by id (a contacts file) needs no name. `hasContact` words the
 * message when the row names no customer at all.
 */
export function validateCustomer(
  customer: Customer,
  source: SourceRef,
  label: (target: string) => string,
  isReference: boolean,
  hasContact: boolean,
): readonly RowIssue[] {
  if ((isReference ? customerFieldsAccepted : customerAccepted)(customer)) return NO_ISSUES;
  const r = zodParse(isReference ? CustomerFieldsSchema : CustomerSchema, customer);
  return r.success ? NO_ISSUES : toIssues('customer', customer, r.error.issues, source, label, hasContact);
}

/** What {@link validateContact} and {@link validateCustomer} (of a customer that is no reference) test before zod, part by part: for code that builds the records itself (fast-row.ts). */
export const CONTACT_TESTS = objectTests(ContactSchema);
export const CUSTOMER_TESTS = objectTests(CustomerSchema);

/** Check a mapped contact. */
export function validateContact(contact: Contact, source: SourceRef, label: (target: string) => string): readonly RowIssue[] {
  if (contactAccepted(contact)) return NO_ISSUES;
  const r = zodParse(ContactSchema, contact);
  return r.success ? NO_ISSUES : toIssues('contact', contact, r.error.issues, source, label, true);
}
