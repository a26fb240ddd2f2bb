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

/** The connection options as the builders above parse them (plus the program's --config). */
export interface ConnectionArgs {
  config?: string | undefined;
  subdomain?: string | undefined;
  baseUrl?: string | undefined;
  rateLimit?: number | undefined;
  redis?: string | undefined;
}

/** Only the flags given: the config file and the environment fill the others. */
export function connectionFlags(args: ConnectionArgs): ConnectionFlags {
  const flags: ConnectionFlags = {};
  if (args.config !== undefined) flags.config = args.config;
  if (args.subdomain !== undefined) flags.subdomain = args.subdomain;
  if (args.baseUrl !== undefined) flags.baseUrl = args.baseUrl;
  if (args.rateLimit !== undefined) flags.rateLimit = args.rateLimit;
  if (args.redis !== undefined) flags.redis = args.redis;
  return flags;
}
