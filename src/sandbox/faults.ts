/**
 * Fault injection for tests: latency, injected 500s, lost write answers and
 * forced 429s. Random choices come from seeded mulberry32 streams (one per
 * fault kind, so changing one rate does not shift the other's sequence).
 */
import { z } from 'zod';
import { SyncroEtlError } from '../errors.js';
import type { SandboxFaults } from './types.js';

/**
 * A small seeded PRNG returning floats in [0, 1).
 * @example const r = mulberry32(1); r() // same value on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The schema of a fault settings object (CLI flags, options, `POST /__sandbox/faults`). */
export const SandboxFaultsSchema = z.strictObject({
  latencyMs: z.number().min(0).optional(),
  rate5xx: z.number().min(0).max(1).optional(),
  rateLostWrite: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  force429Next: z.number().int().min(0).optional(),
});

/** Validates fault settings; throws CONFIG_INVALID naming the bad field. */
export function parseFaults(input: unknown): SandboxFaults {
  const parsed = SandboxFaultsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new SyncroEtlError(
      'CONFIG_INVALID',
      `Sandbox fault setting ${field || '(unknown)'}: ${issue?.message ?? 'invalid'}. Rates are fractions 0..1, latency and counts are non-negative numbers.`,
      { field },
    );
  }
  return parsed.data as SandboxFaults;
}

const LOST_WRITE_SALT = 0x9e3779b9;

/** Current fault settings and their random streams. */
export class FaultInjector {
  private settings: Required<Omit<SandboxFaults, 'force429Next'>> = { latencyMs: 0, rate5xx: 0, rateLostWrite: 0, seed: 1 };
  private forced429 = 0;
  private next5xx = mulberry32(1);
  private nextLost = mulberry32(1 ^ LOST_WRITE_SALT);

  constructor(faults?: SandboxFaults) {
    this.update(faults ?? {});
  }

  /** Changes the given settings only; a new `seed` restarts both random streams. */
  update(faults: SandboxFaults): void {
    const f = parseFaults(faults);
    const { force429Next, ...rest } = f;
    this.settings = { ...this.settings, ...rest };
    if (force429Next !== undefined) this.forced429 = force429Next;
    if (f.seed !== undefined) {
      this.next5xx = mulberry32(f.seed);
      this.nextLost = mulberry32(f.seed ^ LOST_WRITE_SALT);
    }
  }

  /** The settings in force, with the forced-429 count still pending. */
  current(): SandboxFaults {
    return { ...this.settings, force429Next: this.forced429 };
  }

  get latencyMs(): number {
    return this.settings.latencyMs;
  }

  /** True (and one fewer pending) when a forced 429 is due. */
  take429(): boolean {
    if (this.forced429 <= 0) return false;
    this.forced429--;
    return true;
  }

  /** Draws whether this request gets an injected 500. */
  fail5xx(): boolean {
    return this.settings.rate5xx > 0 && this.next5xx() < this.settings.rate5xx;
  }

  /** Draws whether this successful write loses its answer. */
  loseWrite(): boolean {
    return this.settings.rateLostWrite > 0 && this.nextLost() < this.settings.rateLostWrite;
  }
}
