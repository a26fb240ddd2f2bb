/**
 * Rate-limit behaviour. By default nothing is forced: a 429 met during the
 * checks is reported, else "not observed". With the probe on, GET /me is sent
 * back to back until the first 429 (at most `limit + 10` requests), so the
 * limit is passed by one request; the 429's status, body and Retry-After are
 * reported, and the limiter pauses for the Retry-After it was given.
 */
import type { ServerProfile } from '../syncro/profile.js';
import type { RequestLimiter } from '../syncro/limiter.js';
import type { Prober, RawAnswer } from './probe.js';
import type { Findings } from './types.js';

function bodyShape(a: RawAnswer): string {
  if (a.json === undefined) return a.excerpt === '' ? 'empty body' : `not JSON (${a.contentType || 'no content type'})`;
  return `JSON ${JSON.stringify(a.json).slice(0, 80)}`;
}

export async function checkRateLimit(
  prober: Prober,
  findings: Findings,
  profile: ServerProfile,
  opts: { probe: boolean; perMinute: number; limiter: RequestLimiter },
): Promise<void> {
  if (!opts.probe) {
    findings.add(
      'rate limit',
      '429 answer',
      'unknown',
      'not observed',
      `not forced; the client backs off on its own when no Retry-After comes. \`doctor --rate-limit-probe\` finds it (uses one minute's budget of ${opts.perMinute} requests)`,
    );
    return;
  }
  const max = opts.perMinute + 10;
  for (let i = 1; i <= max; i++) {
    const a = await prober.unpaced('GET', 'me');
    if (a.status !== 429) continue;
    const header = a.retryAfter !== null;
    profile.retryAfterHeader = header;
    findings.add('rate limit', '429 answer', 'info', `after ${i} requests`, `body: ${bodyShape(a)}`);
    findings.add(
      'rate limit',
      'Retry-After on 429',
      header ? 'ok' : 'differs',
      header ? `${a.retryAfter} s` : 'absent',
      header ? 'honoured by the client' : 'the client backs off on its own (5 s, doubling)',
    );
    const seconds = Number(a.retryAfter);
    opts.limiter.pause(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000);
    return;
  }
  findings.add(
    'rate limit',
    '429 answer',
    'info',
    'none',
    `${max} requests in a row were all answered; the account's limit is above ${opts.perMinute}/min`,
  );
}
