/**
 * What identifies an entity and what only describes its context. Fields
 * either identify (a person's names and mailbox; an organisation's name and
 * mailbox; extra identifiers) or describe context (employer, a shared email
 * domain, phone line, address, city, state, zip). Identity decides which
 * pairs can never match; context agreement is corrected for correlation
 * (correlation.ts).
 */
import { MISSING } from './fields.js';
import type { FieldSpec } from './fields.js';

/** What the records are: contacts are people; customers are organisations when both name one. */
export type EntityKind = 'auto' | 'contacts' | 'customers';

export type Mode = 'person' | 'org';

/** Whether a pair is judged as people (names and mailbox identify) or organisations. */
export function modeOf(fields: readonly FieldSpec[], levels: Uint8Array, entity: EntityKind): Mode {
  let names = false;
  let company = false;
  for (let f = 0; f < fields.length; f++) {
    if (levels[f] === MISSING) continue;
    const kind = (fields[f] as FieldSpec).kind;
    if (kind === 'name') names = true;
    else if (kind === 'company') company = true;
  }
  if (entity === 'contacts') return 'person';
  if (entity === 'customers') return company || !names ? 'org' : 'person';
  return names ? 'person' : 'org';
}

/** True when field `f` at `level` identifies the entity in this mode (false: context). */
export function identifies(spec: FieldSpec, level: number, mode: Mode): boolean {
  switch (spec.kind) {
    case 'name':
      return mode === 'person';
    case 'company':
      return mode === 'org';
    case 'email':
      return level !== spec.contextLevel; // "same company domain, other mailbox" is context
    case 'identifier':
      return true;
    default:
      return false;
  }
}

/**
 * True when every present identity field disagrees (different names and
 * mailbox; different company name and mailbox). EM is trained holding such
 * pairs to be non-matches. With `mailboxToo`, only when a mailbox is among
 * the disagreeing fields: the hard rule scoring applies ("different names
 * and a different mailbox are two people"), which leaves records without
 * email to the rest of the evidence.
 */
export function identityDisagrees(fields: readonly FieldSpec[], levels: Uint8Array, entity: EntityKind, mailboxToo = false): boolean {
  const mode = modeOf(fields, levels, entity);
  if (entity === 'customers' && mode === 'person' && householdPair(fields, levels)) return true;
  let present = false;
  let mailbox = false;
  for (let f = 0; f < fields.length; f++) {
    const spec = fields[f] as FieldSpec;
    const l = levels[f] ?? MISSING;
    if (l === MISSING || spec.identityFrom === undefined) continue;
    if (spec.kind === 'name' && mode !== 'person') continue;
    if (spec.kind === 'company' && mode !== 'org') continue;
    if (l < spec.identityFrom) return false;
    present = true;
    if (spec.kind === 'email') mailbox = true;
  }
  return present && (mailbox || !mailboxToo);
}

/**
 * Two residential customers of one household: first names that disagree
 * outright (not a typo, nickname or initial away), with no shared mailbox or
 * identifier to say otherwise. Surname, home phone and address all agree
 * for a household, so none of them can tell its members apart: the first
 * name must. (Customers only: some labelled person sets, FEBRL among them,
 * count a replaced given name as the same person.)
 */
function householdPair(fields: readonly FieldSpec[], levels: Uint8Array): boolean {
  let firstFar = false;
  for (let f = 0; f < fields.length; f++) {
    const spec = fields[f] as FieldSpec;
    const l = levels[f] ?? MISSING;
    if (l === MISSING) continue;
    if (spec.name === 'firstname') firstFar = l === (spec.identityFrom ?? -1);
    else if ((spec.kind === 'email' && l <= 1) || (spec.kind === 'identifier' && l < (spec.identityFrom ?? 0))) return false;
  }
  return firstFar;
}
