/**
 * Is each list filter the client uses honoured? Decided on what came back:
 * a filtered answer holding a record that does not satisfy the filter means
 * "NOT honoured"; an answer that left out records of page 1 that do not
 * satisfy it means "honoured". When page 1 cannot tell (every record
 * satisfies the first value), a second value that page 1 does not hold is
 * tried. Fewer records than that: "unknown".
 */
import type { FilterKey, Honoured, ServerProfile } from '../syncro/profile.js';
import type { ResourceName } from '../syncro/types.js';
import { readList } from './lists.js';
import type { Item, ListSample } from './lists.js';
import type { Prober } from './probe.js';
import type { Findings } from './types.js';

interface FilterProbe {
  key: FilterKey;
  resource: ResourceName;
  /** The check's name in the table. */
  label: string;
  param: string;
  /** A value some sample records satisfy, and one no sample record satisfies. */
  values(sample: Item[], customers: Item[]): [unknown, unknown] | undefined;
  satisfies(record: Item, value: unknown): boolean;
}

const ownerOf = (r: Item): unknown => r.customer_id;
const emailOf = (r: Item): string => (typeof r.email === 'string' ? r.email.toLowerCase() : '');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const maxId = (items: Item[]): number => items.reduce((m, r) => Math.max(m, r.id), 0);

function ownerProbe(resource: ResourceName): FilterProbe {
  return {
    key: `${resource}.customer_id` as FilterKey,
    resource,
    label: `customer_id on ${resource}`,
    param: 'customer_id',
    values(sample, customers) {
      const owners = new Set(sample.map(ownerOf).filter((o) => typeof o === 'number'));
      const first = [...owners][0];
      if (first === undefined) return undefined;
      const other = customers.find((c) => !owners.has(c.id))?.id ?? maxId(customers) + 1_000_000;
      return [first, other];
    },
    satisfies: (r, v) => r.customer_id === v,
  };
}

const PROBES: FilterProbe[] = [
  {
    key: 'customers.id',
    resource: 'customers',
    label: 'id[] on customers',
    param: 'id',
    values: (sample) => (sample[0] ? [[sample[0].id], [maxId(sample) + 1_000_000]] : undefined),
    satisfies: (r, v) => (v as number[]).includes(r.id),
  },
  {
    key: 'customers.email',
    resource: 'customers',
    label: 'email on customers',
    param: 'email',
    values: (sample) => {
      const email = sample.map(emailOf).find((e) => e.includes('@'));
      return email ? [email, `syncro-etl-doctor-nobody-${Date.now()}@example.invalid`] : undefined;
    },
    satisfies: (r, v) => emailOf(r).includes(String(v).toLowerCase()),
  },
  ownerProbe('contacts'),
  ownerProbe('tickets'),
  ownerProbe('customer_assets'),
  ownerProbe('invoices'),
];

type Outcome = { verdict: Honoured; detail: string } | { verdict: 'inconclusive' };

async function tryValue(
  prober: Prober,
  p: FilterProbe,
  sample: Item[],
  value: unknown,
): Promise<Outcome | { verdict: 'error'; detail: string }> {
  const { items, answer } = await readList(prober, p.resource, { [p.param]: value as string });
  if (!items) return { verdict: 'error', detail: answer };
  const stray = items.find((r) => !p.satisfies(r, value));
  const shown = Array.isArray(value) ? `${p.param}[]=${value.join(',')}` : `${p.param}=${String(value)}`;
  if (stray) {
    const whose = p.param === 'customer_id' ? ` of customer ${String(stray.customer_id)}` : '';
    return { verdict: 'ignored', detail: `asked ${shown}: ${plural(items.length, 'record')} came back, #${stray.id}${whose} among them` };
  }
  const returned = new Set(items.map((r) => r.id));
  const leftOut = sample.filter((r) => !p.satisfies(r, value) && !returned.has(r.id)).length;
  if (leftOut > 0)
    return {
      verdict: 'honoured',
      detail: `asked ${shown}: ${plural(items.length, 'record')}, all matching; ${leftOut} other${leftOut === 1 ? '' : 's'} left out`,
    };
  return { verdict: 'inconclusive' };
}

/** Checks every filter of PROBES; fills `profile.filters`. */
export async function checkFilters(
  prober: Prober,
  findings: Findings,
  profile: ServerProfile,
  samples: Map<ResourceName, ListSample>,
): Promise<void> {
  const customers = samples.get('customers')?.items ?? [];
  for (const p of PROBES) {
    const sample = samples.get(p.resource)?.items;
    const values = sample ? p.values(sample, customers) : undefined;
    if (!sample || !values) {
      profile.filters[p.key] = 'unknown';
      findings.add('filters', p.label, 'unknown', 'unknown', sample ? 'no records to test with' : 'the list could not be read');
      continue;
    }
    let outcome = await tryValue(prober, p, sample, values[0]);
    if (outcome.verdict === 'inconclusive') outcome = await tryValue(prober, p, sample, values[1]);
    if (outcome.verdict === 'error') {
      profile.filters[p.key] = 'unknown';
      findings.add('filters', p.label, 'fail', 'error', outcome.detail);
    } else if (outcome.verdict === 'inconclusive') {
      profile.filters[p.key] = 'unknown';
      findings.add('filters', p.label, 'unknown', 'unknown', 'too few records to tell; the client verifies every filtered answer anyway');
    } else {
      profile.filters[p.key] = outcome.verdict;
      const honoured = outcome.verdict === 'honoured';
      findings.add(
        'filters',
        p.label,
        honoured ? 'ok' : 'differs',
        honoured ? 'honoured' : 'NOT honoured',
        honoured
          ? outcome.detail
          : `${outcome.detail}; the client reads these the safe way (per-record reads or the full list filtered locally)`,
      );
    }
  }
  await checkIncludeDisabled(prober, findings, profile, samples.get('customers'));
}

/** include_disabled=true must add disabled customers (or the total must grow); the default list must hold none. */
async function checkIncludeDisabled(
  prober: Prober,
  findings: Findings,
  profile: ServerProfile,
  sample: ListSample | undefined,
): Promise<void> {
  const key: FilterKey = 'customers.include_disabled';
  if (!sample?.items) {
    profile.filters[key] = 'unknown';
    findings.add('filters', 'include_disabled on customers', 'unknown', 'unknown', 'the list could not be read');
    return;
  }
  const listedByDefault = sample.items.filter((c) => c.disabled === true).length;
  const withDisabled = await readList(prober, 'customers', { include_disabled: 'true' });
  const total = typeof withDisabled.meta?.total_entries === 'number' ? withDisabled.meta.total_entries : undefined;
  const disabledSeen = (withDisabled.items ?? []).filter((c) => c.disabled === true).length;
  if (listedByDefault > 0) {
    profile.filters[key] = 'ignored';
    findings.add(
      'filters',
      'include_disabled on customers',
      'differs',
      'NOT honoured',
      `${listedByDefault} disabled customers listed without include_disabled (the default list is not the enabled ones alone)`,
    );
  } else if (disabledSeen > 0 || (total !== undefined && sample.total !== undefined && total > sample.total)) {
    profile.filters[key] = 'honoured';
    findings.add(
      'filters',
      'include_disabled on customers',
      'ok',
      'honoured',
      `include_disabled=true lists ${total ?? '?'} customers, ${sample.total ?? '?'} without`,
    );
  } else {
    profile.filters[key] = 'unknown';
    findings.add(
      'filters',
      'include_disabled on customers',
      'unknown',
      'unknown',
      'no disabled customer seen (the --write-test scratch customer settles it)',
    );
  }
}
