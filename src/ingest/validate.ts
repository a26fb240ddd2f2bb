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
 * Check a mapped customer (and contact). A customer that only points at an
 * existing Syncro customer by id (a contacts file) needs no name.
 */
export function validateRecord(
  customer: Customer,
  contact: Contact | undefined,
  source: SourceRef,
  label: (entity: 'customer' | 'contact', target: string) => string,
  customerIsReference: boolean,
): RowIssue[] {
  const out: RowIssue[] = [];
  const cu = (customerIsReference ? CustomerFieldsSchema : CustomerSchema).safeParse(customer);
  if (!cu.success) out.push(...toIssues('customer', customer, cu.error.issues, source, (t) => label('customer', t), contact !== undefined));
  if (contact) {
    const co = ContactSchema.safeParse(contact);
    if (!co.success) out.push(...toIssues('contact', contact, co.error.issues, source, (t) => label('contact', t), true));
  }
  return out;
}
