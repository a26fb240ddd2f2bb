/**
 * Seeding: a fixture (`{customers:[{…, contacts:[…]}], tickets, assets,
 * invoices}`, see README.md) or a programmatic seed goes into the store in one
 * transaction. Seeds bypass validation on purpose: real tenants hold dirty
 * data (bad emails, duplicates) that the API would refuse today.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SyncroEtlError } from '../errors.js';
import { contactChanges } from './contacts.js';
import { ASSET_SPEC, CUSTOMER_SPEC, INVOICE_SPEC, pickFields, TICKET_SPEC } from './fields.js';
import type { Fields, FieldSpec } from './fields.js';
import type { InsertMeta, SandboxStore, TableName } from './store.js';
import { parseTimestamp } from './time.js';
import type { SandboxSeed, SeedFields, SeedLinked, SeedResult } from './types.js';

const id = z.number().int().positive().optional();
const stamp = z.string().optional();
const SeedContactSchema = z.looseObject({ id, created_at: stamp, updated_at: stamp });
const SeedCustomerSchema = z.looseObject({ id, created_at: stamp, updated_at: stamp, contacts: z.array(SeedContactSchema).optional() });
const SeedLinkedSchema = z.looseObject({
  id,
  created_at: stamp,
  updated_at: stamp,
  customer_id: id,
  contact_id: id,
  customer_index: z.number().int().min(0).optional(),
  contact_index: z.number().int().min(0).optional(),
});

/** The schema of a seed file; unknown top-level keys are refused (they are usually typos). */
export const SandboxSeedSchema = z.strictObject({
  customers: z.array(SeedCustomerSchema).optional(),
  vendor_contacts: z.array(SeedContactSchema).optional(),
  tickets: z.array(SeedLinkedSchema).optional(),
  assets: z.array(SeedLinkedSchema).optional(),
  invoices: z.array(SeedLinkedSchema).optional(),
});

/** Validates an untrusted seed (a file's JSON, a reset body); throws INVALID_ARGUMENT naming the bad path. */
export function parseSeed(input: unknown, origin = 'seed'): SandboxSeed {
  const parsed = SandboxSeedSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new SyncroEtlError(
      'INVALID_ARGUMENT',
      `${origin}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}. See src/sandbox/README.md for the seed format.`,
      { field: where },
    );
  }
  return parsed.data as SandboxSeed;
}

/** Reads and validates a seed file. */
export function readSeedFile(file: string): SandboxSeed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
    throw new SyncroEtlError(
      code,
      `Cannot read seed file ${file}: ${(err as Error).message}. Check the --seed path.`,
      { file },
      { cause: err },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SyncroEtlError(
      'FILE_UNREADABLE',
      `Seed file ${file} is not valid JSON: ${(err as Error).message}.`,
      { file },
      { cause: err },
    );
  }
  return parseSeed(json, `Seed file ${file}`);
}

function meta(record: SeedFields & { id?: number }, where: string): InsertMeta {
  const out: InsertMeta = {};
  if (record.id !== undefined) out.id = record.id;
  for (const [key, target] of [
    ['created_at', 'created_ms'],
    ['updated_at', 'updated_ms'],
  ] as const) {
    if (record[key] === undefined) continue;
    const ms = parseTimestamp(record[key]);
    if (ms === undefined)
      throw new SyncroEtlError('INVALID_ARGUMENT', `Seed ${where}: ${key} "${String(record[key])}" is not an ISO-8601 timestamp.`, {
        field: key,
      });
    out[target] = ms;
  }
  if (out.created_ms !== undefined && out.updated_ms === undefined) out.updated_ms = out.created_ms;
  return out;
}

const LINKED: readonly { key: 'tickets' | 'assets' | 'invoices'; table: TableName; spec: FieldSpec }[] = [
  { key: 'tickets', table: 'tickets', spec: TICKET_SPEC },
  { key: 'assets', table: 'assets', spec: ASSET_SPEC },
  { key: 'invoices', table: 'invoices', spec: INVOICE_SPEC },
];

/**
 * Inserts `seed` into `store` in one transaction (all or nothing) and returns
 * the ids given, in seed order.
 * @example seedStore(store, { customers: [{ business_name: 'Acme', contacts: [{ name: 'Ann' }] }] })
 */
export function seedStore(store: SandboxStore, seed: SandboxSeed): SeedResult {
  const result: SeedResult = { customers: [], contacts: [], tickets: [], assets: [], invoices: [] };
  const contactIds: number[][] = [];
  const invalid = (where: string, message: string): SyncroEtlError => new SyncroEtlError('INVALID_ARGUMENT', `Seed ${where}: ${message}.`);
  store.transaction(() => {
    (seed.customers ?? []).forEach((c, i) => {
      const row = store.insert('customers', pickFields(c, CUSTOMER_SPEC), meta(c, `customers[${i}]`));
      result.customers.push(row.id);
      const ids = (c.contacts ?? []).map((k, j) => {
        const fields = contactChanges({ ...k, customer_id: row.id });
        return store.insert('contacts', fields, meta(k, `customers[${i}].contacts[${j}]`)).id;
      });
      contactIds.push(ids);
      result.contacts.push(...ids);
    });
    (seed.vendor_contacts ?? []).forEach((k, j) => {
      const fields = contactChanges({ ...k, customer_id: null });
      result.contacts.push(store.insert('contacts', fields, meta(k, `vendor_contacts[${j}]`)).id);
    });
    for (const { key, table, spec } of LINKED) {
      (seed[key] ?? []).forEach((r: SeedLinked, i) => {
        const where = `${key}[${i}]`;
        const customerId = r.customer_index !== undefined ? result.customers[r.customer_index] : r.customer_id;
        if (customerId === undefined)
          throw invalid(
            where,
            r.customer_index !== undefined
              ? `customer_index ${r.customer_index} is out of range (the seed has ${result.customers.length} customers)`
              : 'needs customer_index or customer_id',
          );
        if (r.customer_index === undefined && !store.exists('customers', customerId))
          throw invalid(where, `customer_id ${customerId} does not exist`);
        const fields: Fields = { ...pickFields(r, spec), customer_id: customerId };
        if (r.contact_index !== undefined) {
          const contactId = r.customer_index !== undefined ? contactIds[r.customer_index]?.[r.contact_index] : undefined;
          if (contactId === undefined)
            throw invalid(where, `contact_index ${r.contact_index} needs a customer_index whose customer has that many contacts`);
          fields.contact_id = contactId;
        }
        result[key].push(store.insert(table, fields, meta(r, where)).id);
      });
    }
  });
  return result;
}
