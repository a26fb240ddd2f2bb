/**
 * The sandbox's public option, fault, stats and seed shapes. Kept apart from
 * the modules that use them so importers (CLI, benches, tests) can take the
 * types without pulling in the server.
 */
import type { SandboxVariants } from './variants.js';

/** Fault settings: all off by default, deterministic from `seed`. */
export interface SandboxFaults {
  /** Milliseconds added before each API answer is sent. */
  latencyMs?: number;
  /** Fraction (0..1) of API requests answered 500 with nothing stored. */
  rate5xx?: number;
  /** Fraction (0..1) of successful writes that are stored but whose answer is lost (socket destroyed). */
  rateLostWrite?: number;
  /** Seed of the fault PRNG; setting it restarts the random streams. */
  seed?: number;
  /** The next n API requests are answered 429, whatever the rate limit says. */
  force429Next?: number;
}

/** Options of `startSandbox` and `createSandboxHandler`; they map 1:1 to `syncro-etl sandbox` flags. */
export interface SandboxOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0: the OS picks a free port. */
  port?: number;
  /** SQLite file holding the data; undefined = in memory. */
  dataFile?: string;
  /** Default 'sandbox-key'. */
  apiKey?: string;
  /** Requests per minute per client IP (sliding 60 s window). Default 180; 0 = off. */
  rateLimit?: number;
  /** Send `Retry-After` (whole seconds, rounded up) with a 429. Default true. */
  retryAfter?: boolean;
  /** Refuse a second customer with the same email (case-insensitive). Default false. */
  uniqueEmail?: boolean;
  /** Offset written in timestamps, e.g. '+02:00'. Default '+00:00'. */
  utcOffset?: string;
  faults?: SandboxFaults;
  /** Open points answered the other plausible way (see variants.ts); all off by default. */
  variants?: SandboxVariants;
  /** Applied only when the store is empty. */
  seed?: SandboxSeed;
  /** Injectable clock (ms since epoch); drives timestamps and the rate limit. */
  now?: () => number;
}

/** Request counters, served at `GET /__sandbox/stats`. Admin requests are not counted. */
export interface SandboxStats {
  /** Every API request received under /api/v1. */
  total: number;
  /** Keyed "METHOD resource", e.g. "GET customers", "PUT contacts", "GET me". */
  byRoute: Record<string, number>;
  /** Keyed by HTTP status of the answers sent (lost writes are not here). */
  byStatus: Record<string, number>;
  /** 429 answers sent (rate limit and force429Next). */
  rateLimited: number;
  /** 500 answers injected by the `rate5xx` fault. */
  injected5xx: number;
  /** Writes stored whose answer was dropped by the `rateLostWrite` fault. */
  lostWrites: number;
}

/** Fields of a seeded record: Syncro field names with their wire values. */
export type SeedFields = Record<string, unknown>;

/** A contact in a seed, nested under its customer. `title` lands in `properties.title`. */
export interface SeedContact extends SeedFields {
  id?: number;
  created_at?: string;
  updated_at?: string;
}

/** A customer in a seed, with its contacts. */
export interface SeedCustomer extends SeedFields {
  id?: number;
  created_at?: string;
  updated_at?: string;
  contacts?: SeedContact[];
}

/**
 * A ticket, asset or invoice in a seed. It names its customer by `customer_id`
 * (an id in the store) or `customer_index` (position in `customers` of the same
 * seed); a ticket may name its contact by `contact_id` or `contact_index`
 * (position in that customer's `contacts`).
 */
export interface SeedLinked extends SeedFields {
  id?: number;
  customer_id?: number;
  customer_index?: number;
  contact_id?: number;
  contact_index?: number;
  created_at?: string;
  updated_at?: string;
}

/** The seed format, as in `fixtures/sandbox/*.json` (see src/sandbox/README.md). */
export interface SandboxSeed {
  customers?: SeedCustomer[];
  /** Contacts without a customer (`customer_id: null`), as Syncro keeps for vendors. */
  vendor_contacts?: SeedContact[];
  tickets?: SeedLinked[];
  assets?: SeedLinked[];
  invoices?: SeedLinked[];
}

/** Ids given to each seeded record, in seed order. */
export interface SeedResult {
  customers: number[];
  contacts: number[];
  tickets: number[];
  assets: number[];
  invoices: number[];
}
