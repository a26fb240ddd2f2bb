/**
 * Where a server profile lives: `./.syncro-etl/profiles/<host>[_<port>].json`
 * under the working directory, one per account. `doctor` writes it; commands
 * that talk to the same account load it when it is there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from '../syncro/profile.js';
import type { ServerProfile } from '../syncro/profile.js';

/** The profile file for the account at `baseUrl`. */
export function profilePathFor(baseUrl: string, cwd = process.cwd()): string {
  const url = new URL(baseUrl);
  const name = `${url.hostname}${url.port ? `_${url.port}` : ''}`.replace(/[^a-z0-9._-]/gi, '_');
  return join(cwd, '.syncro-etl', 'profiles', `${name}.json`);
}

/**
 * The saved profile of the account at `baseUrl`, or undefined when none was
 * saved or it was taken on another origin. An unreadable file is CONFIG_INVALID.
 */
export function loadProfileFor(baseUrl: string, cwd = process.cwd()): { profile: ServerProfile; file: string } | undefined {
  const file = profilePathFor(baseUrl, cwd);
  if (!existsSync(file)) return undefined;
  const profile = loadProfile(file);
  if (profile.origin !== undefined && profile.origin !== new URL(baseUrl).origin) return undefined;
  return { profile, file };
}
