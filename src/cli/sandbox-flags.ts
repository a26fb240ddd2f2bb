/** Maps `syncro-etl sandbox` flags onto SandboxOptions (kept apart so the command file stays thin). */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SyncroEtlError } from '../errors.js';
import { startSandbox } from '../sandbox/server.js';
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
  if (flags.seed) options.seed = readSeed(flags.seed);
  return startSandbox(options);
}

function readSeed(path: string): NonNullable<SandboxOptions['seed']> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as NonNullable<SandboxOptions['seed']>;
  } catch (err) {
    throw new SyncroEtlError('FILE_UNREADABLE', `cannot read the seed fixture ${path}: ${(err as Error).message}`, { file: path }, { cause: err });
  }
}
