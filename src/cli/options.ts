/** Option groups shared by commands that talk to Syncro. */
import type { Argv } from 'yargs';
import type { ConnectionFlags } from '../syncro/config.js';

export function withConnectionOptions<T>(y: Argv<T>) {
  return y
    .option('subdomain', {
      type: 'string',
      group: 'Syncro account:',
      describe: 'Your Syncro subdomain (or SYNCRO_SUBDOMAIN); the key comes from SYNCRO_API_KEY or the config file',
    })
    .option('base-url', {
      type: 'string',
      group: 'Syncro account:',
      describe: 'Full API base URL (or SYNCRO_BASE_URL), e.g. http://127.0.0.1:8787/api/v1',
    })
    .option('rate-limit', { type: 'number', group: 'Syncro account:', describe: 'Requests per minute (or SYNCRO_RATE_LIMIT; default 180)' })
    .option('redis', {
      type: 'string',
      group: 'Syncro account:',
      describe: 'Share the rate limit with other processes through Redis (or SYNCRO_REDIS_URL)',
    });
}

export function connectionFlags(args: Record<string, unknown>): ConnectionFlags {
  const flags: ConnectionFlags = {};
  if (typeof args.config === 'string') flags.config = args.config;
  if (typeof args.subdomain === 'string') flags.subdomain = args.subdomain;
  if (typeof args.baseUrl === 'string') flags.baseUrl = args.baseUrl;
  if (typeof args.rateLimit === 'number') flags.rateLimit = args.rateLimit;
  if (typeof args.redis === 'string') flags.redis = args.redis;
  return flags;
}
