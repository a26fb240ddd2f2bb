/** The ids an undo's re-create recovery must never take, kept per resource. */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/apply/journal.js';
import { idsInJournal } from '../../src/apply/known-ids.js';

const entry = (e: Partial<JournalEntry>): JournalEntry => ({ seq: 1, mode: 'apply', opId: 'op', step: 's', phase: 'done', at: '', ...e });

describe('idsInJournal', () => {
  it('names customers and contacts apart: contact #23 does not make customer #23 known', () => {
    const known = idsInJournal([
      entry({
        method: 'PUT',
        path: 'contacts/23',
        body: { customer_id: 7 },
        before: { id: 23, customer_id: 5 },
        after: { id: 23, customer_id: 7 },
      }),
      entry({ method: 'DELETE', path: 'customers/5', before: { id: 5 } }),
      entry({ method: 'POST', path: 'customers', resultId: 9, after: { id: 9 } }),
      entry({ method: 'PUT', path: 'tickets/40', body: { contact_id: 23 }, before: { id: 40, customer_id: 5, contact_id: 11 } }),
    ]);
    expect([...known.customers].sort((a, b) => a - b)).toEqual([5, 7, 9]);
    expect([...known.contacts].sort((a, b) => a - b)).toEqual([11, 23]);
    expect(known.customers.has(23)).toBe(false);
    expect(known.contacts.has(40)).toBe(false); // a ticket id is neither
  });

  it('ignores null and missing ids', () => {
    const known = idsInJournal([entry({ method: 'PUT', path: 'contacts/3', before: { id: 3, customer_id: null } })]);
    expect([...known.customers]).toEqual([]);
    expect([...known.contacts]).toEqual([3]);
  });
});
