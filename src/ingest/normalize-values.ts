/** Applies the `--normalize` options to a mapped row's drafts (see normalize-options.ts). */
import { normalizePersonName, normalizePhone, normalizeState, normalizeZip } from '../normalize/index.js';
import type { CountryCode } from '../normalize/index.js';
import { addIssue, fieldLabel } from './draft.js';
import type { Entity, RowState } from './draft.js';
import type { NormalizeOption } from './normalize-options.js';

const PHONES = ['phone', 'mobile'] as const;

/** Apply the options to one entity's draft of the row. */
export function applyNormalize(state: RowState, entity: Entity, options: ReadonlySet<NormalizeOption>, country: CountryCode): void {
  if (options.size === 0) return;
  {
    const f = (entity === 'customer' ? state.customer : state.contact).fields;
    const s = (k: string): string | undefined => (typeof f[k] === 'string' && f[k] !== '' ? (f[k] as string) : undefined);
    if (options.has('email-lowercase') && s('email')) f.email = (f.email as string).toLowerCase();
    if (options.has('name-case')) {
      for (const k of entity === 'customer' ? ['firstname', 'lastname'] : ['name']) if (s(k)) f[k] = normalizePersonName(f[k] as string);
    }
    if (options.has('state-code') && s('state')) f.state = normalizeState(f.state as string, country);
    if (options.has('zip') && s('zip')) f.zip = normalizeZip(f.zip as string, country);
    if (options.has('phone-format')) for (const k of PHONES) formatPhone(state, entity, k, country);
  }
}

function formatPhone(state: RowState, entity: Entity, key: 'phone' | 'mobile', country: CountryCode): void {
  const f = (entity === 'customer' ? state.customer : state.contact).fields;
  const raw = f[key];
  if (typeof raw !== 'string' || raw === '') return;
  const p = normalizePhone(raw, country);
  if (!p.valid || !p.national) {
    addIssue(state, {
      field: fieldLabel(state, entity, key),
      value: raw,
      code: 'PHONE_UNPARSEABLE',
      severity: 'warning',
      message: `${entity} ${key} "${raw}" is not a phone number libphonenumber recognises for ${country}; kept as written`,
    });
    return;
  }
  let formatted = p.national;
  if (p.extension) {
    if (entity === 'contact' && key === 'phone' && !f.extension) f.extension = p.extension;
    else formatted += ` x${p.extension}`;
  }
  f[key] = formatted;
}
