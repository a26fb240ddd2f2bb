/**
 * Which existing contact an incoming one is. Contacts belong to a customer:
 * a contact already under that customer (same id, email, or name) is updated,
 * never created again; a contact id under another customer is a move; an
 * email known under another customer is a conflict to decide.
 */
import { collapseSpaces } from '../normalize/index.js';
import type { Contact } from '../model/contact.js';
import type { SyncroContact } from '../syncro/types.js';
import type { Evidence } from './schema.js';
import { contactLabel, emailKey } from './snapshot-index.js';
import type { SnapshotIndex } from './snapshot-index.js';

export type ContactResolution =
  | { kind: 'existing'; target: SyncroContact; evidence: Evidence }
  | { kind: 'move'; target: SyncroContact; evidence: Evidence }
  | { kind: 'new' }
  | { kind: 'conflict'; reason: string; candidates: Array<{ id: number; label: string; evidence?: Evidence }> };

/** A person's name as compared under one customer: case and spacing aside. */
export const nameKey = (s: string | null | undefined): string => (s ? collapseSpaces(s).toLowerCase() : '');

/** `customerId` is the existing customer the contact lands under, or undefined for a customer being created. */
export function resolveContact(contact: Contact, customerId: number | undefined, index: SnapshotIndex): ContactResolution {
  if (contact.id !== undefined) {
    const target = index.contactsById.get(contact.id);
    if (!target)
      return { kind: 'conflict', reason: `the file names Syncro contact id ${contact.id}, which does not exist`, candidates: [] };
    const evidence: Evidence = { rule: 'syncro-id', text: `Syncro contact id ${contact.id} named in the file` };
    return customerId !== undefined && target.customer_id === customerId
      ? { kind: 'existing', target, evidence }
      : { kind: 'move', target, evidence };
  }
  const email = emailKey(contact.email);
  if (customerId !== undefined) {
    const siblings = index.contactsOf(customerId);
    if (email) {
      const same = siblings.filter((k) => emailKey(k.email) === email);
      if (same.length === 1)
        return { kind: 'existing', target: same[0]!, evidence: { rule: 'email', text: `same email ${email} under this customer` } };
      if (same.length > 1) return conflictWith(same, `${same.length} contacts of this customer share the email ${email}`);
    }
    const name = nameKey(contact.name);
    if (name) {
      const same = siblings.filter((k) => nameKey(k.name) === name && (!email || !emailKey(k.email)));
      if (same.length === 1)
        return {
          kind: 'existing',
          target: same[0]!,
          evidence: { rule: 'fuzzy', score: 1, text: `same name "${contact.name}" under this customer` },
        };
      if (same.length > 1) return conflictWith(same, `${same.length} contacts of this customer are named "${contact.name}"`);
      // The same name at another address: one person whose email changed, or two people of one name. Never a second contact unseen.
      const namesakes = email ? siblings.filter((k) => nameKey(k.name) === name && emailKey(k.email) && emailKey(k.email) !== email) : [];
      if (namesakes.length > 0)
        return conflictWith(
          namesakes,
          `this customer already has a contact named "${contact.name}" with another email (${namesakes.map((k) => emailKey(k.email)).join(', ')}): choose #id if it is that person (their contact is updated), create if it is another person of that name`,
        );
    }
  }
  if (email) {
    const elsewhere = (index.contactsByEmail.get(email) ?? []).filter((k) => k.customer_id !== customerId);
    if (elsewhere.length > 0) {
      return conflictWith(
        elsewhere,
        `a contact with the email ${email} already exists under another customer (#${elsewhere.map((k) => k.customer_id).join(', #')}): create another, or skip`,
      );
    }
  }
  return { kind: 'new' };
}

function conflictWith(contacts: SyncroContact[], reason: string): ContactResolution {
  return {
    kind: 'conflict',
    reason,
    candidates: contacts.map((k) => ({ id: k.id, label: `${contactLabel(k)} (customer #${k.customer_id})` })),
  };
}
