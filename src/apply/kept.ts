/**
 * Did Syncro keep what a write sent? The answer is checked first; a field it
 * does not show (Syncro may drop `disabled`, custom fields or a contact's
 * title without a word) is read back once. What is still missing makes the
 * operation "not applied by Syncro", never "applied".
 */
import type { CountryCode } from 'libphonenumber-js';
import type { SyncroClient } from '../syncro/client.js';
import { fieldsNotKept } from '../syncro/compare.js';

type Rec = Record<string, unknown>;

/** The fields of `payload` Syncro did not keep on the record (empty when all were kept). */
export async function fieldsSyncroDropped(
  client: SyncroClient,
  resource: 'customers' | 'contacts',
  id: number,
  payload: Rec,
  answer: unknown,
  country?: CountryCode,
): Promise<string[]> {
  const options = country ? { country } : {};
  if (answer && typeof answer === 'object' && fieldsNotKept(answer as Rec, payload, options).length === 0) return [];
  const fresh = resource === 'customers' ? await client.getCustomer(id) : await client.getContact(id);
  return fieldsNotKept(fresh, payload, options);
}

/** The outcome for a write Syncro answered but did not (fully) keep. */
export function notApplied(
  id: number,
  resource: string,
  dropped: string[],
  also?: string,
): { outcome: 'not-applied-by-syncro'; syncroId: number; message: string } {
  const message = `Syncro did not keep ${dropped.join(', ')} of ${resource} #${id} (not in its answer, nor on reading the record back)${also ? `; ${also}` : ''}`;
  return { outcome: 'not-applied-by-syncro', syncroId: id, message };
}
