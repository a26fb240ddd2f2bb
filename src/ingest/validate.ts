/**
 * Validation of a mapped row against the canonical zod schemas (the one
 * truth): every failure becomes an error issue naming the source column,
 * the value and the reason.
 */
import type { z } from 'zod';
import { ContactSchema, CustomerFieldsSchema, CustomerSchema } from '../model/index.js';
import type { Contact, Customer } from '../model/index.js';
import type { RowIssue, SourceRef } from '../model/source.js';

type ZodIssue = z.core.$ZodIssue;

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
export function validateCustomer(customer: Customer, source: SourceRef, label: (target: string) => string, isReference: boolean, hasContact: boolean): RowIssue[] {
  const r = (isReference ? CustomerFieldsSchema : CustomerSchema).safeParse(customer);
  return r.success ? [] : toIssues('customer', customer, r.error.issues, source, label, hasContact);
}

/** Check a mapped contact. */
export function validateContact(contact: Contact, source: SourceRef, label: (target: string) => string): RowIssue[] {
  const r = ContactSchema.safeParse(contact);
  return r.success ? [] : toIssues('contact', contact, r.error.issues, source, label, true);
}
