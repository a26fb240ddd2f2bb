/**
 * Switches that make the sandbox answer an open point (shared/syncro-api
 * README, "Open points") the other plausible way, so the client and `doctor`
 * can be tested against each. All off by default: the sandbox then answers as
 * the README assumes. Set them as `SandboxOptions.variants`, with
 * `syncro-etl sandbox --variant …` or at `POST /__sandbox/variants`.
 */
import { z } from 'zod';
import { SyncroEtlError } from '../errors.js';

export const VARIANT_RESOURCES = ['customers', 'contacts', 'tickets', 'customer_assets', 'invoices'] as const;
export type VariantResource = (typeof VARIANT_RESOURCES)[number];

/** The list filters a server may ignore, as `resource.parameter` (`customers.id` is `id[]`). */
export const IGNORABLE_FILTERS = [
  'customers.id',
  'customers.email',
  'customers.include_disabled',
  'contacts.customer_id',
  'tickets.customer_id',
  'customer_assets.customer_id',
  'invoices.customer_id',
] as const;
export type IgnorableFilter = (typeof IGNORABLE_FILTERS)[number];

const Resource = z.enum(VARIANT_RESOURCES);
const FieldRef = z.string().regex(/^(customers|contacts|tickets|customer_assets|invoices)\.[a-z_]+$/, 'is not resource.field');

export const SandboxVariantsSchema = z.strictObject({
  /** List filters answered as if they were not sent. */
  ignoreFilters: z.array(z.enum(IGNORABLE_FILTERS)).optional(),
  /** Single records (GET/POST/PUT of one) answered flat; contacts are flat already. */
  flatSingles: z.array(z.enum(['customers', 'tickets', 'customer_assets', 'invoices'])).optional(),
  /** Single contacts answered wrapped in `{"contact": …}`. */
  wrappedContacts: z.boolean().optional(),
  /** Lists answered 200 with an HTML maintenance page. */
  htmlLists: z.array(Resource).optional(),
  /** Lists answered without `meta`. */
  listsWithoutMeta: z.array(Resource).optional(),
  /** `phone`/`mobile` stored digits-only ("555-0999" → "5550999"). */
  digitPhones: z.array(z.enum(['customers', 'contacts'])).optional(),
  /** Fields dropped from POST and PUT bodies, as `resource.field` (e.g. `customers.disabled`, `contacts.title`). */
  ignoredFields: z.array(FieldRef).optional(),
  /** Contact `title` kept as a top-level field instead of `properties.title`. */
  contactTitleTopLevel: z.boolean().optional(),
  /** Fields a PUT must carry (422 when absent or blank), as `resource.field` (e.g. `customer_assets.name`). */
  requiredOnPut: z.array(FieldRef).optional(),
  /** Vendor contacts (`customer_id: null`) added to the store when it has fewer. */
  vendorContacts: z.number().int().min(0).max(1000).optional(),
  /** After each write, the written record's `updated_at` moves this many seconds forward (a background job). 0 = off. */
  touchUpdatedAtSeconds: z.number().min(0).max(86_400).optional(),
  /** The resources whose writes are touched; default every one. */
  touchResources: z.array(Resource).optional(),
});
export type SandboxVariants = z.infer<typeof SandboxVariantsSchema>;

/** Validates variant settings; throws CONFIG_INVALID naming the bad field. */
export function parseVariants(input: unknown): SandboxVariants {
  const parsed = SandboxVariantsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new SyncroEtlError(
      'CONFIG_INVALID',
      `Sandbox variant ${field || '(unknown)'}: ${issue?.message ?? 'invalid'}. See src/sandbox/README.md, "Variants".`,
      { field },
    );
  }
  return parsed.data;
}

/** Every switch on at once (for the bench and the "all variants" tests). Vendor contacts: 2; touches: 5 s. */
export const ALL_VARIANTS: SandboxVariants = {
  ignoreFilters: [...IGNORABLE_FILTERS.filter((f) => f !== 'customers.include_disabled')],
  flatSingles: ['customers', 'tickets', 'customer_assets', 'invoices'],
  digitPhones: ['customers', 'contacts'],
  ignoredFields: ['customers.disabled'],
  contactTitleTopLevel: true,
  requiredOnPut: ['customer_assets.name'],
  vendorContacts: 2,
  touchUpdatedAtSeconds: 5,
};

const LIST_FLAGS: Record<string, keyof SandboxVariants> = {
  'ignore-filter': 'ignoreFilters',
  flat: 'flatSingles',
  'html-lists': 'htmlLists',
  'no-meta': 'listsWithoutMeta',
  'digit-phones': 'digitPhones',
  'ignore-field': 'ignoredFields',
  'require-on-put': 'requiredOnPut',
};

/**
 * `--variant` flag values to settings. Each value is `name` or `name=a,b`:
 * ignore-filter=invoices.customer_id · flat=customer_assets,invoices ·
 * wrapped-contacts · html-lists=customers · no-meta=contacts ·
 * digit-phones=customers,contacts · ignore-field=customers.disabled ·
 * contact-title=top-level · require-on-put=customer_assets.name ·
 * vendor-contacts=3 · touch-updated-at=5 · touch-resources=customers · all.
 * @example parseVariantFlags(['ignore-filter=invoices.customer_id', 'flat=invoices'])
 */
export function parseVariantFlags(values: readonly string[]): SandboxVariants {
  const out: Record<string, unknown> = {};
  const add = (key: string, items: string[]) => {
    out[key] = [...new Set([...((out[key] as string[] | undefined) ?? []), ...items])];
  };
  for (const value of values) {
    const [name = '', arg] = value.split('=', 2).map((s) => s.trim());
    const items = (arg ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const listKey = LIST_FLAGS[name];
    if (name === 'all') Object.assign(out, ALL_VARIANTS);
    else if (listKey) {
      if (items.length === 0)
        throw new SyncroEtlError('CONFIG_INVALID', `--variant ${name} needs a list, e.g. --variant ${name}=…`, { field: name });
      add(listKey, items);
    } else if (name === 'wrapped-contacts') out.wrappedContacts = true;
    else if (name === 'contact-title' && (arg === 'top-level' || arg === 'properties')) out.contactTitleTopLevel = arg === 'top-level';
    else if (name === 'vendor-contacts') out.vendorContacts = Number(arg ?? 2);
    else if (name === 'touch-updated-at') out.touchUpdatedAtSeconds = Number(arg ?? 5);
    else if (name === 'touch-resources') add('touchResources', items);
    else
      throw new SyncroEtlError('CONFIG_INVALID', `Unknown --variant "${value}". See src/sandbox/README.md, "Variants".`, {
        field: 'variant',
        value,
      });
  }
  return parseVariants(out);
}
