/**
 * What a Syncro account was seen to do where the public record leaves it open
 * (shared/syncro-api README, "Open points"). `doctor` fills it in and saves it;
 * the client takes it as an option so a filter known to be ignored is never
 * trusted, not even once. Anything left out is "unknown": the client then
 * verifies as it goes (it verifies anyway; the profile only saves the first
 * wrong answer).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { SyncroEtlError } from '../errors.js';

/** honoured: the server applied it; ignored: it answered as if it was not sent. */
export const HonouredSchema = z.enum(['honoured', 'ignored', 'unknown']);
export type Honoured = z.infer<typeof HonouredSchema>;

/** Every list filter the client relies on, as `resource.parameter`. */
export const FILTER_KEYS = [
  'customers.id',
  'customers.email',
  'customers.include_disabled',
  'contacts.customer_id',
  'tickets.customer_id',
  'customer_assets.customer_id',
  'invoices.customer_id',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const RESOURCE_NAMES = ['customers', 'contacts', 'tickets', 'customer_assets', 'invoices'] as const;
const resourceRecord = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(RESOURCE_NAMES), value);

export const ServerProfileSchema = z.object({
  version: z.literal(1),
  /** When and where (origin only, never the key) the profile was taken. */
  checkedAt: z.string().optional(),
  origin: z.string().optional(),
  filters: z.partialRecord(z.enum(FILTER_KEYS), HonouredSchema).default({}),
  /** How GET/PUT/POST of one record answer: `{"asset": …}` or the record itself. */
  singles: resourceRecord(z.enum(['wrapped', 'unwrapped', 'unknown'])).default({}),
  /** Items per list page as seen. */
  pageSize: resourceRecord(z.number().int().positive()).default({}),
  /** How a phone sent as "555-0999" comes back. */
  phones: z.enum(['as-sent', 'digits-only', 'other', 'unknown']).default('unknown'),
  /** Whether a write of these fields is kept (seen in the answer or a read-back). */
  writes: z
    .object({
      disabled: HonouredSchema.default('unknown'),
      customFields: HonouredSchema.default('unknown'),
      contactTitle: z.enum(['properties', 'top-level', 'ignored', 'unknown']).default('unknown'),
    })
    .default({ disabled: 'unknown', customFields: 'unknown', contactTitle: 'unknown' }),
  /** Contacts listed with `customer_id: null` (vendor contacts) were seen. */
  vendorContacts: z.boolean().optional(),
  /** A disabled customer was in no list, asked with include_disabled=true or not (doctor --write-test): the snapshot cannot see disabled customers. */
  disabledUnlisted: z.boolean().optional(),
  /** A 429 carried Retry-After. */
  retryAfterHeader: z.boolean().optional(),
});
export type ServerProfile = z.infer<typeof ServerProfileSchema>;

/** A profile that knows nothing yet. */
export function emptyProfile(): ServerProfile {
  return ServerProfileSchema.parse({ version: 1 });
}

/** True when the profile says the server ignores this filter. */
export function filterIgnored(profile: ServerProfile | undefined, key: FilterKey): boolean {
  return profile?.filters[key] === 'ignored';
}

/** What a disabled customer missing from every list means for a migration (doctor's table and every command that loads such a profile say it). */
export const DISABLED_UNLISTED =
  'disabled customers are in no list Syncro answers, so no snapshot, match or create check sees them: a row for a disabled customer is planned as a new customer. Re-enable those customers in Syncro before the import, or look for them among the planned creates';

/**
 * What a loaded profile found that the client cannot work around, only
 * report: each a sentence for the person about to migrate.
 */
export function profileCautions(profile: ServerProfile): string[] {
  const out: string[] = [];
  if (profile.disabledUnlisted === true) out.push(`Syncro ignores include_disabled on this account: ${DISABLED_UNLISTED}.`);
  return out;
}

/** Reads and checks a saved profile; CONFIG_INVALID naming the file and the field when it is not one. */
export function loadProfile(file: string): ServerProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SyncroEtlError(
      'CONFIG_INVALID',
      `Cannot read the server profile ${file}: ${(err as Error).message}. Run \`syncro-etl doctor\` to make a new one.`,
      { file },
      { cause: err },
    );
  }
  const parsed = ServerProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(top level)';
    throw new SyncroEtlError(
      'CONFIG_INVALID',
      `The server profile ${file} is not valid at ${field}: ${issue?.message ?? 'invalid'}. Run \`syncro-etl doctor\` to make a new one.`,
      { file, field },
    );
  }
  return parsed.data;
}

/** Writes the profile (whole or not at all: a temporary file renamed over the target). */
export function saveProfile(file: string, profile: ServerProfile): void {
  const checked = ServerProfileSchema.parse(profile);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checked, null, 2)}\n`);
  renameSync(tmp, file);
}
