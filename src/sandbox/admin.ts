/**
 * Test endpoints under `/__sandbox/` (no auth, not rate limited, not counted):
 * `GET stats`, `GET|POST faults`, `GET|POST variants` (POST replaces every
 * switch), `GET dump`, `POST reset` (optional seed; variants stay).
 */
import { isEtlError } from '../errors.js';
import { NOT_FOUND, ok } from './api.js';
import type { ApiResult } from './api.js';
import type { FaultInjector } from './faults.js';
import { linkedOut } from './linked.js';
import type { Params } from './params.js';
import type { RateLimiter } from './rate-limit.js';
import { parseSeed, seedStore } from './seed.js';
import { contactOut, customerBody } from './serialize.js';
import type { CustomerBody } from './serialize.js';
import type { StatsCounter } from './stats.js';
import type { SandboxStore } from './store.js';
import type { SyncroContact } from '../syncro/types.js';
import type { FormatTime } from './time.js';
import type { VariantSwitches } from './variant-apply.js';

/** The full state, for tests comparing what a run left behind. Customers come without nested contacts. */
export interface SandboxDump {
  customers: CustomerBody[];
  contacts: SyncroContact[];
  tickets: Record<string, unknown>[];
  assets: Record<string, unknown>[];
  invoices: Record<string, unknown>[];
}

export interface AdminDeps {
  store: SandboxStore;
  fmt: FormatTime;
  stats: StatsCounter;
  faults: FaultInjector;
  limiter: RateLimiter;
  variants: VariantSwitches;
}

/** Every record of the store in wire shapes, disabled customers included, by id. */
export function dumpStore(store: SandboxStore, fmt: FormatTime): SandboxDump {
  const ctx = { store, fmt };
  return {
    customers: store.all('customers').map((r) => customerBody(r, fmt)),
    contacts: store.all('contacts').map((r) => contactOut(r, fmt)),
    tickets: linkedOut('tickets', ctx, store.all('tickets')),
    assets: linkedOut('customer_assets', ctx, store.all('assets')),
    invoices: linkedOut('invoices', ctx, store.all('invoices')),
  };
}

function badRequest(err: unknown): ApiResult {
  if (isEtlError(err, 'CONFIG_INVALID', 'INVALID_ARGUMENT')) return { status: 400, body: { error: err.message } };
  throw err;
}

/** Empties the store, the counters and the rate-limit windows; then applies `seed` when given. */
export function resetSandbox(deps: AdminDeps, seedInput: unknown): void {
  const seed = seedInput === undefined ? undefined : parseSeed(seedInput, 'Reset seed');
  deps.store.transaction(() => {
    deps.store.reset();
    if (seed) seedStore(deps.store, seed);
    deps.variants.ensureVendorContacts();
  });
  deps.stats.reset();
  deps.limiter.reset();
}

/** Answers one admin request; `name` is the path after /__sandbox/. */
export function admin(method: string, name: string, body: Params, deps: AdminDeps): ApiResult {
  try {
    if (method === 'GET' && name === 'stats') return ok(deps.stats.snapshot());
    if (method === 'GET' && name === 'faults') return ok({ faults: deps.faults.current() });
    if (method === 'POST' && name === 'faults') {
      deps.faults.update(body);
      return ok({ faults: deps.faults.current() });
    }
    if (method === 'GET' && name === 'variants') return ok({ variants: deps.variants.current });
    if (method === 'POST' && name === 'variants') return ok({ variants: deps.variants.set(body.variants ?? body) });
    if (method === 'GET' && name === 'dump') return ok(dumpStore(deps.store, deps.fmt));
    if (method === 'POST' && name === 'reset') {
      // The seed may come as `{"seed": {...}}` or as the body itself.
      const seed = body.seed ?? (Object.keys(body).length > 0 ? body : undefined);
      resetSandbox(deps, seed);
      return ok({ ok: true, counts: deps.store.counts() });
    }
    return NOT_FOUND;
  } catch (err) {
    return badRequest(err);
  }
}
