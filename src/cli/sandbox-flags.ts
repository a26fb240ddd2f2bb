/** Maps `syncro-etl sandbox` flags onto SandboxOptions (kept apart so the command file stays thin). */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readSeedFile } from '../sandbox/seed.js';
import { startSandbox } from '../sandbox/server.js';
import { parseVariantFlags } from '../sandbox/variants.js';
import type { RunningSandbox, SandboxOptions } from '../sandbox/server.js';

export interface SandboxFlags {
  port: number;
  data: string;
  seed?: string;
  apiKey?: string;
  rateLimit: number;
  retryAfter: 'on' | 'off';
  uniqueEmail: 'on' | 'off';
  utcOffset: string;
  faultLatencyMs: number;
  fault5xx: number;
  faultLostWrite: number;
  faultSeed: number;
  variant?: string[];
}

export async function startSandboxFromFlags(flags: SandboxFlags): Promise<RunningSandbox> {
  mkdirSync(dirname(flags.data), { recursive: true });
  const options: SandboxOptions = {
    port: flags.port,
    dataFile: flags.data,
    apiKey: flags.apiKey ?? process.env.SYNCRO_API_KEY ?? 'sandbox-key',
    rateLimit: flags.rateLimit,
    retryAfter: flags.retryAfter === 'on',
    uniqueEmail: flags.uniqueEmail === 'on',
    utcOffset: flags.utcOffset,
    faults: {
      latencyMs: flags.faultLatencyMs,
      rate5xx: flags.fault5xx,
      rateLostWrite: flags.faultLostWrite,
      seed: flags.faultSeed,
    },
  };
  if (flags.variant && flags.variant.length > 0) options.variants = parseVariantFlags(flags.variant);
  if (flags.seed) options.seed = readSeedFile(flags.seed);
  return startSandbox(options);
}
