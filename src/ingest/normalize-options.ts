/**
 * `--normalize` options: what the user asked us to change in the values
 * written to Syncro. Without them values are written as the file has them
 * (trimmed); match keys are computed separately and never written.
 *
 * - `phone-format`: phones in a consistent format ("(503) 555-0142" for the
 *   default country, international otherwise); an unparseable phone is kept
 *   as written with a warning; an extension moves to the contact's extension.
 * - `name-case`: "JOHN O'NEIL" / "john o'neil" → "John O'Neil" (mixed case left alone).
 * - `state-code`: "Massachusetts" → "MA" (US states, Canadian provinces).
 * - `email-lowercase`: "Jane@X.com" → "jane@x.com".
 * - `zip`: US zips that lost leading zeros ("2134" → "02134"), Canadian "k1a0b1" → "K1A 0B1".
 * - `all`: every one of these.
 */
import { SyncroEtlError } from '../errors.js';

export const NORMALIZE_OPTIONS = ['phone-format', 'name-case', 'state-code', 'email-lowercase', 'zip'] as const;
export type NormalizeOption = (typeof NORMALIZE_OPTIONS)[number];

/** Parse `--normalize` values (repeated or comma-separated). Throws INVALID_ARGUMENT for unknown ones. */
export function parseNormalizeOptions(values: readonly string[] | undefined): Set<NormalizeOption> {
  const out = new Set<NormalizeOption>();
  for (const v of (values ?? []).flatMap((x) => x.split(','))) {
    const o = v.trim().toLowerCase();
    if (o === '') continue;
    if (o === 'all') NORMALIZE_OPTIONS.forEach((n) => out.add(n));
    else if ((NORMALIZE_OPTIONS as readonly string[]).includes(o)) out.add(o as NormalizeOption);
    else
      throw new SyncroEtlError('INVALID_ARGUMENT', `--normalize ${v} is not an option; use ${NORMALIZE_OPTIONS.join(', ')} or all.`, {
        value: v,
      });
  }
  return out;
}
