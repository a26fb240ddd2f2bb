/**
 * Where syncro-etl writes: resolved from flags, then environment, then a
 * config file. The API key is read from the environment or the config file
 * only (never a flag: flags end up in shell history and `ps`), and it is never
 * printed, logged or written into plans, journals or reports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { SyncroEtlError } from '../errors.js';
import { jsonSyntaxProblem } from '../json-syntax.js';

export const DEFAULT_RATE_LIMIT = 180;
/**
 * The rates accepted, in whole requests per minute. Below 10 a run of a few
 * hundred writes takes hours (a typo like 0.001 would look like a hang);
 * above 60,000 the spacing is under a millisecond, which no real account allows.
 */
export const RATE_LIMIT_RANGE = { min: 10, max: 60_000 } as const;

const ConfigFileSchema = z
  .object({
    subdomain: z
      .string()
      .regex(/^[a-z0-9-]+$/i, 'a subdomain is letters, digits and dashes')
      .optional(),
    baseUrl: z.string().optional(),
    apiKey: z.string().min(1).optional(),
    rateLimit: z.number().int().min(RATE_LIMIT_RANGE.min).max(RATE_LIMIT_RANGE.max).optional(),
    redis: z.string().optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

export interface ConnectionFlags {
  config?: string;
  subdomain?: string;
  baseUrl?: string;
  rateLimit?: number;
  redis?: string;
}

export interface Connection {
  baseUrl: string;
  apiKey: string;
  rateLimit: number;
  redisUrl?: string;
  /** Where the base URL came from, for the "target" line every command prints. */
  origin: string;
}

/** Rate-limit and Redis settings alone, which also apply to the embedded sandbox. */
export interface LimiterSettings {
  rateLimit: number;
  redisUrl?: string;
}

export interface ResolveInput {
  flags?: ConnectionFlags;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  home?: string;
}

/**
 * The configured Syncro account, or `null` when none is configured (the CLI
 * then uses the embedded sandbox and says so).
 */
export function resolveConnection(input: ResolveInput = {}): Connection | null {
  const env = input.env ?? process.env;
  const flags = input.flags ?? {};
  const { file, path: filePath } = readConfigFile(flags.config, input.cwd ?? process.cwd(), input.home ?? homedir());
  const limiter = resolveLimiterSettings(input, file);

  const subdomain = flags.subdomain ?? env.SYNCRO_SUBDOMAIN ?? file?.subdomain;
  const explicitBase = flags.baseUrl ?? env.SYNCRO_BASE_URL ?? file?.baseUrl;
  if (!subdomain && !explicitBase) return null;

  const baseUrl = checkBaseUrl(explicitBase ?? `https://${subdomain}.syncromsp.com/api/v1`);
  const apiKey = env.SYNCRO_API_KEY ?? file?.apiKey;
  if (!apiKey) {
    throw new SyncroEtlError(
      'CONFIG_INVALID',
      `a Syncro account is configured (${baseUrl}) but no API key: set SYNCRO_API_KEY or "apiKey" in ${filePath ?? '.syncro-etl/config.json'}`,
    );
  }
  const origin =
    flags.baseUrl || flags.subdomain ? 'flags' : env.SYNCRO_BASE_URL || env.SYNCRO_SUBDOMAIN ? 'environment' : `config ${filePath}`;
  return { baseUrl, apiKey, ...limiter, origin };
}

export function resolveLimiterSettings(input: ResolveInput = {}, preloaded?: ConfigFile): LimiterSettings {
  const env = input.env ?? process.env;
  const flags = input.flags ?? {};
  const file = preloaded ?? readConfigFile(flags.config, input.cwd ?? process.cwd(), input.home ?? homedir()).file;
  if (flags.rateLimit !== undefined && !rateInRange(flags.rateLimit)) {
    throw new SyncroEtlError(
      'INVALID_ARGUMENT',
      `--rate-limit must be a whole number of requests per minute from ${RATE_LIMIT_RANGE.min} to ${RATE_LIMIT_RANGE.max}, not ${flags.rateLimit}`,
    );
  }
  const rateLimit = flags.rateLimit ?? parseRate(env.SYNCRO_RATE_LIMIT) ?? file?.rateLimit ?? DEFAULT_RATE_LIMIT;
  const redisUrl = flags.redis ?? env.SYNCRO_REDIS_URL ?? file?.redis;
  return redisUrl ? { rateLimit, redisUrl } : { rateLimit };
}

function parseRate(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!rateInRange(n)) {
    throw new SyncroEtlError(
      'CONFIG_INVALID',
      `SYNCRO_RATE_LIMIT must be a whole number of requests per minute from ${RATE_LIMIT_RANGE.min} to ${RATE_LIMIT_RANGE.max}, not "${raw}"`,
    );
  }
  return n;
}

function rateInRange(n: number): boolean {
  return Number.isInteger(n) && n >= RATE_LIMIT_RANGE.min && n <= RATE_LIMIT_RANGE.max;
}

/** https everywhere, plain http only for this machine. Returns the URL without a trailing slash. */
export function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SyncroEtlError('CONFIG_INVALID', `"${raw}" is not a URL; expected e.g. https://yourshop.syncromsp.com/api/v1`);
  }
  const local = ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new SyncroEtlError(
      'INSECURE_BASE_URL',
      `refusing ${url.origin}: the API key would travel unencrypted. Use https (plain http is allowed only for 127.0.0.1/localhost).`,
    );
  }
  if (url.username || url.password || url.search) {
    throw new SyncroEtlError(
      'CONFIG_INVALID',
      'the base URL must not carry credentials or query parameters; put the key in SYNCRO_API_KEY',
    );
  }
  return url.href.replace(/\/+$/, '');
}

function readConfigFile(explicit: string | undefined, cwd: string, home: string): { file?: ConfigFile; path?: string } {
  const candidates = explicit
    ? [resolve(cwd, explicit)]
    : [join(cwd, '.syncro-etl', 'config.json'), join(home, '.config', 'syncro-etl', 'config.json')];
  for (const path of candidates) {
    if (!existsSync(path)) {
      if (explicit) throw new SyncroEtlError('CONFIG_INVALID', `config file ${path} (--config) does not exist`, { file: path });
      continue;
    }
    let raw: unknown;
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
      raw = JSON.parse(text);
    } catch (err) {
      // Never V8's message: it quotes the file, which holds the API key.
      const why = (err as NodeJS.ErrnoException).code
        ? `cannot be read (${(err as NodeJS.ErrnoException).code})`
        : `is ${jsonSyntaxProblem(err, text)}`;
      throw new SyncroEtlError('CONFIG_INVALID', `config file ${path} ${why}`, { file: path });
    }
    const parsed = ConfigFileSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
      throw new SyncroEtlError('CONFIG_INVALID', `config file ${path}: ${problems}`, { file: path });
    }
    return { file: parsed.data, path };
  }
  return {};
}
