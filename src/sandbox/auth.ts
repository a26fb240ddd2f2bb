/**
 * The four ways real clients send a Syncro API key: `Authorization: Bearer
 * <key>`, the raw key in `Authorization`, an `api_key` query parameter, or
 * `api_key` in the body. Any one of them matching is enough.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Params } from './params.js';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** The keys a request offers, in the order above. */
export function offeredKeys(headers: IncomingHttpHeaders, query: URLSearchParams, body: Params): string[] {
  const keys: string[] = [];
  const auth = headers.authorization?.trim();
  if (auth) {
    const bearer = /^bearer\s+(.+)$/i.exec(auth);
    keys.push(bearer?.[1]?.trim() ?? auth);
  }
  const fromQuery = query.get('api_key');
  if (fromQuery) keys.push(fromQuery);
  if (typeof body.api_key === 'string' && body.api_key !== '') keys.push(body.api_key);
  return keys;
}

/**
 * True when any offered key equals `apiKey` (compared in constant time).
 * @example isAuthorized({ authorization: 'Bearer k' }, new URLSearchParams(), {}, 'k') // true
 */
export function isAuthorized(headers: IncomingHttpHeaders, query: URLSearchParams, body: Params, apiKey: string): boolean {
  const want = digest(apiKey);
  return offeredKeys(headers, query, body).some((k) => timingSafeEqual(digest(k), want));
}
